import "server-only";
import type { Db } from "@/server/db/client";
import { overdueCutoff } from "@/core/domain/aging";

export type BlockBacklogGauge = { district: string; block: string; pending: number; overdue: number };

/**
 * Pending and overdue per block of every district, in one statement from the trigger-kept counters: pending from
 * block_status_counts, overdue from the pending counts per hour of vaccination, looking at single records only in
 * the one hour the 48-hour cut-off falls in (the same arithmetic as the backlog summary, so the figures agree).
 */
export async function backlogGauges(db: Db, now: Date): Promise<BlockBacklogGauge[]> {
  const cut = overdueCutoff(now);
  const rows = await db.$queryRaw<{ district: string; block: string; pending: bigint; overdue: bigint }[]>`
    WITH cut AS (SELECT ${cut}::timestamp(3) AS c48, date_trunc('hour', ${cut}::timestamp(3)) AS edge),
    pending AS (
      SELECT block_id, sum(count) AS n FROM block_status_counts WHERE status = 'PENDING' GROUP BY block_id
    ),
    overdue AS (
      SELECT block_id, sum(n) AS n FROM (
        SELECT p.block_id, p.count::bigint AS n FROM pending_hour_counts p, cut WHERE p.hour < cut.edge
        UNION ALL
        SELECT r.block_id, 1 FROM vaccination_records r, cut
        WHERE r.status = 'PENDING' AND r.vaccinated_at >= cut.edge AND r.vaccinated_at <= cut.c48
      ) x GROUP BY block_id
    )
    SELECT d.name AS district, b.name AS block, coalesce(p.n, 0)::bigint AS pending, coalesce(o.n, 0)::bigint AS overdue
    FROM blocks b JOIN districts d ON d.id = b.district_id
    LEFT JOIN pending p ON p.block_id = b.id LEFT JOIN overdue o ON o.block_id = b.id
    ORDER BY d.name, b.name`;
  return rows.map((r) => ({ district: r.district, block: r.block, pending: Number(r.pending), overdue: Number(r.overdue) }));
}
