/**
 * The events pushed to open dashboards (issue 5). They are announced by database triggers (migration
 * 20261126030000_live_events) on the PostgreSQL channel "teeka_events", so every app instance hears every
 * change, whoever made it. An event says what changed and where, never personal data: clients refetch.
 */
import "server-only";
import { z } from "zod";
import type { Scope } from "@/server/auth/scope";

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
export type StreamEvent = LiveEvent | { type: "sync"; blockId: null; block: null; at: string; reason: string };

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
 * Deny by default, like the rest of the scope module: a block user gets their block's events and the
 * district-wide ones (blockId null: the portal's state concerns every block); a district user gets all.
 * `onlyBlockId` narrows a stream further (a wall screen for one block); callers check it is in scope first.
 */
export function eventVisibleTo(event: StreamEvent, scope: Scope, onlyBlockId?: number): boolean {
  if (onlyBlockId !== undefined && event.blockId !== null && event.blockId !== onlyBlockId) return false;
  if (event.blockId === null) return scope.kind !== "none";
  if (scope.kind === "district") return true;
  return scope.kind === "block" && scope.blockId === event.blockId;
}
