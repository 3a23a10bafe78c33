/**
 * Entry timeliness per block and per operator (issue 5, part 2), computed in SQL in one pass over the entered
 * records of the chosen vaccination range.
 *
 * Decisions:
 * - The time an entry reached the portal is `vaccination_records.entered_at`. For marks made in the app it is
 *   the moment of the mark (= the status change's changed_at); for portal exports and accepted anomalies it is
 *   the portal's own entered_at, while changed_at is only when the app learned of it (the import). The demo seed
 *   writes both equal. So lags, shares and the hour of entry all use entered_at.
 * - The range selects a cohort by vaccination time (from inclusive, to exclusive), like camp totals; the cohort's
 *   entries are measured wherever they fall. Records of the cohort still pending are reported apart (pending,
 *   of which already past 48 h), because a share over entered records alone flatters a block that is behind.
 * - Who made the entry: the latest status change to ENTERED that was not undone (and is not itself an undo).
 *   A change without a user, or one a portal export import made (source PORTAL_IMPORT), is shown as "Portal
 *   import" per block (the uploader of a portal export did not key those entries in). Everything else — a mark
 *   in the app or through the API, an accepted anomaly, the demo's entries — counts for the user who made it.
 */
import { IST_OFFSET_MS, IST_SQL_INTERVAL } from "@/core/time/ist";
import "server-only";
import { AppError } from "@/server/errors/app-error";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import type { Role } from "@/server/generated/prisma/enums";
import { scopeSql, type Scope } from "@/server/auth/scope";
import { slugOf } from "@/core/domain/block-directory";
import { rulesForScope } from "@/server/services/rules/programme-rules";
import { overdueSql } from "@/server/services/rules/rule-sql";
import { LAG_BUCKET_EDGES_HOURS, timelinessShares, type LagBucket } from "@/core/domain/timeliness";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;
export const PORTAL_IMPORT_LABEL = "Portal import (no operator recorded)";

export type TimelinessQuery = { from?: Date; to?: Date; blockId?: number };

export type TimelinessFigures = {
  entered: number;
  within24h: number;
  within48h: number;
  /** Entries of the range still pending past the deadline in force: counted as late in both shares (0 for operators). */
  latePending: number;
  /** Percent of `entered + latePending`; null when there is nothing to count. */
  within24hPercent: number | null;
  within48hPercent: number | null;
  /** Entries keyed in 22:00–06:00 IST. */
  nightEntries: number;
};

export type BlockTimeliness = TimelinessFigures & {
  blockId: number;
  block: string;
  slug: string;
  /** Records of the range still pending, and how many of those are already past the deadline in force at `now`. */
  pending: number;
  pendingOverdue: number;
};

export type OperatorTimeliness = TimelinessFigures & {
  /** Stable row id: `${blockId}:${operatorId ?? "import"}`. */
  key: string;
  blockId: number;
  block: string;
  operatorId: number | null;
  operator: string;
  username: string | null;
  role: Role | null;
  source: "OPERATOR" | "PORTAL_IMPORT";
};

export type HourCount = { hourStart: Date; istHour: number; entries: number; night: boolean };

export type TimelinessReport = {
  generatedAt: Date;
  range: { from: Date; to: Date };
  basis: "vaccinatedAt";
  district: BlockTotals;
  blocks: BlockTimeliness[];
  operators: OperatorTimeliness[];
  lagHistogram: (LagBucket & { label: string })[];
  /** Entries per IST clock hour (only hours with entries), oldest first. */
  hourly: HourCount[];
  /** Entries by IST hour of day, 0–23, night hours flagged. */
  byHourOfDay: { istHour: number; entries: number; night: boolean }[];
};

type BlockTotals = TimelinessFigures & { pending: number; pendingOverdue: number };

/** Defaults: the last 30 days up to `now`. Refuses a reversed range or one longer than 366 days. */
export function resolveRange(now: Date, query: { from?: Date; to?: Date }): { from: Date; to: Date } {
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    throw new AppError("BAD_REQUEST", "timelinessReversed");
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw new AppError("BAD_REQUEST", "timelinessTooLong", { max: MAX_RANGE_DAYS });
  }
  return { from, to };
}

export function isNightHour(istHour: number): boolean {
  return istHour >= 22 || istHour < 6;
}

function lagLabel(from: number, to: number | null): string {
  return to === null ? `${from} h +` : `${from}–${to} h`;
}

type AggRow = {
  g_hour: number;
  block_id: number | null;
  operator_id: number | null;
  bucket: number | null;
  night: boolean | null;
  ist_hour: Date | null;
  n: bigint;
};

export async function getTimeliness(db: Db, scope: Scope, now: Date, query: TimelinessQuery): Promise<TimelinessReport> {
  const range = resolveRange(now, query);
  const inScope = (district: Prisma.Sql, column: Prisma.Sql) =>
    Prisma.sql`${scopeSql(scope, { district, block: column })} AND ${query.blockId === undefined ? Prisma.sql`TRUE` : Prisma.sql`${column} = ${query.blockId}`}`;
  // Bucket index by lag (hours, strictly below each upper edge), matching lagHistogram()/enteredWithin().
  // Interval comparisons (a negative lag falls in the first bucket), constants from the domain module.
  const edges = LAG_BUCKET_EDGES_HOURS.slice(1);
  const bucketCase = Prisma.raw(`CASE ${edges.map((h, i) => `WHEN lag < interval '${h} hours' THEN ${i}`).join(" ")} ELSE ${edges.length} END`);

  const rules = await rulesForScope(db, scope);
  const [agg, pendingRows, blocks] = await Promise.all([
    aggregateEntries(db, Prisma.sql`
      WITH r AS (
        SELECT id, block_id, vaccinated_at, entered_at FROM vaccination_records
        WHERE status = 'ENTERED' AND entered_at IS NOT NULL
          AND vaccinated_at >= ${range.from}::timestamp(3) AND vaccinated_at < ${range.to}::timestamp(3)
          AND ${inScope(Prisma.sql`district_id`, Prisma.sql`block_id`)}
      ), c AS (
        -- Who made each entry: its latest change to ENTERED that was not undone. One sorted pass over the changes
        -- and a hash join; joining r here instead invites a nested loop per record when statistics are stale.
        SELECT DISTINCT ON (s.record_id) s.record_id, s.changed_by_id, s.source
        FROM status_changes s
        WHERE s.to_status = 'ENTERED' AND s.undone_at IS NULL AND s.undo_of_id IS NULL
        ORDER BY s.record_id, s.changed_at DESC, s.id DESC
      ), e AS (
        SELECT r.block_id,
          r.entered_at - r.vaccinated_at AS lag,
          date_trunc('hour', r.entered_at + ${Prisma.raw(IST_SQL_INTERVAL)}) AS ist_hour,
          CASE WHEN c.changed_by_id IS NULL OR c.source = 'PORTAL_IMPORT' THEN NULL ELSE c.changed_by_id END AS operator_id
        FROM r LEFT JOIN c ON c.record_id = r.id
      ), b AS (
        SELECT block_id, operator_id, ist_hour, ${bucketCase} AS bucket,
          (date_part('hour', ist_hour) >= 22 OR date_part('hour', ist_hour) < 6) AS night
        FROM e
      )
      SELECT GROUPING(ist_hour)::int AS g_hour, block_id, operator_id, bucket, night, ist_hour, count(*) AS n
      FROM b
      GROUP BY GROUPING SETS ((block_id, operator_id, bucket, night), (ist_hour))`),
    db.$queryRaw<{ block_id: number; pending: bigint; overdue: bigint }[]>`
      WITH cuts AS (${overdueSql(rules, now)})
      SELECT block_id, count(*) AS pending, count(*) FILTER (WHERE vaccinated_at < cuts.c48) AS overdue
      FROM vaccination_records JOIN cuts USING (district_id)
      WHERE status = 'PENDING' AND vaccinated_at >= ${range.from}::timestamp(3) AND vaccinated_at < ${range.to}::timestamp(3)
        AND ${inScope(Prisma.sql`district_id`, Prisma.sql`block_id`)}
      GROUP BY block_id`,
    db.$queryRaw<{ id: number; name: string }[]>`SELECT id, name FROM blocks b WHERE ${inScope(Prisma.sql`b.district_id`, Prisma.sql`b.id`)} ORDER BY name`,
  ]);

  const cells = agg.filter((r) => r.g_hour === 1);
  const hourRows = agg.filter((r) => r.g_hour === 0 && r.ist_hour !== null);
  const operatorIds = [...new Set(cells.map((c) => c.operator_id).filter((id): id is number => id !== null))];
  const users = operatorIds.length
    ? await db.user.findMany({ where: { id: { in: operatorIds } }, select: { id: true, displayName: true, username: true, role: true } })
    : [];
  const userById = new Map(users.map((u) => [u.id, u]));
  const blockName = new Map(blocks.map((b) => [b.id, b.name]));

  const blockAcc = new Map<number, Acc>(blocks.map((b) => [b.id, newAcc()]));
  const operatorAcc = new Map<string, { blockId: number; operatorId: number | null; acc: Acc }>();
  const histogram = LAG_BUCKET_EDGES_HOURS.map(() => 0);
  for (const c of cells) {
    const n = Number(c.n);
    const bucket = c.bucket ?? 0;
    const blockId = c.block_id!;
    const key = `${blockId}:${c.operator_id ?? "import"}`;
    const op = operatorAcc.get(key) ?? { blockId, operatorId: c.operator_id, acc: newAcc() };
    operatorAcc.set(key, op);
    for (const acc of [op.acc, blockAcc.get(blockId) ?? newAcc()]) addCell(acc, bucket, c.night === true, n);
    histogram[bucket]! += n;
  }
  const pendingByBlock = new Map(pendingRows.map((p) => [p.block_id, { pending: Number(p.pending), pendingOverdue: Number(p.overdue) }]));

  const blockRows: BlockTimeliness[] = blocks.map((b) => ({
    blockId: b.id,
    block: b.name,
    slug: slugOf(b.name),
    ...figures(blockAcc.get(b.id)!, pendingByBlock.get(b.id)?.pendingOverdue ?? 0),
    ...(pendingByBlock.get(b.id) ?? { pending: 0, pendingOverdue: 0 }),
  }));
  const operators: OperatorTimeliness[] = [...operatorAcc.entries()].map(([key, o]) => {
    const user = o.operatorId !== null ? userById.get(o.operatorId) : undefined;
    return {
      key,
      blockId: o.blockId,
      block: blockName.get(o.blockId) ?? String(o.blockId),
      operatorId: o.operatorId,
      operator: user?.displayName ?? PORTAL_IMPORT_LABEL,
      username: user?.username ?? null,
      role: user?.role ?? null,
      source: o.operatorId === null ? "PORTAL_IMPORT" : "OPERATOR",
      ...figures(o.acc),
    };
  });
  operators.sort((a, b) => a.block.localeCompare(b.block) || a.source.localeCompare(b.source) || a.operator.localeCompare(b.operator));

  const hourly: HourCount[] = hourRows
    .map((h) => {
      const wall = h.ist_hour!.getTime();
      const istHour = new Date(wall).getUTCHours();
      return { hourStart: new Date(wall - IST_OFFSET_MS), istHour, entries: Number(h.n), night: isNightHour(istHour) };
    })
    .sort((a, b) => a.hourStart.getTime() - b.hourStart.getTime());
  const byHourOfDay = Array.from({ length: 24 }, (_, istHour) => ({ istHour, entries: 0, night: isNightHour(istHour) }));
  for (const h of hourly) byHourOfDay[h.istHour]!.entries += h.entries;

  const districtAcc = newAcc();
  for (const acc of blockAcc.values()) mergeAcc(districtAcc, acc);
  return {
    generatedAt: now,
    range,
    basis: "vaccinatedAt",
    district: {
      ...figures(districtAcc, blockRows.reduce((s, b) => s + b.pendingOverdue, 0)),
      pending: blockRows.reduce((s, b) => s + b.pending, 0),
      pendingOverdue: blockRows.reduce((s, b) => s + b.pendingOverdue, 0),
    },
    blocks: blockRows,
    operators,
    lagHistogram: LAG_BUCKET_EDGES_HOURS.map((from, i) => {
      const to = LAG_BUCKET_EDGES_HOURS[i + 1] ?? null;
      return { fromHours: from, toHours: to, count: histogram[i]!, label: lagLabel(from, to) };
    }),
    hourly,
    byHourOfDay,
  };
}

/**
 * Runs the aggregate with hash joins and an in-memory sort whatever the table statistics say: right after a bulk
 * load (no ANALYZE yet) the planner expects a handful of rows and picks a nested loop, which took 10-30 s here
 * instead of ~0.3-0.7 s.
 */
async function aggregateEntries(db: Db, query: Prisma.Sql): Promise<AggRow[]> {
  const [, , rows] = await db.$transaction([
    db.$executeRaw`SET LOCAL enable_nestloop = off`,
    db.$executeRaw`SET LOCAL work_mem = '32MB'`,
    db.$queryRaw<AggRow[]>(query),
  ]);
  return rows;
}

type Acc = { entered: number; within24h: number; within48h: number; nightEntries: number };

function newAcc(): Acc {
  return { entered: 0, within24h: 0, within48h: 0, nightEntries: 0 };
}

const WITHIN_24_BUCKETS = LAG_BUCKET_EDGES_HOURS.findIndex((h) => h === 24);
const WITHIN_48_BUCKETS = LAG_BUCKET_EDGES_HOURS.findIndex((h) => h === 48);

function addCell(acc: Acc, bucket: number, night: boolean, n: number) {
  acc.entered += n;
  if (bucket < WITHIN_24_BUCKETS) acc.within24h += n;
  if (bucket < WITHIN_48_BUCKETS) acc.within48h += n;
  if (night) acc.nightEntries += n;
}

function mergeAcc(into: Acc, from: Acc) {
  into.entered += from.entered;
  into.within24h += from.within24h;
  into.within48h += from.within48h;
  into.nightEntries += from.nightEntries;
}

/** Operators' rows count no pending entries (a pending entry has no operator yet): their shares are of what they entered. */
function figures(acc: Acc, latePending = 0): TimelinessFigures {
  return { ...acc, latePending, ...timelinessShares(acc.entered, acc.within24h, acc.within48h, latePending) };
}
