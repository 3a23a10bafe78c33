/**
 * The date range of a camp trend: IST calendar dates, both ends included, checked before any query runs.
 * Pure (the clock is a parameter), so the edges are unit-tested.
 */
import { IST_OFFSET_MS } from "@/core/time/ist";
import "server-only";
import { istDateKey } from "@/core/time/ist";
import { AppError } from "@/server/errors/app-error";

export type TrendGrain = "hour" | "day";

export const MAX_RANGE_DAYS = 366;
export const MAX_HOURLY_DAYS = 31;
/** Without a range: the last 8 IST days hourly (both June mega camps at TEST_NOW), the last 30 days daily. */
export const DEFAULT_RANGE_DAYS: Record<TrendGrain, number> = { hour: 8, day: 30 };

/** A mega camp's default range: its day and the next, since sessions that run late go on past midnight. */
export const MEGA_CAMP_SPAN_DAYS = 2;

const DAY_MS = 86_400_000;
const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type TrendRange = {
  from: string;
  to: string;
  days: number;
  /** The first instant counted: 00:00 IST on `from`. */
  startUtc: Date;
  /** The first instant not counted: 00:00 IST on the day after `to`. */
  endUtc: Date;
};

/** A yyyy-MM-dd that names a real calendar date (no 30 February). */
export function isDateKey(value: string): boolean {
  const m = DATE_KEY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function dayNumber(key: string): number {
  return Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10))) / DAY_MS;
}

function keyOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDaysToKey(key: string, days: number): string {
  return keyOfDay(dayNumber(key) + days);
}

/** 00:00 IST of an IST calendar date, as a UTC instant. */
export function istMidnightUtc(key: string): Date {
  return new Date(dayNumber(key) * DAY_MS - IST_OFFSET_MS);
}

/**
 * Without dates, a mega camp's range is its day and the next (`anchor`), else the grain's default span ending
 * today (IST); a missing end is `anchor` or today, a missing start the default span before the end.
 * Refuses a reversed range, one over a year, and an hourly one over 31 days.
 */
export function resolveTrendRange(input: { now: Date; grain: TrendGrain; from?: string; to?: string; anchor?: string }): TrendRange {
  for (const [name, value] of [["from", input.from], ["to", input.to]] as const) {
    if (value !== undefined && !isDateKey(value)) throw new AppError("BAD_REQUEST", "dateKeyInvalid", { name, value });
  }
  const megaCampDefault = input.anchor !== undefined && input.from === undefined && input.to === undefined;
  const anchor = input.anchor ?? istDateKey(input.now);
  const to = input.to ?? (megaCampDefault ? addDaysToKey(anchor, MEGA_CAMP_SPAN_DAYS - 1) : input.from !== undefined && input.from > anchor ? input.from : anchor);
  const from = input.from ?? (megaCampDefault ? anchor : addDaysToKey(to, 1 - DEFAULT_RANGE_DAYS[input.grain]));
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days < 1) throw new AppError("BAD_REQUEST", "campRangeReversed", { from, to });
  if (days > MAX_RANGE_DAYS) {
    throw new AppError("BAD_REQUEST", "campRangeTooLong", { days, max: MAX_RANGE_DAYS });
  }
  if (input.grain === "hour" && days > MAX_HOURLY_DAYS) {
    throw new AppError("BAD_REQUEST", "campHourlyTooLong", { max: MAX_HOURLY_DAYS, days });
  }
  return { from, to, days, startUtc: istMidnightUtc(from), endUtc: istMidnightUtc(addDaysToKey(to, 1)) };
}
