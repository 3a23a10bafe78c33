/**
 * Numbers and IST dates for the interface, in the active language (pass `useFormat()` / `getFormat()` from
 * i18n/format-hooks in components; these pure functions are for everything else). English is the default, so
 * calls without a locale keep their old output.
 *
 * Numbers: Indian grouping in both languages (95,000 · 2,07,338 · 1,00,00,000): "hi-IN" in Hindi and "en-IN" in
 * English, always with Latin digits (numberingSystem "latn"), which is what Hindi-medium staff read on forms.
 * Dates: always Asia/Kolkata, day-month-year, 24-hour clock: "21 Jun 2021, 14:05" / "21 जून 2021, 14:05".
 */
import { IST } from "@/core/time/ist";
import type { Locale } from "@/core/format/locales";

const TIME_ZONE = IST;
const INTL_LOCALE: Record<Locale, string> = { en: "en-IN", hi: "hi-IN" };

function perLocale<T>(make: (intlLocale: string) => T): (locale: Locale) => T {
  const made = new Map<Locale, T>();
  return (locale) => {
    let value = made.get(locale);
    if (!value) {
      value = make(INTL_LOCALE[locale] ?? INTL_LOCALE.en);
      made.set(locale, value);
    }
    return value;
  };
}

const numberFormat = perLocale((l) => new Intl.NumberFormat(l, { numberingSystem: "latn" }));
const dateTimeShort = perLocale(
  (l) => new Intl.DateTimeFormat(l, { timeZone: TIME_ZONE, numberingSystem: "latn", day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
);
const dateTimeFull = perLocale(
  (l) =>
    new Intl.DateTimeFormat(l, { timeZone: TIME_ZONE, numberingSystem: "latn", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
);
const dateOnly = perLocale((l) => new Intl.DateTimeFormat(l, { timeZone: TIME_ZONE, numberingSystem: "latn", day: "2-digit", month: "short", year: "numeric" }));

/** 207338 → "2,07,338" (both languages; Latin digits). */
export function formatCount(value: number, locale: Locale = "en"): string {
  return numberFormat(locale).format(value);
}

/** "21 Jun, 14:05 IST" / "21 जून, 14:05 IST": tables, where the year is understood. */
export function formatIstDateTime(date: Date, locale: Locale = "en"): string {
  return `${dateTimeShort(locale).format(date)} IST`;
}

/** "21 Jun 2021, 14:05" / "21 जून 2021, 14:05": with the year, for slips, reports and tooltips. */
export function formatIstDateTimeFull(date: Date, locale: Locale = "en"): string {
  return dateTimeFull(locale).format(date);
}

/** "21 Jun 2021" / "21 जून 2021". */
export function formatIstDate(date: Date, locale: Locale = "en"): string {
  return dateOnly(locale).format(date);
}
