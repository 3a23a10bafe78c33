/**
 * Minute / hour / day rollups of raw probe results (issue 4), so that charts over months never scan raw rows.
 *
 * Buckets are aligned to India Standard Time: an IST hour starts at a UTC half-hour (05:30Z is 11:00 IST) and an
 * IST day at 18:30Z the day before. Every call recomputes whole buckets from their source (an idempotent upsert,
 * never an increment), so running it twice, or over overlapping ranges, gives the same rows:
 * MINUTE and HOUR from raw results (latency p50/p95 exact, nearest-rank, over checks that answered), DAY from
 * HOUR rows (counts and latency sums add up; percentiles do not, so they are null).
 *
 * A bucket with no raw rows left is not touched: pruning raw results must not erase the rollups that outlive
 * them.
 */
import { IST } from "@/core/time/ist";
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";

/** `targetIds` limits the work to some targets (tests, a scoped scheduler); all targets when absent. */
export type RollupRange = { from: Date; to: Date; targetIds?: readonly number[] };
export type RollupCounts = { minute: number; hour: number; day: number };

type Grain = "minute" | "hour" | "day";

// A literal, not a bound parameter: the same bucket expression appears in SELECT and GROUP BY.
const IST_SQL_ZONE = Prisma.raw(`'${IST}'`);

/** A timestamp(3) column holding UTC → the start of its IST `grain`, again as UTC timestamp(3). */
function istBucket(grain: Grain, column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(date_trunc(${grain}, ${column} AT TIME ZONE 'UTC' AT TIME ZONE ${IST_SQL_ZONE}) AT TIME ZONE ${IST_SQL_ZONE} AT TIME ZONE 'UTC')::timestamp(3)`;
}

/** [start of the bucket holding `from`, end of the bucket holding `to`): every bucket that overlaps the range. */
function onlyTargets(column: Prisma.Sql, range: RollupRange): Prisma.Sql {
  return range.targetIds ? Prisma.sql`AND ${column} = ANY(${[...range.targetIds]}::int[])` : Prisma.empty;
}

function bucketRange(grain: Grain, range: RollupRange): { lo: Prisma.Sql; hi: Prisma.Sql } {
  return {
    lo: istBucket(grain, Prisma.sql`${range.from.toISOString()}::timestamp(3)`),
    hi: Prisma.sql`(${istBucket(grain, Prisma.sql`${range.to.toISOString()}::timestamp(3)`)} + ${`1 ${grain}`}::interval)`,
  };
}

const UPSERT_SET = Prisma.sql`
  checks = excluded.checks, up_checks = excluded.up_checks, degraded_checks = excluded.degraded_checks,
  pending_checks = excluded.pending_checks, down_checks = excluded.down_checks, maintenance_checks = excluded.maintenance_checks,
  latency_count = excluded.latency_count, latency_sum_ms = excluded.latency_sum_ms, latency_max_ms = excluded.latency_max_ms,
  latency_p50_ms = excluded.latency_p50_ms, latency_p95_ms = excluded.latency_p95_ms`;

async function rollUpRaw(db: Db, grain: "minute" | "hour", range: RollupRange): Promise<number> {
  const { lo, hi } = bucketRange(grain, range);
  const label = grain === "minute" ? "MINUTE" : "HOUR";
  return db.$executeRaw`
    INSERT INTO probe_rollups (target_id, grain, bucket_start, checks, up_checks, degraded_checks, pending_checks, down_checks,
                               maintenance_checks, latency_count, latency_sum_ms, latency_max_ms, latency_p50_ms, latency_p95_ms)
    SELECT target_id, ${label}::"RollupGrain", bucket, count(*)::int,
           count(*) FILTER (WHERE state = 'UP')::int, count(*) FILTER (WHERE state = 'DEGRADED')::int,
           count(*) FILTER (WHERE state = 'PENDING')::int, count(*) FILTER (WHERE state = 'DOWN')::int,
           count(*) FILTER (WHERE state = 'MAINTENANCE')::int,
           count(latency_ms) FILTER (WHERE ok)::int, coalesce(sum(latency_ms) FILTER (WHERE ok), 0)::float8,
           max(latency_ms) FILTER (WHERE ok),
           percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE ok AND latency_ms IS NOT NULL),
           percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE ok AND latency_ms IS NOT NULL)
    FROM (SELECT r.*, ${istBucket(grain, Prisma.sql`r.checked_at`)} AS bucket
          FROM probe_results r WHERE r.checked_at >= ${lo} AND r.checked_at < ${hi} ${onlyTargets(Prisma.sql`r.target_id`, range)}) x
    GROUP BY target_id, bucket
    ON CONFLICT (target_id, grain, bucket_start) DO UPDATE SET ${UPSERT_SET}`;
}

async function rollUpDays(db: Db, range: RollupRange): Promise<number> {
  const { lo, hi } = bucketRange("day", range);
  return db.$executeRaw`
    INSERT INTO probe_rollups (target_id, grain, bucket_start, checks, up_checks, degraded_checks, pending_checks, down_checks,
                               maintenance_checks, latency_count, latency_sum_ms, latency_max_ms, latency_p50_ms, latency_p95_ms)
    SELECT target_id, 'DAY'::"RollupGrain", day, sum(checks)::int, sum(up_checks)::int, sum(degraded_checks)::int,
           sum(pending_checks)::int, sum(down_checks)::int, sum(maintenance_checks)::int,
           sum(latency_count)::int, sum(latency_sum_ms)::float8, max(latency_max_ms), NULL::int, NULL::int
    FROM (SELECT h.*, ${istBucket("day", Prisma.sql`h.bucket_start`)} AS day
          FROM probe_rollups h WHERE h.grain = 'HOUR' AND h.bucket_start >= ${lo} AND h.bucket_start < ${hi} ${onlyTargets(Prisma.sql`h.target_id`, range)}) x
    GROUP BY target_id, day
    ON CONFLICT (target_id, grain, bucket_start) DO UPDATE SET ${UPSERT_SET}`;
}

/**
 * Recomputes every MINUTE, HOUR and DAY bucket that overlaps [from, to], for all targets. Returns the number of
 * bucket rows written per grain. 7 days of one target at 1-minute checks (~10k rows) takes well under a second.
 */
export async function rollUpProbeResults(db: Db, range: RollupRange): Promise<RollupCounts> {
  if (!(range.from.getTime() <= range.to.getTime())) throw new RangeError("rollUpProbeResults: `from` must not be after `to`");
  const minute = await rollUpRaw(db, "minute", range);
  const hour = await rollUpRaw(db, "hour", range);
  const day = await rollUpDays(db, range);
  return { minute, hour, day };
}
