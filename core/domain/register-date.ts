import { IST_OFFSET_MINUTES } from "@/core/time/ist";
/**
 * When a register line says the dose was given. Registers are kept in India, so a time without an offset
 * is India Standard Time. IST is a fixed UTC+05:30 (no daylight saving since 1945), so plain arithmetic is
 * exact and far cheaper per row than a time-zone library.
 *
 * A date without a time is taken as 00:00 IST that day: the earliest instant it can mean, so the 48-hour
 * deadline computed from it is never later than the real one and a backlog never looks safer than it is.
 */
/** India's COVID-19 vaccination drive began on 16 January 2021; an earlier dose is a typo. */
export const DRIVE_START = new Date(Date.UTC(2021, 0, 16) - IST_OFFSET_MINUTES * 60_000);

const MINUTE_MS = 60_000;

export type DateParse = { ok: true; value: Date; hasTime: boolean } | { ok: false; reason: string };

// 2021-06-16, 2021-06-16 10:42, 2021-06-16T10:42:05+05:30, 2021-06-16 10:42Z
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(.+))?$/;
// 16/06/2021, 16-06-2021, 16.06.2021, optionally followed by a time
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(.+))?$/;
// 10:42, 10:42:05, 10:42:05.123, 10:42 am, with an optional offset (Z, +05:30, +0530, UTC+5:30)
const TIME = /^(\d{1,2})[:.](\d{2})(?::(\d{2})(?:\.\d{1,3})?)?\s*(am|pm)?\s*(?:(z|utc|gmt|ist)|(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?)?$/i;

type Clock = { hour: number; minute: number; second: number; offsetMinutes: number };

function parseClock(raw: string): Clock | string {
  const m = TIME.exec(raw.trim());
  if (!m) return `time "${raw.trim()}" is not like 10:42`;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] ? Number(m[3]) : 0;
  const meridiem = m[4]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return `time "${raw.trim()}" has an hour outside 1–12 for am/pm`;
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return `time "${raw.trim()}" is not a real time of day`;
  let offsetMinutes = IST_OFFSET_MINUTES;
  const zone = m[5]?.toLowerCase();
  if (zone && zone !== "ist") offsetMinutes = 0;
  if (m[6]) {
    const sign = m[6] === "-" ? -1 : 1;
    const offHours = Number(m[7]);
    const offMinutes = m[8] ? Number(m[8]) : 0;
    if (offHours > 14 || offMinutes > 59) return `time zone offset in "${raw.trim()}" is not valid`;
    offsetMinutes = sign * (offHours * 60 + offMinutes);
  }
  return { hour, minute, second, offsetMinutes };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses a register date-time (see the module comment for the accepted forms and the zone rule). */
export function parseRegisterDateTime(raw: string): DateParse {
  const text = raw.trim();
  if (!text) return { ok: false, reason: "is empty" };
  let year: number, month: number, day: number, rest: string | undefined;
  const ymd = YMD.exec(text);
  const dmy = ymd ? null : DMY.exec(text);
  if (ymd) [year, month, day, rest] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), ymd[4]];
  else if (dmy) [day, month, year, rest] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3]), dmy[4]];
  else return { ok: false, reason: `"${text}" is not a date like 2021-06-16 10:42 or 16/06/2021 10:42` };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `"${text}" is not a real calendar date (dates are day/month/year)` };
  }
  const clock = rest === undefined ? { hour: 0, minute: 0, second: 0, offsetMinutes: IST_OFFSET_MINUTES } : parseClock(rest);
  if (typeof clock === "string") return { ok: false, reason: clock };
  const wall = Date.UTC(year, month - 1, day, clock.hour, clock.minute, clock.second);
  return { ok: true, value: new Date(wall - clock.offsetMinutes * MINUTE_MS), hasTime: rest !== undefined };
}

/** A parsed vaccination time must lie between the start of the drive and `now`. */
export function checkVaccinationTime(at: Date, now: Date): string | null {
  if (at.getTime() > now.getTime()) return "is in the future";
  if (at.getTime() < DRIVE_START.getTime()) return "is before 16 Jan 2021, when vaccination began";
  return null;
}

/** The IST calendar date (yyyy-MM-dd) of an instant: a camp's day. */
export function istDateOf(at: Date): string {
  return new Date(at.getTime() + IST_OFFSET_MINUTES * MINUTE_MS).toISOString().slice(0, 10);
}

/** The IST calendar year of an instant (the year ages are counted in). */
export function istYearOf(at: Date): number {
  return new Date(at.getTime() + IST_OFFSET_MINUTES * MINUTE_MS).getUTCFullYear();
}
