import "server-only";
/**
 * Read models computed once per change, not once per request (issue 13). The dashboards' heavier figures
 * (forecasts, pending history, summaries) are the same for every user of one scope, so each is computed once per
 * (read model, scope, arguments) and served to everyone with that scope until
 * - a change event for its place arrives (the database triggers NOTIFY every change; every instance LISTENs, so
 *   an instance hears the changes the other instances made), or this instance itself wrote there (a mutation
 *   invalidates its caller's places at once, without waiting for the NOTIFY to come back), or
 * - it is older than the read model's bound (its figures age with the clock: "due within 6 h", the forecast's
 *   rate window), or the clock it was computed for is not the one asked for.
 *
 * So a page never shows figures older than the last change its instance was told about, and never older than
 * the bound (maxAgeMs per read model, in the README). Concurrent requests for the same entry share one
 * computation (the review meeting's thundering herd). While the instance's LISTEN connection is down, changes
 * could be missed, so nothing is served from the cache then (every request computes, as before), and a
 * reconnection drops everything.
 *
 * The figures are exactly those of the record-by-record computation: the cache stores the service's own answer
 * (tests compare the two after changes).
 */
import { LRUCache } from "lru-cache";
import { scopeDistrictIds, scopeStateId, type Scope } from "@/server/auth/scope";
import { getEventBus, type EventBus } from "@/server/events/event-bus";
import type { StreamEvent } from "@/server/events/live-event";
import { appConfig } from "@/server/config";

export type ReadModelSpec = {
  name: string;
  /** The oldest an answer may be served, in ms of the clock it was computed for. */
  maxAgeMs: number;
  /** Whether the portal's state changes it (the pending history draws the outages). */
  followsPortalState?: boolean;
};

type Entry = { value: Promise<unknown>; computedAt: number; stamp: string };

const MAX_ENTRIES = 5_000;

/** Version counters: "d:<district>" any change in a district, "dw:<district>" a district-wide one (no block), "b:<block>", "s:<state>" the portal's state. */
const versions = new Map<string, number>();
let epoch = 0;
/** null until first use: then the configuration's TEEKA_READ_MODELS (tests may switch it). */
let enabled: boolean | null = null;
let bus: EventBus | null = null;
const entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES });
const stats = { hits: 0, misses: 0, bypassed: 0 };

function bump(key: string) {
  versions.set(key, (versions.get(key) ?? 0) + 1);
}

const DISTRICT_DATA_EVENTS = new Set<StreamEvent["type"]>(["record.created", "record.status", "import.completed", "import.failed", "alert.created"]);

/** What an event changes. Probe results and field reports change none of the cached figures (only a state change does). */
export function noteEvent(event: StreamEvent): void {
  if (event.type === "sync") {
    epoch++;
    entries.clear();
    return;
  }
  if (event.type === "probe.state" && event.stateId !== null) return bump(`s:${event.stateId}`);
  if (!DISTRICT_DATA_EVENTS.has(event.type) || event.districtId === null) return;
  bump(`d:${event.districtId}`);
  if (event.blockId === null) bump(`dw:${event.districtId}`);
  else bump(`b:${event.blockId}`);
}

/** This instance wrote within the scope: its places' answers are stale now, before any NOTIFY comes back. */
export function invalidateScope(scope: Scope): void {
  if (scope.kind === "none") return;
  for (const districtId of scopeDistrictIds(scope)) {
    bump(`d:${districtId}`);
    bump(`dw:${districtId}`);
  }
  if (scope.kind === "block") bump(`b:${scope.blockId}`);
  bump(`s:${scope.stateId}`);
}

function stampOf(spec: ReadModelSpec, scope: Scope): string {
  if (scope.kind === "none") return `${epoch}`;
  const v = (key: string) => `${key}=${versions.get(key) ?? 0}`;
  const parts =
    scope.kind === "block"
      ? [v(`dw:${scope.districtId}`), v(`b:${scope.blockId}`)]
      : scopeDistrictIds(scope).map((id) => v(`d:${id}`));
  if (spec.followsPortalState) parts.push(v(`s:${scopeStateId(scope)}`));
  return `${epoch}|${parts.join(",")}`;
}

function scopeKeyOf(scope: Scope): string {
  switch (scope.kind) {
    case "state":
      return `state:${scope.stateId}:${[...scope.districtIds].sort((a, b) => a - b).join(",")}`;
    case "district":
      return `district:${scope.districtId}`;
    case "block":
      return `block:${scope.districtId}:${scope.blockId}`;
    case "none":
      return "none";
  }
}

/** Listens on first use; serves from the cache only while the listener is connected. */
function cacheUsable(): boolean {
  enabled ??= appConfig().TEEKA_READ_MODELS === "on";
  if (!enabled) return false;
  if (!bus) {
    bus = getEventBus();
    bus.subscribe(noteEvent);
  }
  return bus.isConnected();
}

/**
 * The answer of `compute` for this read model, scope and arguments, computed once per change (see above).
 * `args` must hold everything the answer depends on besides the scope and the clock (plain JSON values).
 */
export async function readModel<T>(spec: ReadModelSpec, scope: Scope, now: Date, args: unknown, compute: () => Promise<T>): Promise<T> {
  if (scope.kind === "none" || !cacheUsable()) {
    stats.bypassed++;
    return compute();
  }
  const key = `${spec.name}|${scopeKeyOf(scope)}|${JSON.stringify(args ?? null)}`;
  const stamp = stampOf(spec, scope);
  const at = now.getTime();
  const hit = entries.get(key);
  if (hit && hit.stamp === stamp && at >= hit.computedAt && at - hit.computedAt <= spec.maxAgeMs) {
    stats.hits++;
    return hit.value as Promise<T>;
  }
  stats.misses++;
  const value = compute();
  const entry: Entry = { value, computedAt: at, stamp };
  entries.set(key, entry);
  // A failed computation is not remembered: the next request tries again.
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}

/** Counters for the metrics and the benchmarks. */
export function readModelStats() {
  return { ...stats, entries: entries.size };
}

/** Tests and benchmarks: switch the cache on or off (on by default), and forget everything. */
export function configureReadModels(options: { enabled: boolean; bus?: EventBus }): void {
  enabled = options.enabled;
  if (options.bus) {
    bus = options.bus;
    bus.subscribe(noteEvent);
  }
  entries.clear();
  epoch++;
}
