import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";
import { getDb } from "@/server/db/client";
import { isLocale, type Locale } from "@/i18n/locales";

/** The signed-in user's saved interface language, or null when nobody is signed in. One read by primary key. */
export async function savedLocaleOfSession(): Promise<Locale | null> {
  const session = await getServerSession(authOptions);
  const userId = (session as { userId?: number } | null)?.userId;
  if (!userId) return null;
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { locale: true } });
  return user && isLocale(user.locale) ? user.locale : null;
}
