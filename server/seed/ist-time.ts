/**
 * Fixed-offset IST arithmetic for the demo generator. India has no daylight saving, so +05:30 is exact and
 * the generator stays free of time-zone libraries (and of the machine's local zone).
 */
import { IST_OFFSET_MS } from "@/core/time/ist";
import "server-only";
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The IST calendar date of an instant, as UTC midnight of that date (how Prisma represents @db.Date). */
export function istDate(instant: Date): Date {
  const shifted = instant.getTime() + IST_OFFSET_MS;
  return new Date(shifted - mod(shifted, DAY_MS));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** The instant of `hours` (fractional allowed) IST on the IST date `day` (given as UTC midnight). */
export function istInstant(day: Date, hours: number): number {
  return day.getTime() + hours * HOUR_MS - IST_OFFSET_MS;
}

/** Milliseconds since IST midnight of the instant's IST date. */
export function istTimeOfDayMs(instantMs: number): number {
  return mod(instantMs + IST_OFFSET_MS, DAY_MS);
}

export function dateKey(day: Date): string {
  return day.toISOString().slice(0, 10);
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
