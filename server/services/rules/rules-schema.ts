/**
 * The rules as a form or an API client sends them (issue 12), with the bounds of core/domain: hours 1–720 (30
 * days), "by HH:MM on day k" with k 0–30, working hours as IST minutes of the day, at least an hour long.
 */
import { z } from "zod";
import { DEADLINE_BOUNDS } from "@/core/domain/deadline-rule";
import { RULE_BOUNDS, rulesProblem, type ProgrammeRules } from "@/core/domain/programme-rules";

const int = (what: string, min: number, max: number) =>
  z.number({ error: `${what} must be a whole number from ${min} to ${max}.` }).int(`${what} must be a whole number.`).min(min, `${what} must be at least ${min}.`).max(max, `${what} must be at most ${max}.`);

export const ZDeadlineRule = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("hours"), hours: int("The deadline in hours", 1, DEADLINE_BOUNDS.maxHours) }),
    z.strictObject({
      kind: z.literal("byTime"),
      days: int("The day after vaccination (0 = the same day)", 0, DEADLINE_BOUNDS.maxDays),
      minuteOfDay: int("The time of day, in minutes after midnight IST,", 0, 24 * 60 - 1),
    }),
  ],
  { error: 'deadline.kind must be "hours" or "byTime".' },
);

export const ZWorkWindow = z.strictObject({
  startMinute: int("The start of working hours, in minutes after midnight IST,", 0, 24 * 60 - 1),
  endMinute: int("The end of working hours, in minutes after midnight IST,", 1, 24 * 60),
});

export const ZProgrammeRules = z
  .strictObject({ deadline: ZDeadlineRule, work: ZWorkWindow })
  .superRefine((rules, ctx) => {
    const problem = rulesProblem(rules as ProgrammeRules);
    if (problem === "deadline.time") ctx.addIssue({ code: "custom", path: ["deadline", "minuteOfDay"], message: "A deadline of 00:00 on the same day would fall before the vaccination: choose a later time or day.", params: { key: "rulesSameDayMidnight" } });
    else if (problem === "work.order") ctx.addIssue({ code: "custom", path: ["work", "endMinute"], message: "Working hours must end at least an hour after they start.", params: { key: "rulesWorkTooShort", minutes: RULE_BOUNDS.minWorkMinutes } });
    else if (problem) ctx.addIssue({ code: "custom", path: problem.split("."), message: "This figure is out of range." });
  });

/**
 * The update: without `district` the state's rules; with it, that district's own stricter rules, or `null` to
 * clear them (the district follows the state's again).
 */
export const ZRulesUpdate = z.strictObject({
  district: z.number({ error: "district must be a district's id (a number)." }).int().min(1).max(2_147_483_647).optional(),
  rules: ZProgrammeRules.nullable(),
});
export type RulesUpdate = z.infer<typeof ZRulesUpdate>;
