/**
 * Burn-down forecast of a block's backlog (issue 5): at the rate the block is entering now, when will it be
 * clear, and how many entries will cross the 48-hour deadline first? Pure; `now` is a parameter.
 *
 * Decisions, stated on the screen too:
 * - Rate = entries made in the last 3 working hours (08:00–22:00 IST, see working-hours.ts) ÷ 3. Entries
 *   made at night are not counted, so a 3 a.m. push does not make the next morning look fast (it cannot be
 *   counted on every night), and an idle night does not make the morning look stalled.
 * - The projection spends only working hours too, and assumes the oldest pending entry is keyed in first
 *   (the best order for the deadline), so "will miss" is a lower bound: the real order can only do worse.
 * - The uncertain cases are named, not hidden behind a number: NO_RATE (the block has never entered anything,
 *   so there is no rate to speak of), STALLED (entries were made before, but none in the window: rate 0, the
 *   backlog never clears), and entries already overdue are counted apart from those that will become overdue.
 */
import { entryDeadline, isOverdue } from "@/core/domain/aging";
import { FORTY_EIGHT_HOURS, type DeadlineRule } from "@/core/domain/deadline-rule";
import { BLOCK_WORKING_HOURS, addWorkingTime, isWorkingTime, subtractWorkingTime, type WorkingHours } from "@/core/domain/working-hours";

const HOUR_MS = 3_600_000;
export const RATE_WINDOW_WORKING_HOURS = 3;

export type ForecastStatus = "CLEAR" | "NO_RATE" | "STALLED" | "ON_TRACK" | "AT_RISK";

export type BurnDownInput = {
  /** Vaccination times of the block's pending entries (any order). */
  pendingVaccinatedAt: readonly Date[];
  /** Times of entries made (status → ENTERED) at least over the rate window; older ones are ignored. */
  recentEntryTimes: readonly Date[];
  /** Whether the block has ever entered anything; distinguishes "no rate yet" from "rate zero". */
  everEntered: boolean;
  now: Date;
  hours?: WorkingHours;
  /** The deadline in force (issue 12); Bihar's 48 h when not given. */
  rule?: DeadlineRule;
};

export type BurnDownForecast = {
  status: ForecastStatus;
  pending: number;
  /** Entries per working hour over the window; null when there is no rate to speak of (NO_RATE). */
  ratePerHour: number | null;
  rateWindow: { from: Date; to: Date };
  entriesInWindow: number;
  /** When the last pending entry would be keyed in at this rate; null when it never would (or nothing pending). */
  clearsAt: Date | null;
  /** Pending entries past the deadline already. */
  alreadyOverdue: number;
  /** Entries still on time now that will cross the deadline before their turn comes at this rate. */
  willCrossDeadline: number;
  /** When the first of those crosses (its deadline); null when none will. */
  firstMissAt: Date | null;
};

export function forecastBurnDown(input: BurnDownInput): BurnDownForecast {
  const { now } = input;
  const hours = input.hours ?? BLOCK_WORKING_HOURS;
  const rule = input.rule ?? FORTY_EIGHT_HOURS;
  const rateWindow = { from: subtractWorkingTime(now, RATE_WINDOW_WORKING_HOURS * HOUR_MS, hours), to: now };
  const entriesInWindow = input.recentEntryTimes.filter(
    (t) => t.getTime() > rateWindow.from.getTime() && t.getTime() <= now.getTime() && isWorkingTime(t, hours),
  ).length;
  const pending = [...input.pendingVaccinatedAt].sort((a, b) => a.getTime() - b.getTime());
  const alreadyOverdue = pending.filter((v) => isOverdue(v, now, rule)).length;
  const onTime = pending.filter((v) => !isOverdue(v, now, rule));
  const base = { pending: pending.length, rateWindow, entriesInWindow, alreadyOverdue };

  if (pending.length === 0) {
    return { ...base, status: "CLEAR", ratePerHour: input.everEntered ? entriesInWindow / RATE_WINDOW_WORKING_HOURS : null, clearsAt: null, willCrossDeadline: 0, firstMissAt: null };
  }
  const neverClears = (status: "NO_RATE" | "STALLED") => ({
    ...base,
    status,
    ratePerHour: status === "NO_RATE" ? null : 0,
    clearsAt: null,
    willCrossDeadline: onTime.length,
    firstMissAt: onTime.length > 0 ? entryDeadline(onTime[0]!, rule) : null,
  });
  if (!input.everEntered) return neverClears("NO_RATE");
  if (entriesInWindow === 0) return neverClears("STALLED");

  const ratePerHour = entriesInWindow / RATE_WINDOW_WORKING_HOURS;
  const msPerEntry = HOUR_MS / ratePerHour;
  // The overdue ones come first in oldest-first order, so the on-time ones wait behind them.
  let willCrossDeadline = 0;
  let firstMissAt: Date | null = null;
  pending.forEach((vaccinatedAt, i) => {
    if (i < alreadyOverdue) return;
    const enteredAt = addWorkingTime(now, (i + 1) * msPerEntry, hours);
    if (isOverdue(vaccinatedAt, enteredAt, rule)) {
      willCrossDeadline++;
      firstMissAt ??= entryDeadline(vaccinatedAt, rule);
    }
  });
  const clearsAt = addWorkingTime(now, pending.length * msPerEntry, hours);
  return { ...base, status: willCrossDeadline > 0 ? "AT_RISK" : "ON_TRACK", ratePerHour, clearsAt, willCrossDeadline, firstMissAt };
}

/** At risk = the forecast misses the deadline for some entry still on time, whatever the reason. */
export function isAtRisk(forecast: BurnDownForecast): boolean {
  return forecast.willCrossDeadline > 0;
}
