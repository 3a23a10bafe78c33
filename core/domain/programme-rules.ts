/**
 * The programme's rules in force for a district (issue 12): the entry deadline and the block offices' working
 * hours. A state sets them; a district may only narrow them (an earlier deadline, shorter hours), because a
 * district cannot excuse its blocks from what the state asks. Pure and browser-safe.
 */
import { DEADLINE_BOUNDS, FORTY_EIGHT_HOURS, deadlineRuleProblem, ruleParts, type DeadlineRule } from "@/core/domain/deadline-rule";
import type { WorkingHours } from "@/core/domain/working-hours";

/** Working hours as IST minutes of the day, [startMinute, endMinute). */
export type WorkWindow = { startMinute: number; endMinute: number };

export type ProgrammeRules = { deadline: DeadlineRule; work: WorkWindow };

/** What every state had before rules were data, and what the migration and the demo seed give a state. */
export const PROGRAMME_DEFAULT: ProgrammeRules = { deadline: FORTY_EIGHT_HOURS, work: { startMinute: 8 * 60, endMinute: 22 * 60 } };

export const RULE_BOUNDS = { ...DEADLINE_BOUNDS, minWorkMinutes: 60 } as const;

const DAY_MIN = 24 * 60;

export function workingHoursOf(work: WorkWindow): WorkingHours {
  return { startHour: work.startMinute / 60, endHour: work.endMinute / 60 };
}

/** "deadline.hours" / "work.order" …: which figure is wrong, for the catalogue key of the refusal. */
export function rulesProblem(rules: ProgrammeRules): string | null {
  const deadline = deadlineRuleProblem(rules.deadline);
  if (deadline) return `deadline.${deadline}`;
  const { startMinute, endMinute } = rules.work;
  if (!Number.isInteger(startMinute) || !Number.isInteger(endMinute) || startMinute < 0 || endMinute > DAY_MIN) return "work.range";
  if (endMinute - startMinute < RULE_BOUNDS.minWorkMinutes) return "work.order";
  return null;
}

/**
 * The latest a deadline can fall after the IST midnight that starts the vaccination day, and the earliest, in
 * minutes: for "hours" a vaccination at 00:00 is due H h after it, one at 23:59:59.999 just under a day later;
 * for "byTime" every vaccination of the day shares one deadline.
 */
function deadlineSpan(rule: DeadlineRule): { earliest: number; latest: number } {
  if (rule.kind === "hours") return { earliest: rule.hours * 60, latest: rule.hours * 60 + DAY_MIN };
  const at = rule.days * DAY_MIN + rule.minuteOfDay;
  return { earliest: at, latest: at };
}

/**
 * True when `narrow`'s deadline is at or before `wide`'s for every vaccination time. Same kinds compare their
 * figures; across kinds the worst vaccination time of the day decides (a 48 h override of "by 17:00 the second
 * day" fails for a vaccination at 23:00: due 23:00 two days later, after 17:00).
 */
export function deadlineNoLater(narrow: DeadlineRule, wide: DeadlineRule): boolean {
  if (narrow.kind === "hours" && wide.kind === "hours") return narrow.hours <= wide.hours;
  // Otherwise the narrow rule's latest deadline after the day's midnight D must not pass the wide one's earliest.
  // Hours vs by-time: v + H ≤ D + m for every v in [D, D + 1 day), and the last millisecond of the day gives
  // H + 1 day ≤ m at minute precision. By-time vs hours: D + m ≤ v + H for every v ≥ D ⇔ m ≤ H.
  return deadlineSpan(narrow).latest <= deadlineSpan(wide).earliest;
}

export function workWithin(narrow: WorkWindow, wide: WorkWindow): boolean {
  return narrow.startMinute >= wide.startMinute && narrow.endMinute <= wide.endMinute;
}

/** Null when `override` only narrows `state`; otherwise which part widens it. */
export function wideningProblem(override: ProgrammeRules, state: ProgrammeRules): "deadline" | "work" | null {
  if (!deadlineNoLater(override.deadline, state.deadline)) return "deadline";
  if (!workWithin(override.work, state.work)) return "work";
  return null;
}

/** "08:00" for minute 480; 1440 is "24:00" (the end of the day). */
export function minuteText(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/**
 * The rule as words, for texts composed on the server in both languages (alerts, the daily report, the
 * helpdesk's explanation); screens use the catalogue's `rules.deadline.*` entries with ruleParts().
 */
export function deadlineName(rule: DeadlineRule, lang: "en" | "hi"): string {
  const p = ruleParts(rule);
  if (p.kind === "hours") return lang === "en" ? `${p.hours} h` : `${p.hours} घंटे`;
  if (lang === "en") return p.days === 0 ? `by ${p.time} the same day` : p.days === 1 ? `by ${p.time} the next day` : `by ${p.time} on day ${p.days} after`;
  return p.days === 0 ? `उसी दिन ${p.time} तक` : p.days === 1 ? `अगले दिन ${p.time} तक` : `${p.days} दिन बाद ${p.time} तक`;
}
