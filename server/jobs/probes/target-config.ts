/**
 * What the probe scheduler reads about its targets: the configuration, the scheduler memory left by the
 * previous holder of the lease, and the maintenance windows that are not over yet. One cheap raw query each,
 * repeated every few seconds so that edits made through the API take effect without a restart.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import type { ProbeState } from "@/core/domain/probe-state";
import type { ProbeTargetConfig } from "@/server/services/probes/probe-target-schema";
import type { CheckTarget } from "@/server/jobs/probes/check";
import type { TimeSpan } from "@/server/jobs/probes/schedule";

export type TargetRow = Omit<ProbeTargetConfig, "enabled"> & {
  id: number;
  stateId: number;
  state: ProbeState | null;
  stateSince: Date | null;
  consecutiveFailures: number;
  outageStartedAt: Date | null;
  lastCheckedAt: Date | null;
};

/** Enabled targets, optionally only some ids, in id order. */
export async function loadEnabledTargets(db: Db, onlyIds: readonly number[] | undefined): Promise<TargetRow[]> {
  const ids = onlyIds ? [...onlyIds] : null;
  return db.$queryRaw<TargetRow[]>`
    SELECT id, state_id AS "stateId", name, url, method::text AS method, expected_status AS "expectedStatus", keyword,
           interval_seconds AS "intervalSeconds", timeout_ms AS "timeoutMs", slow_ms AS "slowMs", retries,
           state::text AS state, state_since AS "stateSince", consecutive_failures AS "consecutiveFailures",
           outage_started_at AS "outageStartedAt", last_checked_at AS "lastCheckedAt"
    FROM probe_targets
    WHERE enabled AND (${ids}::int[] IS NULL OR id = ANY(${ids}::int[]))
    ORDER BY id`;
}

/** Maintenance windows of the given targets that end after `now`. */
export async function loadMaintenanceWindows(db: Db, targetIds: readonly number[], now: Date): Promise<Map<number, TimeSpan[]>> {
  const byTarget = new Map<number, TimeSpan[]>();
  if (targetIds.length === 0) return byTarget;
  const rows = await db.$queryRaw<{ targetId: number; startsAt: Date; endsAt: Date }[]>`
    SELECT target_id AS "targetId", starts_at AS "startsAt", ends_at AS "endsAt"
    FROM probe_maintenance_windows
    WHERE target_id = ANY(${[...targetIds]}::int[]) AND ends_at > ${now.toISOString()}::timestamp(3)`;
  for (const row of rows) {
    const list = byTarget.get(row.targetId) ?? [];
    list.push({ startsAt: row.startsAt, endsAt: row.endsAt });
    byTarget.set(row.targetId, list);
  }
  return byTarget;
}

export function checkTargetOf(row: TargetRow): CheckTarget {
  return { url: row.url, method: row.method, expectedStatus: row.expectedStatus, keyword: row.keyword, timeoutMs: row.timeoutMs, slowMs: row.slowMs };
}

/** Fields whose change means the target is probed differently (the memory columns are the scheduler's own). */
export function sameConfig(a: TargetRow, b: TargetRow): boolean {
  return (
    a.name === b.name &&
    a.url === b.url &&
    a.method === b.method &&
    a.keyword === b.keyword &&
    a.intervalSeconds === b.intervalSeconds &&
    a.timeoutMs === b.timeoutMs &&
    a.slowMs === b.slowMs &&
    a.retries === b.retries &&
    a.expectedStatus.length === b.expectedStatus.length &&
    a.expectedStatus.every((s, i) => s === b.expectedStatus[i])
  );
}
