/**
 * Pending entries over time, with the portal's outages over the same range (issue 4: cause and effect on one
 * chart). Computed from the records' history; no snapshots are kept.
 *
 * pending(t) = records vaccinated at or before t whose status at t was PENDING.
 *
 * A record's status at t is replayed from its status changes (status_changes):
 * - before its first change a record is PENDING (a register line is written down before anyone keys it in);
 *   the creation row (null → PENDING) that imports and the demo seed write therefore changes nothing;
 * - a change that the district officer undid (undone_at set), and its reversal (undo_of_id set), are left out
 *   together: the mark was a mistake, so the record was pending on the portal all along. Undo is allowed only
 *   on a record's latest PENDING → ENTERED/REJECTED change, so dropping the pair leaves the chain consistent,
 *   and the last point still equals the current count.
 *
 * As events: +1 at the vaccination, and for each remaining change ±1 (to PENDING / from PENDING) at
 * max(changed_at, vaccinated_at) — a change before the vaccination only sets the status the record starts with.
 * Events are grouped by the point they first count at and summed cumulatively, in one statement.
 */
import "server-only";
import { AppError } from "@/server/errors/app-error";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { scopeSql, scopeStateId, type Scope } from "@/server/auth/scope";
import { incidentsFrom } from "@/core/domain/incidents";
import { loadSegmentsForTargets } from "@/server/services/probes/probe-segments";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_HISTORY_DAYS = 8;
export const MAX_HISTORY_DAYS = 31;

export type PendingPoint = { at: Date; pending: number };

export type OutageBand = {
  targetId: number;
  target: string;
  state: "DOWN" | "DEGRADED";
  startedAt: Date;
  /** null while the outage is still open. */
  endedAt: Date | null;
  firstError: string | null;
};

export type PendingHistory = { from: Date; to: Date; points: PendingPoint[]; outages: OutageBand[] };

/** The asked-for range, defaulted (the last 8 days) and checked; `to` is never later than `now`. */
export function resolveHistoryRange(now: Date, from?: Date, to?: Date): { from: Date; to: Date } {
  const end = to && to.getTime() < now.getTime() ? to : now;
  const start = from ?? new Date(end.getTime() - DEFAULT_HISTORY_DAYS * DAY_MS);
  if (start.getTime() >= end.getTime()) {
    throw new AppError("BAD_REQUEST", "historyRangeReversed");
  }
  if (end.getTime() - start.getTime() > MAX_HISTORY_DAYS * DAY_MS) {
    throw new AppError("BAD_REQUEST", "historyRangeTooLong", { max: MAX_HISTORY_DAYS });
  }
  return { from: start, to: end };
}

/**
 * Pending count at `from`, at every IST hour mark (hh:00 IST = hh:30 UTC) after it, and at `to`, for the
 * caller's scope, optionally one block. The caller checks that the block is in scope.
 */
export async function getPendingPoints(db: Db, scope: Scope, range: { from: Date; to: Date }, onlyBlockId?: number): Promise<PendingPoint[]> {
  const inScope = Prisma.sql`${scopeSql(scope, { district: Prisma.sql`r.district_id`, block: Prisma.sql`r.block_id` })} AND ${onlyBlockId === undefined ? Prisma.sql`TRUE` : Prisma.sql`r.block_id = ${onlyBlockId}`}`;
  const t0 = Prisma.sql`${range.from}::timestamp(3)`;
  const t1 = Prisma.sql`${range.to}::timestamp(3)`;
  const rows = await db.$queryRaw<{ at: Date; pending: bigint | number }[]>`
    WITH points AS (
      SELECT ${t0} AS at
      UNION
      -- IST hour marks after t0: the IST hour floor of t0 is date_trunc('hour', t0 - 30 min) + 30 min.
      SELECT generate_series(date_trunc('hour', ${t0} - interval '30 minutes') + interval '90 minutes', ${t1}, interval '1 hour')
      UNION
      SELECT ${t1}
    ),
    numbered AS (SELECT at, row_number() OVER (ORDER BY at) AS k FROM points),
    -- Point k collects the events in (point k-1, point k]. width_bucket against the points shifted by 1 µs
    -- counts the points strictly before an event (times are whole milliseconds), a binary search per event.
    bounds AS (SELECT array_agg(at + interval '1 microsecond' ORDER BY at) AS lower FROM points),
    events AS (
      SELECT r.vaccinated_at AS at, 1 AS delta
      FROM vaccination_records r
      WHERE ${inScope} AND r.vaccinated_at <= ${t1}
      UNION ALL
      -- Creation rows (null → PENDING) change nothing and are half the table: skipped. The rest all go through,
      -- with delta 0 when they do not move the record in or out of PENDING; a sharper filter here makes the
      -- planner (before autovacuum has analysed a fresh seed) guess a handful of rows and probe the records
      -- index once per change instead of hashing the records.
      SELECT greatest(c.changed_at, r.vaccinated_at),
             CASE WHEN c.undone_at IS NOT NULL OR c.undo_of_id IS NOT NULL THEN 0
                  ELSE (CASE WHEN c.to_status = 'PENDING' THEN 1 ELSE 0 END) - (CASE WHEN coalesce(c.from_status, 'PENDING') = 'PENDING' THEN 1 ELSE 0 END)
             END
      FROM status_changes c JOIN vaccination_records r ON r.id = c.record_id
      WHERE ${inScope} AND (c.from_status IS NOT NULL OR c.to_status <> 'PENDING') AND greatest(c.changed_at, r.vaccinated_at) <= ${t1}
    ),
    per_point AS (
      SELECT width_bucket(e.at, bounds.lower) + 1 AS k, sum(e.delta) AS n FROM events e, bounds GROUP BY 1
    )
    SELECT p.at, (sum(coalesce(pp.n, 0)) OVER (ORDER BY p.k))::int AS pending
    FROM numbered p LEFT JOIN per_point pp ON pp.k = p.k
    ORDER BY p.k`;
  return rows.map((row) => ({ at: row.at, pending: Number(row.pending) }));
}

/** DOWN and DEGRADED incidents of the enabled probe targets that overlap the range, in time order. */
export async function getOutageBands(db: Db, scope: Scope, range: { from: Date; to: Date }, now: Date): Promise<OutageBand[]> {
  const targets = await db.probeTarget.findMany({ where: { enabled: true, stateId: scopeStateId(scope) ?? -1 }, select: { id: true, name: true }, orderBy: { id: "asc" } });
  if (targets.length === 0) return [];
  const segments = await loadSegmentsForTargets(db, targets.map((t) => t.id), range, now);
  const bands: OutageBand[] = [];
  for (const target of targets) {
    for (const incident of incidentsFrom(segments.get(target.id) ?? [], now)) {
      const end = incident.endedAt ?? now;
      if (incident.startedAt.getTime() >= range.to.getTime() || end.getTime() <= range.from.getTime()) continue;
      bands.push({
        targetId: target.id,
        target: target.name,
        state: incident.state,
        startedAt: incident.startedAt,
        endedAt: incident.endedAt,
        firstError: incident.firstError,
      });
    }
  }
  return bands.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

export async function getPendingHistory(
  db: Db,
  scope: Scope,
  now: Date,
  input: { from?: Date; to?: Date; blockId?: number },
): Promise<PendingHistory> {
  const range = resolveHistoryRange(now, input.from, input.to);
  const [points, outages] = await Promise.all([getPendingPoints(db, scope, range, input.blockId), getOutageBands(db, scope, range, now)]);
  return { ...range, points, outages };
}
