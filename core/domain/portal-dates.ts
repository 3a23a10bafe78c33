import { IST_OFFSET_MS } from "@/core/time/ist";
/**
 * Date-times as they appear in portal exports and hand-edited spreadsheets. Indian exports write the day first
 * ("16/06/2021 10:42", "16-06-2021"); machine exports write ISO ("2021-06-16 10:42", with or without an offset).
 * A value without an offset is India Standard Time: the portal and the camps are in India, and IST has had a fixed
 * offset (UTC+05:30, no daylight saving) since 1945, so plain arithmetic is exact.
 */

export type PortalDateTime = {
  at: Date;
  /** Only a calendar date was given; `at` is then 00:00 IST of that date. */
  dateOnly: boolean;
};

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

/** Null when the text is not one of the accepted forms or names an impossible date or time. */
export function parsePortalDateTime(raw: string): PortalDateTime | null {
  const text = raw.trim().replace(/\s+/g, " ");
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, offset] = iso;
    return build({ year: y, month: mo, day: d, hour: h, minute: mi, second: s, meridiem: undefined, offset });
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [, d, mo, y, h, mi, s, meridiem] = dayFirst;
    return build({ year: y, month: mo, day: d, hour: h, minute: mi, second: s, meridiem, offset: undefined });
  }
  return null;
}

type Parts = {
  year: string | undefined;
  month: string | undefined;
  day: string | undefined;
  hour: string | undefined;
  minute: string | undefined;
  second: string | undefined;
  meridiem: string | undefined;
  offset: string | undefined;
};

function build(parts: Parts): PortalDateTime | null {
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const dateOnly = parts.hour === undefined;
  let hour = Number(parts.hour ?? 0);
  const minute = Number(parts.minute ?? 0);
  const second = Number(parts.second ?? 0);
  if (parts.meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (parts.meridiem.toUpperCase() === "PM" ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31/06 over to 1/07; a date that does not survive the round trip does not exist.
  const check = new Date(wallClock);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const offsetMs = parts.offset === undefined ? IST_OFFSET_MS : parseOffset(parts.offset);
  if (offsetMs === null) return null;
  return { at: new Date(wallClock - offsetMs), dateOnly };
}

function parseOffset(offset: string): number | null {
  if (offset.toUpperCase() === "Z") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** Whole IST calendar days from a to b (negative when b is earlier), whatever the times of day. */
export function istDayDifference(a: Date, b: Date): number {
  const day = (date: Date) => Math.floor((date.getTime() + IST_OFFSET_MS) / 86_400_000);
  return day(b) - day(a);
}
