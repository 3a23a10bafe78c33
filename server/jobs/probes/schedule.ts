/**
 * Schedule arithmetic of the probe scheduler (issue 4). Pure: every function takes the clock as a number of
 * milliseconds, so the cadence rules are tested with a pinned clock.
 */
import "server-only";
import { isOutage, type ProbeState } from "@/core/domain/probe-state";

/** The engine accepts any interval from 1 s; the API's bounds for targets are stricter. */
export const MIN_INTERVAL_MS = 1000;

/**
 * The scheduler's granularity: due times are multiples of this (since the epoch), so the checks of one slot
 * start together on one timer wake-up. It divides every allowed interval (whole seconds).
 */
export const SLOT_MS = 250;

/** The first slot boundary at or after `ms`: never earlier, so a continued cadence never shortens an interval. */
export function alignToSlot(ms: number, slotMs: number = SLOT_MS): number {
  return Math.ceil(ms / slotMs) * slotMs;
}

/** 1/φ: multiples of it modulo 1 spread evenly over [0, 1) for consecutive ids (Weyl sequence). */
const GOLDEN_FRACTION = 0.6180339887498949;

/** Where in its interval a target's checks fall: a fixed fraction of the interval, the same on every start. */
export function staggerOffsetMs(targetId: number, intervalMs: number): number {
  const fraction = (targetId * GOLDEN_FRACTION) % 1;
  return Math.floor(fraction * intervalMs);
}

/**
 * The first due time of a target the scheduler has just picked up. If the previous holder of the lease checked
 * it less than an interval ago, the cadence continues from that check (no double check at a hand-over);
 * otherwise the first check is spread over the coming interval by id, so 200 targets do not fire at once.
 */
export function firstDueMs(targetId: number, intervalMs: number, nowMs: number, lastCheckedAtMs: number | null): number {
  if (lastCheckedAtMs !== null) {
    const next = lastCheckedAtMs + intervalMs;
    if (next > nowMs && next <= nowMs + intervalMs) return next;
  }
  return nowMs + staggerOffsetMs(targetId, intervalMs);
}

/**
 * The next due time after a check that was due at `dueMs`: previous due + interval, never "now + interval", so
 * the time a check takes does not make the cadence drift. Slots already in the past (the process was paused, or
 * the event loop blocked) are skipped rather than run in a burst.
 */
export function nextDueMs(dueMs: number, intervalMs: number, nowMs: number): number {
  const next = dueMs + intervalMs;
  if (next > nowMs) return next;
  const missed = Math.floor((nowMs - dueMs) / intervalMs);
  return dueMs + (missed + 1) * intervalMs;
}

/**
 * When the current outage (stretch of DOWN/DEGRADED) started: set on entering one from a non-outage state
 * (or from nothing), kept while moving between DOWN and DEGRADED, cleared on leaving.
 */
export function nextOutageStart(prevState: ProbeState | null, prevOutageStartedAt: Date | null, state: ProbeState, at: Date): Date | null {
  if (!isOutage(state)) return null;
  if (prevState !== null && isOutage(prevState) && prevOutageStartedAt !== null) return prevOutageStartedAt;
  return at;
}

export type TimeSpan = { startsAt: Date; endsAt: Date };

/** Inside a maintenance window: start inclusive, end exclusive. */
export function inMaintenance(windows: readonly TimeSpan[], atMs: number): boolean {
  return windows.some((w) => w.startsAt.getTime() <= atMs && atMs < w.endsAt.getTime());
}

/** Nearest-rank percentile of an already sorted list; null when empty. */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] ?? null;
}
