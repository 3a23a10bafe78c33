import "server-only";
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { cache } from "react";
import { messagesFor } from "@/i18n/catalogs";
import { DEFAULT_LOCALE, LOCALE_COOKIE, TIME_ZONE, isLocale, type Locale } from "@/i18n/locales";
import { savedLocaleOfSession } from "@/i18n/saved-locale";

/**
 * The language of this request, with no locale in the URL: the signed-in user's saved choice (users.locale),
 * else the cookie the switch writes (the sign-in page, before any session), else English.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const saved = await savedLocaleOfSession().catch(() => null);
  if (saved) return saved;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(cookie) ? cookie : DEFAULT_LOCALE;
});

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: messagesFor(locale), timeZone: TIME_ZONE };
});
