import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/**
 * India Standard Time, the one definition of it. All dates are stored in UTC and shown in IST. IST has been a
 * fixed UTC+05:30 since 1945 (no daylight saving), so fixed-offset arithmetic is exact; code that needs the wall
 * clock as a number, or SQL that needs it, uses the constants here rather than a time-zone library.
 */
export const IST = "Asia/Kolkata";
export const IST_OFFSET_MINUTES = 330;
export const IST_OFFSET_MS = IST_OFFSET_MINUTES * 60_000;
/** The offset as ISO 8601 writes it: "2021-06-16T00:00:00+05:30". */
export const IST_ISO_OFFSET = "+05:30";
/** For SQL: `r.vaccinated_at + ${IST_SQL_INTERVAL}` is the IST wall clock of a UTC timestamp. */
export const IST_SQL_INTERVAL = `interval '${IST_OFFSET_MINUTES} minutes'`;

const DAY_MS = 86_400_000;

/** The IST wall clock of an instant, as epoch milliseconds of the same wall time in UTC. */
export function istWallMs(at: Date | number): number {
  return (typeof at === "number" ? at : at.getTime()) + IST_OFFSET_MS;
}

/** The instant whose IST wall clock is `wallMs` (the inverse of istWallMs). */
export function fromIstWallMs(wallMs: number): Date {
  return new Date(wallMs - IST_OFFSET_MS);
}

/** 00:00 IST of a yyyy-MM-dd date (not checked: callers parse the key first). */
export function istMidnightOfKey(key: string): Date {
  return new Date(`${key}T00:00:00${IST_ISO_OFFSET}`);
}

/** IST midnights (as epoch ms) inside [from, to]. */
export function istMidnightsBetween(from: number, to: number): number[] {
  const first = Math.ceil((from + IST_OFFSET_MS) / DAY_MS) * DAY_MS - IST_OFFSET_MS;
  const out: number[] = [];
  for (let t = first; t <= to; t += DAY_MS) out.push(t);
  return out;
}

export function formatIst(date: Date, pattern = "dd MMM yyyy, HH:mm"): string {
  return format(new TZDate(date, IST), pattern);
}

/** The IST calendar date (yyyy-MM-dd) of an instant; a camp's "day" is its IST date. */
export function istDateKey(date: Date): string {
  return format(new TZDate(date, IST), "yyyy-MM-dd");
}

const MINUTE_MS = 60_000;

/** A countdown split for display in any language (the interface words come from the i18n catalogs). */
export function countdownParts(msLeft: number): { overdue: boolean; days: number; hours: number; minutes: number } {
  const totalMinutes = Math.floor(Math.abs(msLeft) / MINUTE_MS);
  return { overdue: msLeft <= 0, days: Math.floor(totalMinutes / 1440), hours: Math.floor((totalMinutes % 1440) / 60), minutes: totalMinutes % 60 };
}

/** "3 h 05 m left", "overdue by 1 d 2 h": a countdown a supervisor can read at a glance (English). */
export function formatCountdown(msLeft: number): string {
  const { overdue, days, hours, minutes } = countdownParts(msLeft);
  const span = days > 0 ? `${days} d ${hours} h` : `${hours} h ${String(minutes).padStart(2, "0")} m`;
  return overdue ? `overdue by ${span}` : `${span} left`;
}
