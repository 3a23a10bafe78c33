/**
 * Uptime figures of a probe target over a time window (issue 4). Pure functions; `now` is a parameter.
 *
 * The canonical input is a timeline of state segments, not a count of checks: Uptime Kuma counts beats, so a
 * target whose interval changed, or whose scheduler stalled, gets figures weighted by how often it was checked
 * rather than by how long it was down. Time is what the DIO reports ("down for four hours").
 */
import type { ProbeState } from "@/core/domain/probe-state";

const HOUR_MS = 3_600_000;

/** A stretch of one state. `to: null` means still ongoing: it ends at `now`. `error` is the first error seen. */
export type ProbeSegment = { state: ProbeState; from: Date; to: Date | null; error?: string | null };

export type ProbeResult = { checkedAt: Date; state: ProbeState; error?: string | null };

export type TimeWindow = { from: Date; to: Date };

export type UptimeFigures = {
  /** (UP + DEGRADED) / (time with data − maintenance), in percent; null when that denominator is zero. */
  upPercent: number | null;
  /** UP time only, in hours: the portal answered, fast and with the right page. */
  usableHours: number;
  upMs: number;
  degradedMs: number;
  pendingMs: number;
  downMs: number;
  maintenanceMs: number;
  /** Time inside the window (up to `now`) that no segment covers. */
  noDataMs: number;
  /** Time inside the window covered by a segment of any state, maintenance included. */
  coveredMs: number;
};

/** A result's state holds until the next result, but no longer than this many intervals. */
export const MAX_GAP_INTERVALS = 2;

/**
 * Raw results → segments. Each result's state holds until the next result, or for at most
 * 2 × `intervalMs` (a stalled scheduler is "no data", not a continuation of the last state). Consecutive
 * results of the same state merge into one segment that keeps the first error. The last segment is ongoing
 * (`to: null`) only if its hold reaches `now`; results after `now` are ignored. Input need not be sorted.
 */
export function segmentsFromResults(results: readonly ProbeResult[], intervalMs: number, now: Date): ProbeSegment[] {
  if (!(intervalMs > 0)) throw new RangeError(`intervalMs must be positive, got ${intervalMs}`);
  const maxGapMs = MAX_GAP_INTERVALS * intervalMs;
  const nowMs = now.getTime();
  const sorted = results.filter((r) => r.checkedAt.getTime() <= nowMs).sort((a, b) => a.checkedAt.getTime() - b.checkedAt.getTime());
  const segments: { state: ProbeState; from: number; to: number; error: string | null }[] = [];
  sorted.forEach((result, i) => {
    const at = result.checkedAt.getTime();
    const next = sorted[i + 1];
    const to = Math.min(at + maxGapMs, next ? next.checkedAt.getTime() : nowMs);
    if (to <= at && next) return; // a duplicate timestamp: the later result of the same instant wins
    const last = segments[segments.length - 1];
    if (last && last.state === result.state && last.to === at) {
      last.to = to;
      last.error ??= result.error ?? null;
    } else {
      segments.push({ state: result.state, from: at, to, error: result.error ?? null });
    }
  });
  return segments.map((s, i) => {
    const ongoing = i === segments.length - 1 && s.to === nowMs;
    return { state: s.state, from: new Date(s.from), to: ongoing ? null : new Date(s.to), error: s.error };
  });
}

/**
 * Figures for `window`, each segment clipped to it to the millisecond. The window is also cut at `now`: the
 * future is neither data nor a gap. Overlapping segments count once (the earlier-starting one wins), so a
 * sloppy caller cannot push a figure above 100 %.
 *
 * Decisions: DEGRADED counts as up (the portal answered) but not as usable; PENDING counts against uptime
 * (the checks did fail; retries only delay the DOWN verdict, as in Uptime Kuma); MAINTENANCE is left out of
 * both sides of the ratio. No data, or only maintenance, gives null — never a made-up 0 % or 100 %.
 */
export function uptime(segments: readonly ProbeSegment[], window: TimeWindow, now: Date): UptimeFigures {
  const start = window.from.getTime();
  const end = Math.min(window.to.getTime(), now.getTime());
  const ms: Record<ProbeState, number> = { UP: 0, DEGRADED: 0, PENDING: 0, DOWN: 0, MAINTENANCE: 0 };
  let cursor = start;
  for (const s of sortedByStart(segments)) {
    const from = Math.max(s.from.getTime(), cursor);
    const to = Math.min((s.to ?? now).getTime(), end);
    if (to <= from) continue;
    ms[s.state] += to - from;
    cursor = to;
  }
  const coveredMs = ms.UP + ms.DEGRADED + ms.PENDING + ms.DOWN + ms.MAINTENANCE;
  const countedMs = coveredMs - ms.MAINTENANCE;
  return {
    upPercent: countedMs > 0 ? ((ms.UP + ms.DEGRADED) / countedMs) * 100 : null,
    usableHours: ms.UP / HOUR_MS,
    upMs: ms.UP,
    degradedMs: ms.DEGRADED,
    pendingMs: ms.PENDING,
    downMs: ms.DOWN,
    maintenanceMs: ms.MAINTENANCE,
    noDataMs: Math.max(0, end - start) - coveredMs,
    coveredMs,
  };
}

export function sortedByStart(segments: readonly ProbeSegment[]): ProbeSegment[] {
  return [...segments].sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * Nearest-rank percentiles: the smallest value with at least p % of the values at or below it
 * (rank ⌈p/100 × n⌉, 1-based). Always a latency that was really measured, never an interpolated one.
 * Non-finite and negative values (a failed check has no latency) are ignored; null when none is left.
 */
export function latencyPercentiles(latenciesMs: readonly number[]): { p50: number | null; p95: number | null } {
  const sorted = latenciesMs.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? null : sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!);
  return { p50: at(50), p95: at(95) };
}

export const UPTIME_WINDOWS = ["1h", "24h", "7d", "30d"] as const;
export type UptimeWindowKey = (typeof UPTIME_WINDOWS)[number];

const WINDOW_MS: Record<UptimeWindowKey, number> = { "1h": HOUR_MS, "24h": 24 * HOUR_MS, "7d": 7 * 24 * HOUR_MS, "30d": 30 * 24 * HOUR_MS };

/** The rolling windows of the probes page, ending exactly at `now` (IST has no DST: a day is always 24 h). */
export function windowsEndingAt(now: Date): Record<UptimeWindowKey, TimeWindow> {
  const window = (key: UptimeWindowKey): TimeWindow => ({ from: new Date(now.getTime() - WINDOW_MS[key]), to: new Date(now.getTime()) });
  return { "1h": window("1h"), "24h": window("24h"), "7d": window("7d"), "30d": window("30d") };
}
