/**
 * Each probe target with its current state and figures (issue 4): uptime per rolling window (1h/24h/7d/30d,
 * maintenance left out), usable hours, latency p50/p95 over 24 h, and the open incident if any. Probes are
 * district-wide facts: every signed-in role reads the same list.
 *
 * Uptime and incidents come from the state timeline (probe_segments); the latency percentiles from the raw
 * results of the last 24 h (kept 30 days), computed in PostgreSQL with percentile_disc, which is the
 * nearest-rank rule of server/domain/uptime.ts (a latency that was really measured).
 */
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { scopeStateId, type Scope } from "@/server/auth/scope";
import type { ProbeState } from "@/core/domain/probe-state";
import { incidentsFrom } from "@/core/domain/incidents";
import { uptime, UPTIME_WINDOWS, windowsEndingAt, type ProbeSegment, type UptimeWindowKey } from "@/core/domain/uptime";
import { loadSegmentsForTargets } from "@/server/services/probes/probe-segments";
import { CONFIG_SELECT, type ProbeTargetRow } from "@/server/services/probes/probe-targets";

export type UptimeSummary = {
  /** (UP + DEGRADED) / (measured time − maintenance), in percent; null without data. */
  upPercent: number | null;
  /** Hours UP and not slow. */
  usableHours: number;
  downMinutes: number;
  degradedMinutes: number;
  pendingMinutes: number;
  maintenanceMinutes: number;
  /** Minutes of the window that no check covers. */
  noDataMinutes: number;
};

export type OpenIncident = { startedAt: Date; state: "DOWN" | "DEGRADED"; firstError: string | null; durationSeconds: number };

export type ProbeTargetStatus = ProbeTargetRow & {
  state: ProbeState | null;
  stateSince: Date | null;
  lastCheckedAt: Date | null;
  lastLatencyMs: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  uptime: Record<UptimeWindowKey, UptimeSummary>;
  latency24h: { p50: number | null; p95: number | null; checks: number };
  openIncident: OpenIncident | null;
};

const minutes = (ms: number) => Math.round(ms / 6000) / 10;

function summary(segments: readonly ProbeSegment[], window: { from: Date; to: Date }, now: Date): UptimeSummary {
  const f = uptime(segments, window, now);
  return {
    upPercent: f.upPercent,
    usableHours: f.usableHours,
    downMinutes: minutes(f.downMs),
    degradedMinutes: minutes(f.degradedMs),
    pendingMinutes: minutes(f.pendingMs),
    maintenanceMinutes: minutes(f.maintenanceMs),
    noDataMinutes: minutes(f.noDataMs),
  };
}

type LatencyRow = { targetId: number; p50: number | null; p95: number | null; checks: number };

async function latency24h(db: Db, targetIds: number[], now: Date): Promise<Map<number, LatencyRow>> {
  if (targetIds.length === 0) return new Map();
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const rows = await db.$queryRaw<LatencyRow[]>(Prisma.sql`
    SELECT target_id AS "targetId",
           percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms)::int AS p50,
           percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms)::int AS p95,
           count(*)::int AS checks
    FROM probe_results
    WHERE target_id IN (${Prisma.join(targetIds)}) AND ok AND latency_ms IS NOT NULL
      AND checked_at > ${since} AND checked_at <= ${now}
    GROUP BY target_id`);
  return new Map(rows.map((r) => [r.targetId, r]));
}

const TARGET_SELECT = {
  ...CONFIG_SELECT,
  state: true,
  stateSince: true,
  lastCheckedAt: true,
  lastLatencyMs: true,
  lastStatusCode: true,
  lastError: true,
} as const;

async function statuses(db: Db, where: Prisma.ProbeTargetWhereInput, now: Date): Promise<ProbeTargetStatus[]> {
  const targets = await db.probeTarget.findMany({ where, select: TARGET_SELECT, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const ids = targets.map((t) => t.id);
  const windows = windowsEndingAt(now);
  const [segments, latency] = await Promise.all([loadSegmentsForTargets(db, ids, windows["30d"], now), latency24h(db, ids, now)]);
  return targets.map((t) => {
    const segs = segments.get(t.id) ?? [];
    const open = incidentsFrom(segs, now).find((i) => i.endedAt === null) ?? null;
    const lat = latency.get(t.id);
    return {
      ...t,
      uptime: Object.fromEntries(UPTIME_WINDOWS.map((k) => [k, summary(segs, windows[k], now)])) as Record<UptimeWindowKey, UptimeSummary>,
      latency24h: { p50: lat?.p50 ?? null, p95: lat?.p95 ?? null, checks: lat?.checks ?? 0 },
      openIncident: open ? { startedAt: open.startedAt, state: open.state, firstError: open.firstError, durationSeconds: open.durationSeconds } : null,
    };
  });
}

/** Every target of the scope's state (paused ones included), by name. */
export function listProbeStatuses(db: Db, scope: Scope, now: Date): Promise<ProbeTargetStatus[]> {
  return statuses(db, { stateId: scopeStateId(scope) ?? -1 }, now);
}

/** One target of the scope's state; another state's reads like one that does not exist (null). */
export async function getProbeStatus(db: Db, scope: Scope, id: number, now: Date): Promise<ProbeTargetStatus | null> {
  return (await statuses(db, { id, stateId: scopeStateId(scope) ?? -1 }, now))[0] ?? null;
}
