import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { blockIdSql, type Scope } from "@/server/auth/scope";
import { blockSlug } from "@/server/domain/district";
import {
  AGE_BUCKETS,
  DEADLINE_HOURS,
  bucketStart,
  dueSoonCutoff,
  emptyBucketCounts,
  type AgeBucketCounts,
} from "@/server/domain/aging";

export type BacklogFigures = {
  vaccinated: number;
  entered: number;
  pending: number;
  rejected: number;
  overdue: number;
  dueWithin6h: number;
  ageBuckets: AgeBucketCounts;
};

export type BlockBacklog = BacklogFigures & { blockId: number; block: string; blockHi: string; slug: string; isUrban: boolean };

export type BacklogSummary = {
  generatedAt: Date;
  deadlineHours: number;
  district: BacklogFigures;
  blocks: BlockBacklog[];
};

type CountRow = { block_id: number; name: string; name_hi: string; is_urban: boolean; status: string | null; count: bigint | null };
type AgingRow = { block_id: number; h0_12: bigint; h12_24: bigint; h24_36: bigint; h36_48: bigint; overdue: bigint; due_soon: bigint };

/**
 * Backlog per block at `now`. Status totals come from trigger-kept counters and aging from the partial
 * index on pending records, so the cost follows the backlog, not the size of the register.
 */
export async function getBacklogSummary(db: Db, scope: Scope, now: Date, onlyBlockId?: number): Promise<BacklogSummary> {
  const only = onlyBlockId === undefined ? Prisma.sql`TRUE` : Prisma.sql`b.id = ${onlyBlockId}`;
  const onlyRecords = onlyBlockId === undefined ? Prisma.sql`TRUE` : Prisma.sql`r.block_id = ${onlyBlockId}`;
  const [counts, aging] = await Promise.all([
    db.$queryRaw<CountRow[]>`
      SELECT b.id AS block_id, b.name, b.name_hi, b.is_urban, c.status::text AS status, c.count
      FROM blocks b LEFT JOIN block_status_counts c ON c.block_id = b.id
      WHERE ${blockIdSql(scope, Prisma.sql`b.id`)} AND ${only}
      ORDER BY b.name`,
    db.$queryRaw<AgingRow[]>`
      SELECT r.block_id,
        count(*) FILTER (WHERE r.vaccinated_at > ${bucketStart("h12_24", now)}) AS h0_12,
        count(*) FILTER (WHERE r.vaccinated_at <= ${bucketStart("h12_24", now)} AND r.vaccinated_at > ${bucketStart("h24_36", now)}) AS h12_24,
        count(*) FILTER (WHERE r.vaccinated_at <= ${bucketStart("h24_36", now)} AND r.vaccinated_at > ${bucketStart("h36_48", now)}) AS h24_36,
        count(*) FILTER (WHERE r.vaccinated_at <= ${bucketStart("h36_48", now)} AND r.vaccinated_at > ${bucketStart("overdue", now)}) AS h36_48,
        count(*) FILTER (WHERE r.vaccinated_at <= ${bucketStart("overdue", now)}) AS overdue,
        count(*) FILTER (WHERE r.vaccinated_at <= ${dueSoonCutoff(now)} AND r.vaccinated_at > ${bucketStart("overdue", now)}) AS due_soon
      FROM vaccination_records r
      WHERE r.status = 'PENDING' AND ${blockIdSql(scope, Prisma.sql`r.block_id`)} AND ${onlyRecords}
      GROUP BY r.block_id`,
  ]);

  const blocks = new Map<number, BlockBacklog>();
  for (const row of counts) {
    const block = blocks.get(row.block_id) ?? newBlock(row);
    blocks.set(row.block_id, block);
    const count = Number(row.count ?? 0);
    if (row.status === "PENDING") block.pending = count;
    if (row.status === "ENTERED") block.entered = count;
    if (row.status === "REJECTED") block.rejected = count;
    block.vaccinated = block.pending + block.entered + block.rejected;
  }
  for (const row of aging) {
    const block = blocks.get(row.block_id);
    if (!block) continue;
    for (const bucket of AGE_BUCKETS) block.ageBuckets[bucket] = Number(row[bucket]);
    block.overdue = block.ageBuckets.overdue;
    block.dueWithin6h = Number(row.due_soon);
  }

  const list = [...blocks.values()];
  return { generatedAt: now, deadlineHours: DEADLINE_HOURS, district: sumFigures(list), blocks: list };
}

function newBlock(row: CountRow): BlockBacklog {
  return {
    blockId: row.block_id,
    block: row.name,
    blockHi: row.name_hi,
    slug: blockSlug(row.name),
    isUrban: row.is_urban,
    ...emptyFigures(),
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
