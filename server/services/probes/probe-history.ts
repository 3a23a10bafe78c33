/**
 * A probe target's history over a date range (issue 4): the latency series (from probe_rollups, so a chart
 * over months never scans raw results), the state timeline clipped to the range, and the incidents.
 *
 * Grain: a range up to 6 h is drawn per minute, up to 14 days per hour, longer per day (≤ 400 points at most).
 * Minute rollups are kept 14 days and hour rollups 400 days, so an older range falls back to the next grain.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import type { RollupGrain } from "@/server/generated/prisma/enums";
import type { ProbeState } from "@/core/domain/probe-state";
import { incidentsFrom, type Incident } from "@/core/domain/incidents";
import type { TimeWindow } from "@/core/domain/uptime";
import { loadSegments } from "@/server/services/probes/probe-segments";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const GRAIN_MS: Record<RollupGrain, number> = { MINUTE: MINUTE_MS, HOUR: HOUR_MS, DAY: DAY_MS };
const MINUTE_RETENTION_MS = 14 * DAY_MS;
const HOUR_RETENTION_MS = 400 * DAY_MS;

export function grainFor(range: TimeWindow, now: Date): RollupGrain {
  const length = range.to.getTime() - range.from.getTime();
  const age = now.getTime() - range.from.getTime();
  if (length <= 6 * HOUR_MS && age <= MINUTE_RETENTION_MS) return "MINUTE";
  if (length <= 14 * DAY_MS && age <= HOUR_RETENTION_MS) return "HOUR";
  return "DAY";
}

export type LatencyPoint = {
  /** Start of the bucket (IST-aligned for HOUR and DAY). */
  at: Date;
  avgMs: number | null;
  /** Exact per bucket for MINUTE and HOUR; null for DAY. */
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  checks: number;
  /** Checks that failed outside maintenance (PENDING + DOWN). */
  failedChecks: number;
  degradedChecks: number;
  maintenanceChecks: number;
};

export type LatencySeries = { grain: RollupGrain; points: LatencyPoint[] };

/** Buckets that overlap the range, oldest first. Buckets without checks are absent (a gap, not a zero). */
export async function getLatencySeries(db: Db, targetId: number, range: TimeWindow, now: Date): Promise<LatencySeries> {
  const grain = grainFor(range, now);
  const rows = await db.probeRollup.findMany({
    where: { targetId, grain, bucketStart: { gt: new Date(range.from.getTime() - GRAIN_MS[grain]), lt: range.to } },
    orderBy: { bucketStart: "asc" },
  });
  return {
    grain,
    points: rows.map((r) => ({
      at: r.bucketStart,
      avgMs: r.latencyCount > 0 ? Math.round(r.latencySumMs / r.latencyCount) : null,
      p50Ms: r.latencyP50Ms,
      p95Ms: r.latencyP95Ms,
      maxMs: r.latencyMaxMs,
      checks: r.checks,
      failedChecks: r.pendingChecks + r.downChecks,
      degradedChecks: r.degradedChecks,
      maintenanceChecks: r.maintenanceChecks,
    })),
  };
}

export type TimelineSegment = { state: ProbeState; from: Date; to: Date; error: string | null };

/** The state strip: segments clipped to the range and to `now` (an open segment ends at min(to, now)). */
export async function getTimeline(db: Db, targetId: number, range: TimeWindow, now: Date): Promise<TimelineSegment[]> {
  const start = range.from.getTime();
  const end = Math.min(range.to.getTime(), now.getTime());
  const segments = await loadSegments(db, targetId, range, now);
  const out: TimelineSegment[] = [];
  for (const s of segments) {
    const from = Math.max(s.from.getTime(), start);
    const to = Math.min((s.to ?? now).getTime(), end);
    if (to > from) out.push({ state: s.state, from: new Date(from), to: new Date(to), error: s.error ?? null });
  }
  return out;
}

/** Segments this far before the range are read too, so that an incident that began earlier keeps its start. */
const INCIDENT_LOOKBACK_MS = 7 * DAY_MS;

/**
 * Incidents that overlap the range (all of them without one), oldest first, as a log reads. Durations of open
 * incidents run to `now`.
 */
export async function listIncidents(db: Db, targetId: number, range: Partial<TimeWindow>, now: Date): Promise<Incident[]> {
  const from = range.from ?? new Date(0);
  const to = range.to ?? now;
  const segments = await loadSegments(db, targetId, { from: new Date(from.getTime() - INCIDENT_LOOKBACK_MS), to }, now);
  return incidentsFrom(segments, now).filter((i) => i.startedAt.getTime() < to.getTime() && (i.endedAt === null || i.endedAt.getTime() > from.getTime()));
}
