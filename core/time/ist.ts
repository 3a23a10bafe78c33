import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** All dates are stored in UTC and shown in India Standard Time. */
export const IST = "Asia/Kolkata";

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
