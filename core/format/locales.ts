import { IST } from "@/core/time/ist";
/**
 * The interface languages and where the choice is kept. No catalogs here: client code (the switch, formatters)
 * imports this without pulling both catalogs into the browser bundle.
 */
export const LOCALES = ["en", "hi"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Read by i18n/request.ts when nobody is signed in (the sign-in page); written by the language switch. */
export const LOCALE_COOKIE = "teeka-locale";
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/** Every date in the interface is shown in India Standard Time, whatever the phone's own zone. */
export const TIME_ZONE = IST;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
