/**
 * The events pushed to open dashboards (issue 5). They are announced by database triggers (migration
 * 20261126030000_live_events) on the PostgreSQL channel "teeka_events", so every app instance hears every
 * change, whoever made it. An event says what changed and where, never personal data: clients refetch.
 */
import "server-only";
import { z } from "zod";
import { canSeeBlock, canSeeDistrict, type Scope } from "@/server/auth/scope";

export const EVENT_CHANNEL = "teeka_events";

export const LIVE_EVENT_TYPES = [
  "record.created",
  "record.status",
  "import.completed",
  "import.failed",
  "probe.state",
  "probe.result",
  "probe.field",
  "alert.created",
] as const;

export const ZLiveEvent = z.looseObject({
  type: z.enum(LIVE_EVENT_TYPES),
  /** Whose event it is: a district's (districtId, and blockId for a block's) or its state's (districtId null). */
  stateId: z.number().int().nullable(),
  districtId: z.number().int().nullable(),
  blockId: z.number().int().nullable(),
  block: z.string().nullable(),
  at: z.string(),
});
export type LiveEvent = z.infer<typeof ZLiveEvent>;

/**
 * What a subscriber receives: a database event, or "sync" — sent first on every (re)connection and after the
 * server's own listener reconnects, meaning "events may have been missed: refetch what you show". That is how
 * a tab that slept, or a dropped connection, catches up without an event store.
 */
export type StreamEvent =
  | LiveEvent
  | { type: "sync"; stateId: null; districtId: null; blockId: null; block: null; at: string; reason: string };

/** Null for a payload that is not one of ours (someone else's NOTIFY on the channel): ignored, not fatal. */
export function parseLiveEvent(payload: string | undefined): LiveEvent | null {
  if (!payload) return null;
  try {
    const parsed = ZLiveEvent.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Deny by default, like the rest of the scope module. A state-wide event (a probe target's: districtId null) reaches
 * everyone of that state; a district's event reaches the scopes that see that district; a block's event the scopes
 * that see that block (a block user: their own block only). "sync" reaches every non-empty scope.
 * `onlyBlockId` narrows a stream further (a wall screen for one block); callers check it is in scope first.
 */
export function eventVisibleTo(event: StreamEvent, scope: Scope, onlyBlockId?: number): boolean {
  if (scope.kind === "none") return false;
  if (event.type === "sync") return true;
  if (onlyBlockId !== undefined && event.blockId !== null && event.blockId !== onlyBlockId) return false;
  if (event.districtId === null) return event.stateId === scope.stateId;
  if (event.blockId === null) return canSeeDistrict(scope, event.districtId);
  return canSeeBlock(scope, { id: event.blockId, districtId: event.districtId });
}
