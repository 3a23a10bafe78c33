import { parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs";

/**
 * The camps page's state, all in the URL so that a view ("Mega camp 2 › one block, by hour") can be sent as a
 * link: the selected mega camp, block and camp, the trend's grain and date range, and the table's sort.
 */
export const campSearchParams = {
  mega: parseAsInteger,
  block: parseAsInteger,
  camp: parseAsInteger,
  grain: parseAsStringLiteral(["hour", "day"] as const),
  from: parseAsString,
  to: parseAsString,
  /** "<column>.<asc|desc>" for the table on screen. */
  sort: parseAsString,
};

export type CampSelection = { mega?: number | null; block?: number | null; camp?: number | null };

/** A link to a level of the drill-down; the trend's settings and the sort start fresh there. */
export function campsHref(sel: CampSelection): string {
  const q = new URLSearchParams();
  if (sel.mega) q.set("mega", String(sel.mega));
  if (sel.block) q.set("block", String(sel.block));
  if (sel.camp) q.set("camp", String(sel.camp));
  const s = q.toString();
  return s ? `/camps?${s}` : "/camps";
}

/** The CSV export of a drill-down table (same scope as the page: the route checks it again). */
export function totalsCsvHref(sel: CampSelection): string {
  const q = new URLSearchParams();
  if (sel.camp) q.set("camp", String(sel.camp));
  else {
    if (sel.mega) q.set("megaCamp", String(sel.mega));
    if (sel.mega && sel.block) q.set("block", String(sel.block));
  }
  const s = q.toString();
  return `/api/v1/camps/totals.csv${s ? `?${s}` : ""}`;
}

export function parseSort(value: string | null, fallback: { id: string; desc: boolean }): { id: string; desc: boolean }[] {
  const m = value ? /^([A-Za-z0-9_]+)\.(asc|desc)$/.exec(value) : null;
  return [m ? { id: m[1]!, desc: m[2] === "desc" } : fallback];
}
