import { useLocale } from "next-intl";
import { formatCount, formatIstDate, formatIstDateTime, formatIstDateTimeFull } from "@/core/format/format";
import type { Locale } from "@/core/format/locales";

export type Formatters = {
  locale: Locale;
  /** 207338 → "2,07,338" */
  count: (value: number) => string;
  /** "21 Jun, 14:05 IST" */
  dateTime: (date: Date) => string;
  /** "21 Jun 2021, 14:05" */
  dateTimeFull: (date: Date) => string;
  /** "21 Jun 2021" */
  date: (date: Date) => string;
};

export function formattersFor(locale: Locale): Formatters {
  return {
    locale,
    count: (value) => formatCount(value, locale),
    dateTime: (date) => formatIstDateTime(date, locale),
    dateTimeFull: (date) => formatIstDateTimeFull(date, locale),
    date: (date) => formatIstDate(date, locale),
  };
}

/** Numbers and IST dates in the active language; for client components and non-async server components. */
export function useFormat(): Formatters {
  return formattersFor(useLocale());
}
