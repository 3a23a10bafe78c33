import "server-only";
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { cache } from "react";
import { messagesFor } from "@/i18n/catalogs";
import { DEFAULT_LOCALE, LOCALE_COOKIE, TIME_ZONE, isLocale, type Locale } from "@/core/format/locales";
import { currentUser } from "@/server/api/page-guard";

/**
 * The language of this request, with no locale in the URL: the signed-in user's saved choice (users.locale, read
 * with the session itself), else the cookie the switch writes (the sign-in page, before any session), else English.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const user = await currentUser().catch(() => null);
  if (user && isLocale(user.locale)) return user.locale;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(cookie) ? cookie : DEFAULT_LOCALE;
});

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: messagesFor(locale), timeZone: TIME_ZONE };
});
