import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { scopeSql, type Scope } from "@/server/auth/scope";
import { slugOf } from "@/core/domain/block-directory";
import { AGE_BUCKETS, emptyBucketCounts, type AgeBucketCounts } from "@/core/domain/aging";
import { longestWaitMs, type DeadlineRule } from "@/core/domain/deadline-rule";
import { rulesForScope, type RulesInForce } from "@/server/services/rules/programme-rules";
import { thresholdsSql } from "@/server/services/rules/rule-sql";

/** Register and backlog counts; vaccinated = entered + pending + rejected. */
export type BacklogCounts = {
  vaccinated: number;
  entered: number;
  pending: number;
  rejected: number;
  overdue: number;
  dueWithin6h: number;
};

export type BacklogFigures = BacklogCounts & { ageBuckets: AgeBucketCounts };

export type BlockBacklog = BacklogFigures & { blockId: number; block: string; blockHi: string; slug: string; isUrban: boolean };

export type BacklogSummary = {
  generatedAt: Date;
  /** The longest wait the rule in force allows, in whole hours (48 under Bihar's rule); with several districts, the first's. */
  deadlineHours: number;
  /** The deadline rule of each district in the answer (one for a district's officer, every district for the state's). */
  deadlines: { districtId: number; deadline: DeadlineRule }[];
  district: BacklogFigures;
  blocks: BlockBacklog[];
};

type SummaryRow = {
  block_id: number;
  name: string;
  name_hi: string;
  is_urban: boolean;
  pending: bigint;
  entered: bigint;
  rejected: bigint;
  h0_12: bigint;
  h12_24: bigint;
  h24_36: bigint;
  h36_48: bigint;
  overdue: bigint;
  due_soon: bigint;
};

/**
 * Backlog per block at `now`, in one statement (one snapshot, so the buckets always add up to pending).
 * Status totals come from trigger-kept counters; aging adds up trigger-kept pending counts per hour of
 * vaccination and looks at single records only in the few hours that a bucket edge falls in. The cost
 * follows the number of blocks and hours, not the size of the register or of the backlog.
 */
export async function getBacklogSummary(db: Db, scope: Scope, now: Date, onlyBlockId?: number, rulesInForce?: ReadonlyMap<number, RulesInForce>): Promise<BacklogSummary> {
  const rules = rulesInForce ?? (await rulesForScope(db, scope));
  const inScope = (district: Prisma.Sql, column: Prisma.Sql) =>
    Prisma.sql`${scopeSql(scope, { district, block: column })} AND ${onlyBlockId === undefined ? Prisma.sql`TRUE` : Prisma.sql`${column} = ${onlyBlockId}`}`;
  const rows = await db.$queryRaw<SummaryRow[]>`
    WITH cuts AS (${thresholdsSql(rules, now)}),
    edge_hours AS (
      SELECT DISTINCT date_trunc('hour', cut) AS hour FROM cuts, unnest(ARRAY[c12, c24, c36, c42, c48]) AS cut
    ),
    pending_times AS (
      -- An hour no cut-off falls in lies wholly on one side of each, so its start places all its records. (The edge
      -- hours of every district are read record by record in each: a few more rows, never a wrong count.)
      SELECT p.district_id, p.block_id, p.hour AS t, p.count::bigint AS n FROM pending_hour_counts p
      WHERE ${inScope(Prisma.sql`p.district_id`, Prisma.sql`p.block_id`)} AND p.hour NOT IN (SELECT hour FROM edge_hours)
      UNION ALL
      SELECT r.district_id, r.block_id, r.vaccinated_at, 1 FROM vaccination_records r
      JOIN edge_hours e ON r.vaccinated_at >= e.hour AND r.vaccinated_at < e.hour + interval '1 hour'
      WHERE r.status = 'PENDING' AND ${inScope(Prisma.sql`r.district_id`, Prisma.sql`r.block_id`)}
    ),
    aging AS (
      -- Each cut is the district's vaccinatedBefore(): "t < cut" is "deadline at or before that instant".
      SELECT block_id,
        sum(n) FILTER (WHERE t >= c12) AS h0_12,
        sum(n) FILTER (WHERE t < c12 AND t >= c24) AS h12_24,
        sum(n) FILTER (WHERE t < c24 AND t >= c36) AS h24_36,
        sum(n) FILTER (WHERE t < c36 AND t >= c48) AS h36_48,
        sum(n) FILTER (WHERE t < c48) AS overdue,
        sum(n) FILTER (WHERE t < c42 AND t >= c48) AS due_soon
      FROM pending_times JOIN cuts USING (district_id) GROUP BY block_id
    ),
    counts AS (
      SELECT block_id,
        sum(count) FILTER (WHERE status = 'PENDING') AS pending,
        sum(count) FILTER (WHERE status = 'ENTERED') AS entered,
        sum(count) FILTER (WHERE status = 'REJECTED') AS rejected
      FROM block_status_counts WHERE ${inScope(Prisma.sql`district_id`, Prisma.sql`block_id`)} GROUP BY block_id
    )
    SELECT b.id AS block_id, b.name, b.name_hi, b.is_urban,
      coalesce(c.pending, 0) AS pending, coalesce(c.entered, 0) AS entered, coalesce(c.rejected, 0) AS rejected,
      coalesce(a.h0_12, 0) AS h0_12, coalesce(a.h12_24, 0) AS h12_24, coalesce(a.h24_36, 0) AS h24_36,
      coalesce(a.h36_48, 0) AS h36_48, coalesce(a.overdue, 0) AS overdue, coalesce(a.due_soon, 0) AS due_soon
    FROM blocks b LEFT JOIN counts c ON c.block_id = b.id LEFT JOIN aging a ON a.block_id = b.id
    WHERE ${inScope(Prisma.sql`b.district_id`, Prisma.sql`b.id`)}
    ORDER BY b.name`;

  const blocks = rows.map(toBlockBacklog);
  const deadlines = [...rules.values()].map((r) => ({ districtId: r.districtId, deadline: r.deadline }));
  const first = deadlines[0]?.deadline;
  return { generatedAt: now, deadlineHours: first ? Math.round(longestWaitMs(first) / 3_600_000) : 48, deadlines, district: sumFigures(blocks), blocks };
}

function toBlockBacklog(row: SummaryRow): BlockBacklog {
  const ageBuckets = emptyBucketCounts();
  for (const bucket of AGE_BUCKETS) ageBuckets[bucket] = Number(row[bucket]);
  const pending = Number(row.pending);
  const entered = Number(row.entered);
  const rejected = Number(row.rejected);
  return {
    blockId: row.block_id,
    block: row.name,
    blockHi: row.name_hi,
    slug: slugOf(row.name),
    isUrban: row.is_urban,
    vaccinated: pending + entered + rejected,
    entered,
    pending,
    rejected,
    overdue: ageBuckets.overdue,
    dueWithin6h: Number(row.due_soon),
    ageBuckets,
  };
}

export function emptyFigures(): BacklogFigures {
  return { vaccinated: 0, entered: 0, pending: 0, rejected: 0, overdue: 0, dueWithin6h: 0, ageBuckets: emptyBucketCounts() };
}

export function sumFigures(items: BacklogFigures[]): BacklogFigures {
  const total = emptyFigures();
  for (const item of items) {
    total.vaccinated += item.vaccinated;
    total.entered += item.entered;
    total.pending += item.pending;
    total.rejected += item.rejected;
    total.overdue += item.overdue;
    total.dueWithin6h += item.dueWithin6h;
    for (const bucket of AGE_BUCKETS) total.ageBuckets[bucket] += item.ageBuckets[bucket];
  }
  return total;
}
