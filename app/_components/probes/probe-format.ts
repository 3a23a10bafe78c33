/**
 * IST formatting and labels shared by the probes screens, the printable report and the pending-over-time chart,
 * in the active language. Client components and non-async server components: `const pf = useProbeFormat()`;
 * async server components: `probeFormat(await getLocale(), await getTranslations("probes"))`.
 * Dates are always Asia/Kolkata with a 24-hour clock and Latin digits: "21 Jun 11:00" / "21 जून 11:00".
 */
import { IST, istMidnightsBetween } from "@/core/time/ist";
import { useLocale, useTranslations } from "next-intl";
import type { Locale } from "@/core/format/locales";

/** The rolling uptime windows shown for a target: key, and the span in hours ("h") or days ("d"). */
export const UPTIME_WINDOW_SPANS = [
  ["1h", "h", 1],
  ["24h", "h", 24],
  ["7d", "d", 7],
  ["30d", "d", 30],
] as const;

const INTL_LOCALE: Record<Locale, string> = { en: "en-IN", hi: "hi-IN" };

function perLocale(options: Intl.DateTimeFormatOptions): (locale: Locale) => Intl.DateTimeFormat {
  const made = new Map<Locale, Intl.DateTimeFormat>();
  return (locale) => {
    let f = made.get(locale);
    if (!f) {
      f = new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? INTL_LOCALE.en, { timeZone: IST, numberingSystem: "latn", ...options });
      made.set(locale, f);
    }
    return f;
  };
}

const DAY = perLocale({ day: "2-digit", month: "short" });
const TIME = perLocale({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const TIME_SECONDS = perLocale({ hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
const DATE_KEY = new Intl.DateTimeFormat("en-CA", { timeZone: IST, year: "numeric", month: "2-digit", day: "2-digit" });


/** "21 Jun" / "21 जून" */
export function istDay(date: Date | number, locale: Locale = "en"): string {
  return DAY(locale).format(date);
}

/** "11:00" (24 h) */
export function istTime(date: Date | number, locale: Locale = "en"): string {
  return TIME(locale).format(date);
}

/** "21 Jun 11:00" / "21 जून 11:00" */
export function istDayTime(date: Date | number, locale: Locale = "en"): string {
  return `${istDay(date, locale)} ${istTime(date, locale)}`;
}

/** IST midnights (as epoch ms) inside [from, to]. */
export const istMidnights = istMidnightsBetween;

export type ProbeStateName = "UP" | "DEGRADED" | "PENDING" | "DOWN" | "MAINTENANCE";

export function stateClass(state: ProbeStateName | null): string {
  return `state-${(state ?? "none").toLowerCase()}`;
}

/** Latency: "850 ms", "3.5 s", "12 s" (technical units, the same in both languages). */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (value < 1000) return `${Math.round(value)} ms`;
  const seconds = value / 1000;
  return `${seconds >= 10 || Number.isInteger(seconds) ? Math.round(seconds) : seconds.toFixed(1)} s`;
}

type ProbeT = ReturnType<typeof useTranslations<"probes">>;

export type ProbeFormat = {
  locale: Locale;
  day: (date: Date | number) => string;
  time: (date: Date | number) => string;
  dayTime: (date: Date | number) => string;
  /** "21 Jun, 14:05:09" */
  dayTimeSeconds: (date: Date | number) => string;
  /** "21 Jun 11:00–15:00 IST", or "21 Jun 23:00 – 22 Jun 01:30 IST" across midnight; open-ended: "since …". */
  span: (from: Date, to: Date | null) => string;
  /** "4 h 05 m", "12 m", "45 s", "2 d 3 h" / "4 घं 05 मि", … */
  duration: (seconds: number) => string;
  /** "12.5 h" / "12.5 घं" */
  hours: (hours: number, digits?: number) => string;
  /** "99.95%"; null → "no data" */
  percent: (value: number | null) => string;
  ms: (value: number | null | undefined) => string;
  /** Text for a state badge: the word carries the meaning, the colour only repeats it. */
  state: (state: ProbeStateName | null) => string;
};

/** The probes formatters for a locale and the "probes" translations. */
export function probeFormat(locale: Locale, t: ProbeT): ProbeFormat {
  const day = (d: Date | number) => istDay(d, locale);
  const time = (d: Date | number) => istTime(d, locale);
  const dayTime = (d: Date | number) => istDayTime(d, locale);
  return {
    locale,
    day,
    time,
    dayTime,
    dayTimeSeconds: (d) => `${day(d)}, ${TIME_SECONDS(locale).format(d)}`,
    span: (from, to) => {
      if (!to) return t("since", { when: `${dayTime(from)} IST` });
      if (DATE_KEY.format(from) === DATE_KEY.format(to)) return `${day(from)} ${time(from)}–${time(to)} IST`;
      return `${dayTime(from)} – ${dayTime(to)} IST`;
    },
    duration: (seconds) => {
      const s = Math.max(0, Math.round(seconds));
      if (s < 60) return t("units.seconds", { n: String(s) });
      const minutes = Math.floor(s / 60);
      if (minutes < 60) return t("units.minutes", { n: String(minutes) });
      const hours = Math.floor(minutes / 60);
      if (hours < 48) return t("units.hoursMinutes", { h: String(hours), m: String(minutes % 60).padStart(2, "0") });
      return t("units.daysHours", { d: String(Math.floor(hours / 24)), h: String(hours % 24) });
    },
    hours: (hours, digits = 1) => t("units.hours", { n: hours.toFixed(digits) }),
    percent: (value) => {
      if (value === null) return t("noData");
      if (value >= 99.995) return "100%";
      return `${value.toFixed(value >= 99 ? 2 : 1)}%`;
    },
    ms: formatMs,
    state: (state) => (state ? t(`states.${state}`) : t("states.none")),
  };
}

/** probeFormat() for the active language (client components and non-async server components). */
export function useProbeFormat(): ProbeFormat {
  return probeFormat(useLocale(), useTranslations("probes"));
}
