import { IST_OFFSET_MS } from "@/core/time/ist";
/**
 * Block HQ working hours, for entry rates and burn-down forecasts (issue 5). Pure; IST has no daylight saving,
 * so an IST wall-clock hour is always UTC + 5:30 and plain arithmetic is exact.
 *
 * Decision: 08:00–22:00 IST. Data operators start with the office and, in a camp week, stay late; the night
 * (22:00–06:00) is flagged separately as night-shift work, and hours outside this window neither dilute the
 * measured rate nor count as time in which the backlog will be worked off.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type WorkingHours = { startHour: number; endHour: number };
export const BLOCK_WORKING_HOURS: WorkingHours = { startHour: 8, endHour: 22 };

/** 22:00–06:00 IST: entries keyed in at night are flagged (in June 2021 one block's operators worked until 3 a.m.). */
export function isNightShift(at: Date): boolean {
  const hour = istHour(at);
  return hour >= 22 || hour < 6;
}

/** The IST wall-clock hour, 0–23. */
export function istHour(at: Date): number {
  return Math.floor((((at.getTime() + IST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / HOUR_MS);
}

/** [start, end) of the working window on the IST day that contains `at`, as UTC instants. */
function workingWindowOfDay(atMs: number, hours: WorkingHours): [number, number] {
  const istMidnight = Math.floor((atMs + IST_OFFSET_MS) / DAY_MS) * DAY_MS - IST_OFFSET_MS;
  // Rounded: a state may set minutes (08:30 is 8.5 h), and the window must fall on whole milliseconds.
  return [istMidnight + Math.round(hours.startHour * HOUR_MS), istMidnight + Math.round(hours.endHour * HOUR_MS)];
}

export function isWorkingTime(at: Date, hours: WorkingHours = BLOCK_WORKING_HOURS): boolean {
  const [start, end] = workingWindowOfDay(at.getTime(), hours);
  return at.getTime() >= start && at.getTime() < end;
}

/** The instant at which `workMs` of working time has passed after `from`. */
export function addWorkingTime(from: Date, workMs: number, hours: WorkingHours = BLOCK_WORKING_HOURS): Date {
  if (!(workMs >= 0) || !Number.isFinite(workMs)) throw new RangeError(`workMs must be a finite non-negative number, got ${workMs}`);
  let cursor = from.getTime();
  let left = workMs;
  for (;;) {
    const [start, end] = workingWindowOfDay(cursor, hours);
    if (cursor < start) cursor = start;
    if (cursor < end) {
      if (cursor + left <= end) return new Date(cursor + left);
      left -= end - cursor;
    }
    cursor = start + DAY_MS;
  }
}

/** The instant `workMs` of working time before `to` (the start of a "last N working hours" window). */
export function subtractWorkingTime(to: Date, workMs: number, hours: WorkingHours = BLOCK_WORKING_HOURS): Date {
  if (!(workMs >= 0) || !Number.isFinite(workMs)) throw new RangeError(`workMs must be a finite non-negative number, got ${workMs}`);
  let cursor = to.getTime();
  let left = workMs;
  for (;;) {
    const [start, end] = workingWindowOfDay(cursor - 1, hours);
    if (cursor > end) cursor = end;
    if (cursor > start) {
      if (cursor - left >= start) return new Date(cursor - left);
      left -= cursor - start;
    }
    cursor = end - DAY_MS;
  }
}
