/**
 * How long probe data is kept (issue 4). The long view lives in the rollups and the state timeline
 * (probe_segments, kept for good: one row per change of state, small), so raw rows can go early.
 */
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";

/** Raw check results: a month, enough to re-derive any recent figure and to audit an incident check by check. */
export const RAW_RETENTION_DAYS = 30;
/** Minute buckets: two weeks of fine-grained latency charts. */
export const MINUTE_ROLLUP_RETENTION_DAYS = 14;
/** Hour buckets: a bit over a year, so a year-on-year comparison of the camp season works. */
export const HOUR_ROLLUP_RETENTION_DAYS = 400;
/** Field reports from block HQs: three months. DAY rollups and segments are kept for good. */
export const FIELD_REPORT_RETENTION_DAYS = 90;

const DAY_MS = 86_400_000;
/** Rows per DELETE, so a first prune after months never holds long locks or bloats one transaction. */
const BATCH = 5000;

export type PruneCounts = { results: number; minuteRollups: number; hourRollups: number; fieldReports: number };

async function deleteInBatches(db: Db, statement: (cutoff: string) => Prisma.Sql, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.$executeRaw(statement(cutoff.toISOString()));
    total += n;
    if (n < BATCH) return total;
  }
}

export async function pruneProbeData(db: Db, now: Date): Promise<PruneCounts> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const results = await deleteInBatches(
    db,
    (c) => Prisma.sql`DELETE FROM probe_results WHERE id IN (SELECT id FROM probe_results WHERE checked_at < ${c}::timestamp(3) LIMIT ${BATCH})`,
    before(RAW_RETENTION_DAYS),
  );
  const rollups = (grain: "MINUTE" | "HOUR") => (c: string) =>
    Prisma.sql`DELETE FROM probe_rollups WHERE ctid IN (SELECT ctid FROM probe_rollups WHERE grain = ${grain}::"RollupGrain" AND bucket_start < ${c}::timestamp(3) LIMIT ${BATCH})`;
  const minuteRollups = await deleteInBatches(db, rollups("MINUTE"), before(MINUTE_ROLLUP_RETENTION_DAYS));
  const hourRollups = await deleteInBatches(db, rollups("HOUR"), before(HOUR_ROLLUP_RETENTION_DAYS));
  const fieldReports = await deleteInBatches(
    db,
    (c) => Prisma.sql`DELETE FROM field_probe_reports WHERE id IN (SELECT id FROM field_probe_reports WHERE checked_at < ${c}::timestamp(3) LIMIT ${BATCH})`,
    before(FIELD_REPORT_RETENTION_DAYS),
  );
  return { results, minuteRollups, hourRollups, fieldReports };
}
