/**
 * The deadline thresholds of every district as a table for one SQL statement (issue 12): the rule differs by
 * district, so the cut-offs are computed here, in TypeScript, with the same vaccinatedBefore() the pure rule uses,
 * and joined on district_id. One query still serves a whole state.
 */
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import { deadlineThresholds } from "@/core/domain/aging";
import type { RulesInForce } from "@/server/services/rules/programme-rules";

/** timestamp(3) columns hold UTC wall time; PostgreSQL ignores the "Z" when casting to timestamp without zone. */
const iso = (d: Date) => d.toISOString();

/**
 * `SELECT district_id, c12, c24, c36, c42, c48`: vaccinated_at < c48 is overdue, < c42 due within 6 h (or overdue),
 * < c36 12 h or less left, < c24 24 h or less, < c12 36 h or less (the names are the 48-hour ages they were).
 * No districts: no rows, so nothing joins and nothing is counted.
 */
export function thresholdsSql(rules: ReadonlyMap<number, RulesInForce>, now: Date): Prisma.Sql {
  const rows = [...rules.values()].map((r) => ({ id: r.districtId, t: deadlineThresholds(r.deadline, now) }));
  return Prisma.sql`
    SELECT * FROM unnest(${rows.map((r) => r.id)}::int[], ${rows.map((r) => iso(r.t.h12_24))}::timestamp(3)[],
      ${rows.map((r) => iso(r.t.h24_36))}::timestamp(3)[], ${rows.map((r) => iso(r.t.h36_48))}::timestamp(3)[],
      ${rows.map((r) => iso(r.t.dueSoon))}::timestamp(3)[], ${rows.map((r) => iso(r.t.overdue))}::timestamp(3)[])
      AS cuts(district_id, c12, c24, c36, c42, c48)`;
}

/** The overdue threshold alone, per district (timeliness, block camps). */
export function overdueSql(rules: ReadonlyMap<number, RulesInForce>, now: Date): Prisma.Sql {
  const rows = [...rules.values()].map((r) => ({ id: r.districtId, t: deadlineThresholds(r.deadline, now) }));
  return Prisma.sql`
    SELECT * FROM unnest(${rows.map((r) => r.id)}::int[], ${rows.map((r) => iso(r.t.overdue))}::timestamp(3)[], ${rows.map((r) => iso(r.t.dueSoon))}::timestamp(3)[])
      AS cuts(district_id, c48, c42)`;
}
