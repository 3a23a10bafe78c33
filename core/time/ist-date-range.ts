import { IST_OFFSET_MS } from "@/core/time/ist";
/**
 * The timeliness date range as IST calendar dates (yyyy-MM-dd, `to` inclusive), shared by the page and the CSV
 * route. Pure (no nuqs, no server modules), so both the browser and route handlers can import it.
 */
export const TIMELINESS_TABLES = ["blocks", "operators", "hours"] as const;
export type TimelinessTable = (typeof TIMELINESS_TABLES)[number];

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** 00:00 IST of a yyyy-MM-dd date as an instant; null when the text is not a real date. */
export function istMidnight(date: string): Date | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return new Date(utc - IST_OFFSET_MS);
}

/** On failure: which end is not a date, and the text given (for the message, in the reader's language). */
export type DateRangeResult = { ok: true; from?: Date; to?: Date } | { ok: false; name: "from" | "to"; value: string };

/** IST dates (to inclusive) → [from, to) instants; either may be absent (the server's default applies). */
export function istDateRange(from: string | null | undefined, to: string | null | undefined): DateRangeResult {
  const out: { from?: Date; to?: Date } = {};
  if (from) {
    const d = istMidnight(from);
    if (!d) return { ok: false, name: "from", value: from };
    out.from = d;
  }
  if (to) {
    const d = istMidnight(to);
    if (!d) return { ok: false, name: "to", value: to };
    out.to = new Date(d.getTime() + DAY_MS);
  }
  return { ok: true, ...out };
}

/** The yyyy-MM-dd IST date of an instant (for date inputs). */
export function istDateOf(at: Date): string {
  return new Date(at.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}
