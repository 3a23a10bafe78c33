import "server-only";
import { getLocale } from "next-intl/server";
import { formattersFor, type Formatters } from "@/i18n/format-hooks";

/** useFormat() for async server components. Use getTranslations() from "next-intl/server" for their words. */
export async function getFormat(): Promise<Formatters> {
  return formattersFor(await getLocale());
}
