/**
 * The helpdesk's words now live in the app-wide catalogs (i18n/messages/*.ts, namespace "helpdesk"), so the screen
 * follows the हिन्दी / English switch. What stays here: the slip's printed-at line, and the slip's own catalogs
 * (the slip can be printed in the other language on demand, see helpdesk-slip.tsx).
 */
import { IST } from "@/core/time/ist";
import type { HelpdeskLocale } from "@/core/domain/helpdesk-explain";
import type { Catalog } from "@/i18n/messages/en";

export type { HelpdeskLocale };

/** Both languages' "helpdesk" namespace, handed from the server page to the slip. */
export type SlipMessages = Record<HelpdeskLocale, { helpdesk: Catalog["helpdesk"] }>;

const MONTHS_HI = ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"];

/** "23 June 2021, 12:00 pm" / "23 जून 2021, 12:00" in IST, for the slip's printed-at line. */
export function formatPrintedAt(date: Date, locale: HelpdeskLocale): string {
  const parts = new Intl.DateTimeFormat("en-IN", {
    timeZone: IST,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    // hourCycle h23: with hour12 false, en-IN says "24:05" for five past midnight.
    ...(locale === "en" ? { hour12: true } : { hourCycle: "h23" as const }),
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  if (locale === "hi") {
    const month = MONTHS_HI[Number(new Intl.DateTimeFormat("en-IN", { timeZone: IST, month: "numeric" }).format(date)) - 1];
    return `${get("day")} ${month} ${get("year")}, ${get("hour").padStart(2, "0")}:${get("minute")} बजे (IST)`;
  }
  return `${get("day")} ${get("month")} ${get("year")}, ${get("hour")}:${get("minute")} ${get("dayPeriod").toLowerCase()} IST`;
}
