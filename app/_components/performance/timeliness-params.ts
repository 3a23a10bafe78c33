import { parseAsString, parseAsStringLiteral } from "nuqs";

/**
 * The timeliness page's state in the URL (shareable): the vaccination date range as IST calendar dates
 * (`from`, `to`, both inclusive, yyyy-MM-dd), the block (URL slug) and the sort of each table.
 * Client-side only (nuqs is not usable in route handlers); the date rules shared with the CSV route are in
 * timeliness-dates.ts, so a download covers exactly the dates on screen.
 */
export const timelinessSearchParams = {
  from: parseAsString,
  to: parseAsString,
  block: parseAsString,
  bsort: parseAsString.withDefault("block"),
  bdir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("asc"),
  osort: parseAsString.withDefault("block"),
  odir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("asc"),
};

