/**
 * The programme's rules in force per district (issue 12): the state's row, or the district's own stricter one.
 * Read fresh on every call (one statement for any number of districts) and never cached across requests: the
 * state officer may change them at any moment, and the next request must see it.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";
import { scopeDistrictIds, type Scope } from "@/server/auth/scope";
import type { DeadlineRule } from "@/core/domain/deadline-rule";
import type { WorkingHours } from "@/core/domain/working-hours";
import { PROGRAMME_DEFAULT, wideningProblem, workingHoursOf, type ProgrammeRules, type WorkWindow } from "@/core/domain/programme-rules";

/** The app's client or an interactive transaction (the seed and the admin service write inside one). */
export type DbLike = Db | Prisma.TransactionClient;

export type RulesInForce = {
  districtId: number;
  deadline: DeadlineRule;
  work: WorkWindow;
  workingHours: WorkingHours;
  /** Where the rule comes from: the state's row, or the district's own narrowing of it. */
  source: "state" | "district";
  /** The state's rules, which a district override may only narrow. */
  state: ProgrammeRules;
};

export type RuleRow = {
  deadline_kind: "HOURS" | "BY_TIME";
  deadline_hours: number | null;
  deadline_days: number | null;
  deadline_minute_of_day: number | null;
  work_start_minute: number;
  work_end_minute: number;
};

export function rulesOfRow(row: RuleRow): ProgrammeRules {
  const deadline: DeadlineRule =
    row.deadline_kind === "HOURS"
      ? { kind: "hours", hours: row.deadline_hours ?? 0 }
      : { kind: "byTime", days: row.deadline_days ?? 0, minuteOfDay: row.deadline_minute_of_day ?? 0 };
  return { deadline, work: { startMinute: row.work_start_minute, endMinute: row.work_end_minute } };
}

type JoinedRow = { district_id: number } & { [K in keyof RuleRow as `s_${K}`]: RuleRow[K] | null } & { [K in keyof RuleRow as `o_${K}`]: RuleRow[K] | null };

function pick(row: JoinedRow, prefix: "s_" | "o_"): RuleRow | null {
  const kind = row[`${prefix}deadline_kind`];
  if (kind === null) return null;
  return {
    deadline_kind: kind,
    deadline_hours: row[`${prefix}deadline_hours`],
    deadline_days: row[`${prefix}deadline_days`],
    deadline_minute_of_day: row[`${prefix}deadline_minute_of_day`],
    work_start_minute: row[`${prefix}work_start_minute`] ?? 0,
    work_end_minute: row[`${prefix}work_end_minute`] ?? 0,
  };
}

function inForce(row: JoinedRow): RulesInForce {
  const stateRow = pick(row, "s_");
  // Every state gets its row when it is created (migration, reference list); a state without one is treated as
  // the programme's default rather than as having no deadline at all.
  const state = stateRow ? rulesOfRow(stateRow) : PROGRAMME_DEFAULT;
  const overrideRow = pick(row, "o_");
  const override = overrideRow ? rulesOfRow(overrideRow) : null;
  // The service refuses an override that widens the state's rules; should one slip through, the state's hold.
  const rules = override && wideningProblem(override, state) === null ? override : state;
  return { districtId: row.district_id, ...rules, workingHours: workingHoursOf(rules.work), source: rules === override ? "district" : "state", state };
}

/** The rules in force for each of these districts, in one statement; an unknown id is simply absent. */
export async function rulesForDistricts(db: DbLike, districtIds: readonly number[]): Promise<Map<number, RulesInForce>> {
  if (districtIds.length === 0) return new Map();
  const rows = await db.$queryRaw<JoinedRow[]>`
    SELECT d.id AS district_id,
      s.deadline_kind::text AS s_deadline_kind, s.deadline_hours AS s_deadline_hours, s.deadline_days AS s_deadline_days,
      s.deadline_minute_of_day AS s_deadline_minute_of_day, s.work_start_minute AS s_work_start_minute, s.work_end_minute AS s_work_end_minute,
      o.deadline_kind::text AS o_deadline_kind, o.deadline_hours AS o_deadline_hours, o.deadline_days AS o_deadline_days,
      o.deadline_minute_of_day AS o_deadline_minute_of_day, o.work_start_minute AS o_work_start_minute, o.work_end_minute AS o_work_end_minute
    FROM districts d
    LEFT JOIN programme_rules s ON s.state_id = d.state_id
    LEFT JOIN district_programme_rules o ON o.district_id = d.id
    WHERE d.id = ANY(${[...districtIds]}::int[])`;
  return new Map(rows.map((r) => [r.district_id, inForce(r)]));
}

/** The rules in force for one district (the programme's default for an id that does not exist). */
export async function rulesFor(db: DbLike, districtId: number): Promise<RulesInForce> {
  return (await rulesForDistricts(db, [districtId])).get(districtId) ?? defaultRules(districtId);
}

/** The rules in force for every district a scope reaches (none for no scope). */
export function rulesForScope(db: DbLike, scope: Scope): Promise<Map<number, RulesInForce>> {
  return rulesForDistricts(db, scopeDistrictIds(scope));
}

export function defaultRules(districtId: number): RulesInForce {
  return { districtId, ...PROGRAMME_DEFAULT, workingHours: workingHoursOf(PROGRAMME_DEFAULT.work), source: "state", state: PROGRAMME_DEFAULT };
}

/** The rule in force for a district from a map of rulesForScope (the default for one outside it). */
export function ruleOf(rules: ReadonlyMap<number, RulesInForce>, districtId: number): RulesInForce {
  return rules.get(districtId) ?? defaultRules(districtId);
}
