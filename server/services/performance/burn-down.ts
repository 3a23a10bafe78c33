/**
 * Burn-down forecasts per block (issue 5, part 3): the database side of forecastBurnDown() in
 * server/domain/burn-down.ts, which holds the rules (rate window, working hours, NO_RATE / STALLED).
 *
 * What is read, per block in scope, in three small statements:
 * - the vaccination times of its pending records (the backlog: ~2,000 rows district-wide in the demo);
 * - the entry times (entered_at: when the entry reached the portal, see services/timeliness.ts) that fall in
 *   the rate window, i.e. the last 3 working hours (the district's, 08:00–22:00 IST in Bihar) before `now`;
 * - whether it ever entered anything (trigger-kept block_status_counts), to tell NO_RATE from STALLED.
 */
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { scopeSql, type Scope } from "@/server/auth/scope";
import { slugOf } from "@/core/domain/block-directory";
import { RATE_WINDOW_WORKING_HOURS, forecastBurnDown, isAtRisk, type BurnDownForecast } from "@/core/domain/burn-down";
import { subtractWorkingTime } from "@/core/domain/working-hours";
import type { DeadlineRule } from "@/core/domain/deadline-rule";
import { ruleOf, rulesForScope } from "@/server/services/rules/programme-rules";

const HOUR_MS = 3_600_000;

export type BlockForecast = {
  blockId: number;
  block: string;
  slug: string;
  isUrban: boolean;
  atRisk: boolean;
  forecast: BurnDownForecast;
  /** The deadline in force for the block's district, which the forecast is about. */
  deadline: DeadlineRule;
};

export type ForecastList = {
  generatedAt: Date;
  rateWindowWorkingHours: number;
  blocks: BlockForecast[];
};

export async function getBlockForecasts(db: Db, scope: Scope, now: Date, onlyBlockId?: number): Promise<ForecastList> {
  const inScope = (district: Prisma.Sql, column: Prisma.Sql) =>
    Prisma.sql`${scopeSql(scope, { district, block: column })} AND ${onlyBlockId === undefined ? Prisma.sql`TRUE` : Prisma.sql`${column} = ${onlyBlockId}`}`;
  // Each district's working hours and deadline; the entries query reads from the earliest rate window of them,
  // and forecastBurnDown() keeps each block's own window.
  const rules = await rulesForScope(db, scope);
  const windowFrom = new Date(
    Math.min(now.getTime(), ...[...rules.values()].map((r) => subtractWorkingTime(now, RATE_WINDOW_WORKING_HOURS * HOUR_MS, r.workingHours).getTime())),
  );
  const [blocks, pending, entries] = await Promise.all([
    db.$queryRaw<{ id: number; district_id: number; name: string; is_urban: boolean; entered: bigint | null }[]>`
      SELECT b.id, b.district_id, b.name, b.is_urban, c.count AS entered
      FROM blocks b LEFT JOIN block_status_counts c ON c.block_id = b.id AND c.status = 'ENTERED'
      WHERE ${inScope(Prisma.sql`b.district_id`, Prisma.sql`b.id`)} ORDER BY b.name`,
    db.$queryRaw<{ block_id: number; vaccinated_at: Date }[]>`
      SELECT block_id, vaccinated_at FROM vaccination_records
      WHERE status = 'PENDING' AND ${inScope(Prisma.sql`district_id`, Prisma.sql`block_id`)}`,
    // Entries at or before `now` only: a pinned clock in the past must not see later entries.
    db.$queryRaw<{ block_id: number; entered_at: Date }[]>`
      SELECT block_id, entered_at FROM vaccination_records
      WHERE status = 'ENTERED' AND entered_at > ${windowFrom}::timestamp(3) AND entered_at <= ${now}::timestamp(3)
        AND ${inScope(Prisma.sql`district_id`, Prisma.sql`block_id`)}`,
  ]);
  const pendingBy = groupTimes(pending.map((r) => [r.block_id, r.vaccinated_at]));
  const entriesBy = groupTimes(entries.map((r) => [r.block_id, r.entered_at]));
  return {
    generatedAt: now,
    rateWindowWorkingHours: RATE_WINDOW_WORKING_HOURS,
    blocks: blocks.map((b) => {
      const recentEntryTimes = entriesBy.get(b.id) ?? [];
      const inForce = ruleOf(rules, b.district_id);
      const forecast = forecastBurnDown({
        hours: inForce.workingHours,
        rule: inForce.deadline,
        pendingVaccinatedAt: pendingBy.get(b.id) ?? [],
        recentEntryTimes,
        everEntered: Number(b.entered ?? 0) > 0 || recentEntryTimes.length > 0,
        now,
      });
      return { blockId: b.id, block: b.name, slug: slugOf(b.name), isUrban: b.is_urban, atRisk: isAtRisk(forecast), forecast, deadline: inForce.deadline };
    }),
  };
}

/** Blocks whose forecast misses the deadline, worst first (most entries crossing the deadline, then earliest miss). */
export function atRiskFirst(list: BlockForecast[]): BlockForecast[] {
  return list
    .filter((b) => b.atRisk)
    .sort(
      (a, b) =>
        b.forecast.willCrossDeadline - a.forecast.willCrossDeadline ||
        (a.forecast.firstMissAt?.getTime() ?? Infinity) - (b.forecast.firstMissAt?.getTime() ?? Infinity),
    );
}

function groupTimes(rows: [number, Date][]): Map<number, Date[]> {
  const map = new Map<number, Date[]>();
  for (const [blockId, at] of rows) {
    const list = map.get(blockId);
    if (list) list.push(at);
    else map.set(blockId, [at]);
  }
  return map;
}
