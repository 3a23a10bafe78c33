/**
 * Reading and changing the programme's rules (issue 12). The state officer sets the state's rules and any
 * district's stricter ones; everyone else only reads the rules in force for what they can see. A district's rules
 * may only narrow the state's: a later deadline or longer working hours would excuse its blocks from what the
 * state asks, so they are refused, and so is a change of the state's rules that a district's would then widen.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import { requireStateOf, scopeDistrictIds, type Scope } from "@/server/auth/scope";
import { AppError } from "@/server/errors/app-error";
import { PROGRAMME_DEFAULT, minuteText, wideningProblem, type ProgrammeRules } from "@/core/domain/programme-rules";
import { ruleParts } from "@/core/domain/deadline-rule";
import { slugOf } from "@/core/domain/block-directory";
import { rulesForDistricts, rulesOfRow, type DbLike, type RulesInForce } from "@/server/services/rules/programme-rules";
import type { RulesUpdate } from "@/server/services/rules/rules-schema";

export type DistrictRulesView = Omit<RulesInForce, "state" | "workingHours"> & { name: string; nameHi: string; slug: string; override: ProgrammeRules | null };
export type RulesView = { stateId: number; state: ProgrammeRules; updatedAt: Date | null; updatedBy: string | null; districts: DistrictRulesView[] };

function columnsOf(rules: ProgrammeRules) {
  const d = rules.deadline;
  return {
    deadlineKind: d.kind === "hours" ? ("HOURS" as const) : ("BY_TIME" as const),
    deadlineHours: d.kind === "hours" ? d.hours : null,
    deadlineDays: d.kind === "byTime" ? d.days : null,
    deadlineMinuteOfDay: d.kind === "byTime" ? d.minuteOfDay : null,
    workStartMinute: rules.work.startMinute,
    workEndMinute: rules.work.endMinute,
  };
}

function rowOf(r: { deadlineKind: "HOURS" | "BY_TIME"; deadlineHours: number | null; deadlineDays: number | null; deadlineMinuteOfDay: number | null; workStartMinute: number; workEndMinute: number }): ProgrammeRules {
  return rulesOfRow({ deadline_kind: r.deadlineKind, deadline_hours: r.deadlineHours, deadline_days: r.deadlineDays, deadline_minute_of_day: r.deadlineMinuteOfDay, work_start_minute: r.workStartMinute, work_end_minute: r.workEndMinute });
}

/** Gives a state the programme's default rules if it has none (a new state, the demo seed); keeps existing ones. */
export async function ensureStateRules(db: DbLike, stateId: number, now: Date): Promise<void> {
  await db.programmeRule.upsert({ where: { stateId }, create: { stateId, ...columnsOf(PROGRAMME_DEFAULT), updatedAt: now }, update: {} });
}

/** The rules in force for the districts the scope reaches, and the state's own. */
export async function getRulesView(db: Db, scope: Scope): Promise<RulesView> {
  const stateId = requireStateOf(scope);
  const ids = scopeDistrictIds(scope);
  const [stateRow, districts, inForce, overrides] = await Promise.all([
    db.programmeRule.findUnique({ where: { stateId } }),
    db.district.findMany({ where: { id: { in: [...ids] }, stateId }, select: { id: true, name: true, nameHi: true }, orderBy: { name: "asc" } }),
    rulesForDistricts(db, ids),
    db.districtProgrammeRule.findMany({ where: { districtId: { in: [...ids] } } }),
  ]);
  const overrideOf = new Map(overrides.map((o) => [o.districtId, rowOf(o)]));
  return {
    stateId,
    state: stateRow ? rowOf(stateRow) : PROGRAMME_DEFAULT,
    updatedAt: stateRow?.updatedAt ?? null,
    updatedBy: stateRow?.updatedBy ?? null,
    districts: districts.map((d) => {
      const r = inForce.get(d.id)!;
      return { districtId: d.id, name: d.name, nameHi: d.nameHi, slug: slugOf(d.name), deadline: r.deadline, work: r.work, source: r.source, override: overrideOf.get(d.id) ?? null };
    }),
  };
}

/** "48 h" or "17:00 (+1 d)", and "08:00–22:00": figures that read the same in English and Hindi. */
function deadlineText(rules: ProgrammeRules): string {
  const p = ruleParts(rules.deadline);
  return p.kind === "hours" ? `${p.hours} h` : `${p.time} (+${p.days} d)`;
}
const workText = (rules: ProgrammeRules) => `${minuteText(rules.work.startMinute)}–${minuteText(rules.work.endMinute)}`;

/**
 * The state officer's change: the state's rules, or one district's (set or cleared). Serialized per state (a row
 * lock on the state) so that a state change and a district change cannot each pass the check against the other's
 * old value.
 */
export async function updateRules(db: Db, scope: Scope, update: RulesUpdate, username: string, now: Date): Promise<void> {
  const stateId = requireStateOf(scope);
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM states WHERE id = ${stateId} FOR UPDATE`;
    const stateRow = await tx.programmeRule.findUnique({ where: { stateId } });
    const state = stateRow ? rowOf(stateRow) : PROGRAMME_DEFAULT;
    if (update.district === undefined) {
      if (!update.rules) throw new AppError("BAD_REQUEST", "rulesStateRequired");
      const rules = update.rules;
      const overrides = await tx.districtProgrammeRule.findMany({ where: { district: { stateId } }, include: { district: { select: { name: true } } } });
      const widened = overrides.find((o) => wideningProblem(rowOf(o), rules) !== null);
      if (widened) throw new AppError("CONFLICT", "rulesDistrictWouldWiden", { district: widened.district.name, deadline: deadlineText(rowOf(widened)), work: workText(rowOf(widened)) });
      const data = { ...columnsOf(rules), updatedAt: now, updatedBy: username };
      await tx.programmeRule.upsert({ where: { stateId }, create: { stateId, ...data }, update: data });
      return;
    }
    const district = await tx.district.findFirst({ where: { id: update.district, stateId }, select: { id: true, name: true } });
    if (!district) throw new AppError("NOT_FOUND", "districtNotFound", { district: String(update.district) });
    if (!update.rules) {
      await tx.districtProgrammeRule.deleteMany({ where: { districtId: district.id } });
      return;
    }
    const problem = wideningProblem(update.rules, state);
    if (problem === "deadline") throw new AppError("BAD_REQUEST", "rulesDeadlineWidens", { district: district.name, deadline: deadlineText(state) });
    if (problem === "work") throw new AppError("BAD_REQUEST", "rulesWorkWidens", { district: district.name, work: workText(state) });
    const data = { ...columnsOf(update.rules), updatedAt: now, updatedBy: username };
    await tx.districtProgrammeRule.upsert({ where: { districtId: district.id }, create: { districtId: district.id, ...data }, update: data });
  });
}
