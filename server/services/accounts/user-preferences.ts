import "server-only";
import type { Db } from "@/server/db/client";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/core/format/locales";

/** The user's interface language (users.locale); an unexpected stored value reads as the default. */
export async function getUserLocale(db: Db, userId: number): Promise<Locale> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { locale: true } });
  return user && isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
}

export async function setUserLocale(db: Db, userId: number, locale: Locale): Promise<Locale> {
  await db.user.update({ where: { id: userId }, data: { locale } });
  return locale;
}
