/**
 * "Yesterday's camps" for the daily report: the camps held on the IST day before `now`, with the camp figures of
 * the camp explorer (server/services/camp-aggregate.ts, the statement behind camp-totals.ts). When no camp was
 * held that day, the most recent earlier camp day is shown instead and labelled as such.
 * Rows are per block for the district, per site (camp) for one block.
 */
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { blockWhere, districtIdWhere, scopeSql, type Scope } from "@/server/auth/scope";
import { istDateKey } from "@/core/time/ist";
import { aggregateCamps } from "@/server/services/camps/camp-aggregate";
import { emptyCampFigures, sumCampFigures, type CampFigures } from "@/core/domain/camp-figures";

export type CampDayCounts = { camps: number; vaccinated: number; entered: number; pending: number; rejected: number };
export type CampDayRow = CampDayCounts & { label: string; labelHi: string };

export type ReportCampDay = {
  /** The IST date before today (yyyy-MM-dd). */
  yesterday: string;
  /** The day shown: `yesterday` when camps were held then, else the latest earlier camp day, else null. */
  day: string | null;
  isYesterday: boolean;
  megaCamp: string | null;
  /** Per block (district report) or per site (block report). */
  rows: CampDayRow[];
  totals: CampDayCounts;
};

const DAY_MS = 24 * 3_600_000;

export function istYesterday(now: Date): string {
  const today = istDateKey(now);
  return new Date(Date.parse(`${today}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

const counts = (f: CampFigures): CampDayCounts => ({ camps: f.camps, vaccinated: f.vaccinated, entered: f.entered, pending: f.pending, rejected: f.rejected });

export async function getCampDay(db: Db, scope: Scope, now: Date, blockId?: number): Promise<ReportCampDay> {
  const yesterday = istYesterday(now);
  const inScope = Prisma.sql`${scopeSql(scope, { district: Prisma.sql`s.district_id`, block: Prisma.sql`s.block_id` })} AND ${blockId === undefined ? Prisma.sql`TRUE` : Prisma.sql`s.block_id = ${blockId}`}`;
  const [latest] = await db.$queryRaw<{ day: Date | null }[]>`
    SELECT max(c.date) AS day FROM camps c JOIN sites s ON s.id = c.site_id
    WHERE c.date <= ${yesterday}::date AND ${inScope}`;
  const day = latest?.day ? latest.day.toISOString().slice(0, 10) : null;
  if (!day) return { yesterday, day: null, isYesterday: false, megaCamp: null, rows: [], totals: counts(emptyCampFigures()) };

  const onDay = Prisma.sql`c.date = ${day}::date AND ${blockId === undefined ? Prisma.sql`TRUE` : Prisma.sql`s.block_id = ${blockId}`}`;
  const perBlock = blockId === undefined;
  const [groups, mega, names] = await Promise.all([
    aggregateCamps(db, scope, perBlock ? "block" : "camp", onDay),
    db.megaCamp.findFirst({ where: { ...districtIdWhere(scope), date: new Date(`${day}T00:00:00Z`) }, select: { name: true } }),
    perBlock
      ? db.block.findMany({ where: blockWhere(scope), select: { id: true, name: true, nameHi: true } }).then((bs) => bs.map((b) => ({ id: b.id, label: b.name, labelHi: b.nameHi })))
      : db.camp
          .findMany({ where: { ...districtIdWhere(scope), date: new Date(`${day}T00:00:00Z`), site: { blockId } }, select: { id: true, site: { select: { name: true } } } })
          .then((cs) => cs.map((c) => ({ id: c.id, label: c.site.name, labelHi: c.site.name }))),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const rows = [...groups.entries()]
    .filter((entry): entry is [number, CampFigures] => entry[0] !== null && nameOf.has(entry[0]))
    .map(([id, figures]) => ({ label: nameOf.get(id)!.label, labelHi: nameOf.get(id)!.labelHi, ...counts(figures) }))
    .sort((a, b) => b.pending - a.pending || a.label.localeCompare(b.label));
  return { yesterday, day, isYesterday: day === yesterday, megaCamp: mega?.name ?? null, rows, totals: counts(sumCampFigures([...groups.values()])) };
}
