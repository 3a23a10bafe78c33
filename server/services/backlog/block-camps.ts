import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { scopeSql, type Scope } from "@/server/auth/scope";
import { rulesForScope } from "@/server/services/rules/programme-rules";
import { overdueSql } from "@/server/services/rules/rule-sql";
import type { BacklogCounts } from "@/server/services/backlog/backlog-summary";

export type CampBacklog = BacklogCounts & { campId: number; siteId: number; site: string; date: Date; megaCamp: string | null };

type CampRow = {
  camp_id: number;
  site_id: number;
  site: string;
  date: Date;
  mega_camp: string | null;
  vaccinated: bigint;
  entered: bigint;
  pending: bigint;
  rejected: bigint;
  overdue: bigint;
  due_soon: bigint;
};

/** Each camp (site + date) in a block with its register and backlog counts, busiest backlog first. */
export async function listBlockCamps(db: Db, scope: Scope, now: Date, blockId: number): Promise<CampBacklog[]> {
  const rules = await rulesForScope(db, scope);
  // The thresholds of the district's rule in force (vaccinatedBefore(): "<" means the deadline has come).
  const rows = await db.$queryRaw<CampRow[]>`
    WITH cuts AS (${overdueSql(rules, now)})
    SELECT c.id AS camp_id, s.id AS site_id, s.name AS site, c.date, m.name AS mega_camp,
      count(r.id) AS vaccinated,
      count(r.id) FILTER (WHERE r.status = 'ENTERED') AS entered,
      count(r.id) FILTER (WHERE r.status = 'PENDING') AS pending,
      count(r.id) FILTER (WHERE r.status = 'REJECTED') AS rejected,
      count(r.id) FILTER (WHERE r.status = 'PENDING' AND r.vaccinated_at < k.c48) AS overdue,
      count(r.id) FILTER (WHERE r.status = 'PENDING' AND r.vaccinated_at < k.c42 AND r.vaccinated_at >= k.c48) AS due_soon
    FROM camps c
    JOIN sites s ON s.id = c.site_id
    JOIN cuts k ON k.district_id = s.district_id
    LEFT JOIN mega_camps m ON m.id = c.mega_camp_id
    LEFT JOIN vaccination_records r ON r.camp_id = c.id
    WHERE s.block_id = ${blockId} AND ${scopeSql(scope, { district: Prisma.sql`s.district_id`, block: Prisma.sql`s.block_id` })}
    GROUP BY c.id, s.id, s.name, c.date, m.name
    ORDER BY pending DESC, c.date DESC, s.name`;
  return rows.map((r) => ({
    campId: r.camp_id,
    siteId: r.site_id,
    site: r.site,
    date: r.date,
    megaCamp: r.mega_camp,
    vaccinated: Number(r.vaccinated),
    entered: Number(r.entered),
    pending: Number(r.pending),
    rejected: Number(r.rejected),
    overdue: Number(r.overdue),
    dueWithin6h: Number(r.due_soon),
  }));
}
