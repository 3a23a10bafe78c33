/**
 * Vaccinations per IST hour or day, by the time of vaccination (vaccinated_at) — never by when the line was
 * uploaded (created_at) or keyed into the portal (entered_at): a register uploaded a day late still counts on
 * the day the people were vaccinated. Empty hours/days are returned as zeros so a chart shows the gaps.
 */
import { IST_OFFSET_MS, IST_SQL_INTERVAL } from "@/core/time/ist";
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { scopeSql, type Scope } from "@/server/auth/scope";
import { dateKey, findBlockInScope, findCampInScope, findMegaCamp } from "@/server/services/camps/camp-totals";
import { resolveTrendRange, type TrendGrain } from "@/server/services/camps/camp-range";


export type TrendPoint = {
  /** Start of the IST hour or day, as an instant. */
  at: Date;
  /** "2021-06-16" (day) or "2021-06-16 10:00" (hour), IST. */
  label: string;
  vaccinated: number;
  dose1: number;
  dose2: number;
  entered: number;
  pending: number;
  rejected: number;
};

export type CampTrend = { grain: TrendGrain; from: string; to: string; points: TrendPoint[] };

export type TrendQuery = { grain: TrendGrain; megaCampId?: number; blockId?: number; campId?: number; from?: string; to?: string };

type TrendRow = { t: Date; vaccinated: number; dose1: number; dose2: number; entered: number; pending: number; rejected: number };

export async function getCampTrend(db: Db, scope: Scope, now: Date, q: TrendQuery): Promise<CampTrend> {
  const megaCamp = q.megaCampId === undefined ? undefined : await findMegaCamp(db, scope, q.megaCampId);
  if (q.blockId !== undefined) await findBlockInScope(db, scope, q.blockId);
  const camp = q.campId === undefined ? undefined : await findCampInScope(db, scope, q.campId);
  const anchor = camp ? dateKey(camp.date) : megaCamp?.date;
  const range = resolveTrendRange({ now, grain: q.grain, from: q.from, to: q.to, anchor });
  const step = q.grain === "hour" ? "1 hour" : "1 day";
  const rows = await db.$queryRaw<TrendRow[]>`
    WITH counts AS (
      SELECT date_trunc(${q.grain}, r.vaccinated_at + ${Prisma.raw(IST_SQL_INTERVAL)}) AS t,
        count(*)::int AS vaccinated,
        count(*) FILTER (WHERE r.dose = 1)::int AS dose1,
        count(*) FILTER (WHERE r.dose = 2)::int AS dose2,
        count(*) FILTER (WHERE r.status = 'ENTERED')::int AS entered,
        count(*) FILTER (WHERE r.status = 'PENDING')::int AS pending,
        count(*) FILTER (WHERE r.status = 'REJECTED')::int AS rejected
      FROM vaccination_records r
      WHERE r.vaccinated_at >= ${range.startUtc}::timestamp(3) AND r.vaccinated_at < ${range.endUtc}::timestamp(3)
        AND ${scopeSql(scope, { district: Prisma.sql`r.district_id`, block: Prisma.sql`r.block_id` })}
        AND ${q.blockId === undefined ? Prisma.sql`TRUE` : Prisma.sql`r.block_id = ${q.blockId}`}
        AND ${megaCamp === undefined ? Prisma.sql`TRUE` : Prisma.sql`r.camp_id IN (SELECT id FROM camps WHERE mega_camp_id = ${megaCamp.id})`}
        AND ${camp === undefined ? Prisma.sql`TRUE` : Prisma.sql`r.camp_id = ${camp.id}`}
      GROUP BY 1
    )
    SELECT g.t, coalesce(c.vaccinated, 0) AS vaccinated, coalesce(c.dose1, 0) AS dose1, coalesce(c.dose2, 0) AS dose2,
      coalesce(c.entered, 0) AS entered, coalesce(c.pending, 0) AS pending, coalesce(c.rejected, 0) AS rejected
    FROM generate_series(${`${range.from} 00:00`}::timestamp, ${`${range.to} 00:00`}::timestamp + (interval '1 day' - ${step}::interval), ${step}::interval) AS g(t)
    LEFT JOIN counts c ON c.t = g.t
    ORDER BY g.t`;
  return {
    grain: q.grain,
    from: range.from,
    to: range.to,
    points: rows.map((r) => {
      const wall = r.t.toISOString();
      return {
        at: new Date(r.t.getTime() - IST_OFFSET_MS),
        label: q.grain === "hour" ? `${wall.slice(0, 10)} ${wall.slice(11, 16)}` : wall.slice(0, 10),
        vaccinated: Number(r.vaccinated),
        dose1: Number(r.dose1),
        dose2: Number(r.dose2),
        entered: Number(r.entered),
        pending: Number(r.pending),
        rejected: Number(r.rejected),
      };
    }),
  };
}

