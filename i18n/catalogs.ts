import { en } from "@/i18n/messages/en";
import { hi } from "@/i18n/messages/hi";
import type { Locale } from "@/core/format/locales";

export const CATALOGS = { en, hi } as const;

/** Typed as the English catalog so that keys and {arguments} are checked; hi.ts has the same keys (type Catalog). */
export function messagesFor(locale: Locale): typeof en {
  return CATALOGS[locale] as typeof en;
}
