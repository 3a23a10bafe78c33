/**
 * The entry deadline as a rule of the programme (issue 12), not a constant. Two kinds are in use:
 * - "hours": due N hours after vaccination (Bihar's COVID drive: 48 h);
 * - "byTime": due by HH:MM IST on the k-th day after the IST date of vaccination (Tamil Nadu's "the same day or by
 *   5 pm the following day" is k = 1 at 17:00).
 * Both are exact at the edge, like the 48-hour rule always was: an entry is overdue from the deadline instant
 * itself. Pure, `now` always a parameter.
 *
 * Every question the dashboards ask ("overdue?", "due within 6 h?", "which time-left bucket?") has the form "is
 * the deadline at or before instant t?", and for both kinds that is monotonic in the vaccination time: it holds
 * exactly for vaccinations before one instant, vaccinatedBefore(rule, t). The database queries use that instant,
 * so SQL and these functions cannot disagree (tests pin both at the edges).
 */
import { fromIstWallMs, istWallMs } from "@/core/time/ist";

export type DeadlineRule = { kind: "hours"; hours: number } | { kind: "byTime"; days: number; minuteOfDay: number };

export const FORTY_EIGHT_HOURS: DeadlineRule = { kind: "hours", hours: 48 };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DEADLINE_BOUNDS = { maxHours: 30 * 24, maxDays: 30 } as const;

/** The instant the entry of a vaccination at `vaccinatedAt` is due on the portal. */
export function deadlineOf(rule: DeadlineRule, vaccinatedAt: Date): Date {
  if (rule.kind === "hours") return new Date(vaccinatedAt.getTime() + rule.hours * HOUR_MS);
  const wall = istWallMs(vaccinatedAt);
  const istDay = Math.floor(wall / DAY_MS) * DAY_MS;
  return fromIstWallMs(istDay + rule.days * DAY_MS + rule.minuteOfDay * 60_000);
}

/**
 * The vaccinations whose deadline is at or before `t` are exactly those before the returned instant. (For the
 * "hours" rule the deadline is v + H ≤ t, i.e. v ≤ t − H, i.e. v < t − H + 1 ms at millisecond precision.)
 */
export function vaccinatedBefore(rule: DeadlineRule, t: Date): Date {
  if (rule.kind === "hours") return new Date(t.getTime() - rule.hours * HOUR_MS + 1);
  // istMidnight(D) + k days + m ≤ t  ⇔  D ≤ istDate(t − k days − m)  ⇔  v < istMidnight of the day after that.
  const lastDayWall = Math.floor(istWallMs(t.getTime() - rule.days * DAY_MS - rule.minuteOfDay * 60_000) / DAY_MS) * DAY_MS;
  return fromIstWallMs(lastDayWall + DAY_MS);
}

export function msUntilDeadlineOf(rule: DeadlineRule, vaccinatedAt: Date, now: Date): number {
  return deadlineOf(rule, vaccinatedAt).getTime() - now.getTime();
}

/** Overdue from the deadline instant itself. */
export function isOverdueUnder(rule: DeadlineRule, vaccinatedAt: Date, now: Date): boolean {
  return msUntilDeadlineOf(rule, vaccinatedAt, now) <= 0;
}

/** The longest a vaccination can wait under the rule (the "48 h" of the dashboards' wording). */
export function longestWaitMs(rule: DeadlineRule): number {
  return rule.kind === "hours" ? rule.hours * HOUR_MS : rule.days * DAY_MS + rule.minuteOfDay * 60_000;
}

/** "48 h" / "by 17:00 the next day": how a rule is named on screen (the catalogues have the words). */
export function ruleParts(rule: DeadlineRule): { kind: "hours"; hours: number } | { kind: "byTime"; days: number; time: string } {
  if (rule.kind === "hours") return rule;
  const hh = String(Math.floor(rule.minuteOfDay / 60)).padStart(2, "0");
  const mm = String(rule.minuteOfDay % 60).padStart(2, "0");
  return { kind: "byTime", days: rule.days, time: `${hh}:${mm}` };
}

/** Checks a rule's figures (the state officer's form and the database both go through it). */
export function deadlineRuleProblem(rule: DeadlineRule): string | null {
  if (rule.kind === "hours") return Number.isInteger(rule.hours) && rule.hours >= 1 && rule.hours <= DEADLINE_BOUNDS.maxHours ? null : "hours";
  if (!Number.isInteger(rule.days) || rule.days < 0 || rule.days > DEADLINE_BOUNDS.maxDays) return "days";
  if (!Number.isInteger(rule.minuteOfDay) || rule.minuteOfDay < 0 || rule.minuteOfDay >= 24 * 60) return "time";
  // "By 00:00 the same day" would be due before the vaccination.
  if (rule.days === 0 && rule.minuteOfDay === 0) return "time";
  return null;
}
