import { deepStrictEqual } from "node:assert/strict";
import type pg from "pg";
import { bucketStart, dueSoonCutoff, emptyBucketCounts } from "@/core/domain/aging";
import type { BacklogFigures, BacklogSummary } from "@/server/services/backlog/backlog-summary";

export type FiguresByBlock = Map<number, BacklogFigures>;

/**
 * Cut-offs as ISO strings: the columns are `timestamp` holding UTC (as Prisma writes them), and PostgreSQL
 * ignores the zone of a string cast to `timestamp`, whereas a JS Date would be sent in the process's local zone.
 */
function cutoffs(now: Date): string[] {
  return [bucketStart("h12_24", now), bucketStart("h24_36", now), bucketStart("h36_48", now), bucketStart("overdue", now), dueSoonCutoff(now)].map(
    (d) => d.toISOString(),
  );
}

const AGE_COLUMNS = `
  count(*) FILTER (WHERE r.vaccinated_at > $1) AS h0_12,
  count(*) FILTER (WHERE r.vaccinated_at <= $1 AND r.vaccinated_at > $2) AS h12_24,
  count(*) FILTER (WHERE r.vaccinated_at <= $2 AND r.vaccinated_at > $3) AS h24_36,
  count(*) FILTER (WHERE r.vaccinated_at <= $3 AND r.vaccinated_at > $4) AS h36_48,
  count(*) FILTER (WHERE r.vaccinated_at <= $4) AS overdue,
  count(*) FILTER (WHERE r.vaccinated_at <= $5 AND r.vaccinated_at > $4) AS due_soon`;

/** The naive baseline: every figure from one pass over all records, no counters, no partial index. */
const NAIVE_SQL = `
SELECT r.block_id, count(*) AS vaccinated,
  count(*) FILTER (WHERE r.status = 'ENTERED') AS entered,
  count(*) FILTER (WHERE r.status = 'PENDING') AS pending,
  count(*) FILTER (WHERE r.status = 'REJECTED') AS rejected,
  ${AGE_COLUMNS.replaceAll("FILTER (WHERE ", "FILTER (WHERE r.status = 'PENDING' AND ")}
FROM vaccination_records r
GROUP BY r.block_id`;

export const naiveQuery = (now: Date) => ({ text: NAIVE_SQL, values: cutoffs(now) });

type NaiveRow = Record<"vaccinated" | "entered" | "pending" | "rejected" | "h0_12" | "h12_24" | "h24_36" | "h36_48" | "overdue" | "due_soon", string> & {
  block_id: number;
};

export async function naiveFigures(pool: pg.Pool, now: Date): Promise<FiguresByBlock> {
  const { rows } = await pool.query<NaiveRow>(naiveQuery(now));
  const byBlock: FiguresByBlock = new Map();
  for (const row of rows) {
    const ageBuckets = emptyBucketCounts();
    for (const bucket of Object.keys(ageBuckets) as (keyof typeof ageBuckets)[]) ageBuckets[bucket] = Number(row[bucket]);
    byBlock.set(row.block_id, {
      vaccinated: Number(row.vaccinated),
      entered: Number(row.entered),
      pending: Number(row.pending),
      rejected: Number(row.rejected),
      overdue: ageBuckets.overdue,
      dueWithin6h: Number(row.due_soon),
      ageBuckets,
    });
  }
  return byBlock;
}

export function summaryFigures(summary: BacklogSummary): FiguresByBlock {
  const byBlock: FiguresByBlock = new Map();
  for (const { blockId, vaccinated, entered, pending, rejected, overdue, dueWithin6h, ageBuckets } of summary.blocks) {
    // A block without records is absent from the naive GROUP BY, so only non-empty blocks are compared.
    if (vaccinated > 0) byBlock.set(blockId, { vaccinated, entered, pending, rejected, overdue, dueWithin6h, ageBuckets });
  }
  return byBlock;
}

/** Throws, with a diff, unless both give the same figures for every block and they add up to `expectedTotal`. */
export function assertSameFigures(product: FiguresByBlock, naive: FiguresByBlock, expectedTotal: number): void {
  deepStrictEqual(product, naive, "getBacklogSummary() and the naive full aggregate disagree");
  const total = [...naive.values()].reduce((sum, f) => sum + f.vaccinated, 0);
  if (total !== expectedTotal) throw new Error(`blocks add up to ${total} records, expected ${expectedTotal}`);
}
