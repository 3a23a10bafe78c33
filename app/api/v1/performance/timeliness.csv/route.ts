import { z } from "zod";
import { authenticate, problem } from "@/server/api/rest";
import { blockIdFromQuery } from "@/server/api/rest-block";
import { csvResponse } from "@/server/api/csv-response";
import { getTimeliness, TimelinessRangeError, type TimelinessFigures } from "@/server/services/timeliness";
import { TIMELINESS_TABLES, istDateRange } from "@/app/_components/timeliness-dates";

export const dynamic = "force-dynamic";

const ZQuery = z.strictObject({
  table: z.enum(TIMELINESS_TABLES, `table must be one of ${TIMELINESS_TABLES.join(", ")}`),
  from: z.string().trim().max(20).optional(),
  to: z.string().trim().max(20).optional(),
  block: z.string().trim().min(1, "block must not be empty").max(60).optional(),
});

const pct = (v: number | null) => (v === null ? "" : v.toFixed(1));
const figures = (f: TimelinessFigures) => [f.entered, f.within24h, pct(f.within24hPercent), f.within48h, pct(f.within48hPercent), f.nightEntries];
const FIGURE_HEADER = ["entered", "within_24h", "within_24h_percent", "within_48h", "within_48h_percent", "night_entries"];

/** The timeliness page's tables as CSV, with the same range, block and scope as the page (`?table=blocks|operators|hours`). */
export async function GET(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const { db, scope, now } = caller;
  const url = new URL(req.url);
  const keys = [...url.searchParams.keys()];
  if (new Set(keys).size !== keys.length) return problem(400, "Each query parameter may appear once.");
  const parsed = ZQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    return problem(400, parsed.error.issues.map((i) => (i.code === "unrecognized_keys" ? `Unknown parameter(s): ${i.keys.join(", ")}; accepted: table, from, to, block.` : i.message)).join(" "));
  }
  const q = parsed.data;
  const range = istDateRange(q.from, q.to);
  if (!range.ok) return problem(400, range.error);
  const blockId = await blockIdFromQuery(caller, q.block);
  if (blockId instanceof Response) return blockId;
  let report;
  try {
    report = await getTimeliness(db, scope, now, { from: range.from, to: range.to, blockId });
  } catch (error) {
    if (error instanceof TimelinessRangeError) return problem(400, error.message);
    throw error;
  }
  const stamp = `${report.range.from.toISOString().slice(0, 10)}_${report.range.to.toISOString().slice(0, 10)}`;
  switch (q.table) {
    case "blocks":
      return csvResponse(
        `timeliness-blocks-${stamp}.csv`,
        ["block", ...FIGURE_HEADER, "still_pending", "pending_past_48h"],
        report.blocks.map((b) => [b.block, ...figures(b), b.pending, b.pendingOverdue]),
      );
    case "operators":
      return csvResponse(
        `timeliness-operators-${stamp}.csv`,
        ["block", "operator", "username", "source", ...FIGURE_HEADER],
        report.operators.map((o) => [o.block, o.operator, o.username ?? "", o.source === "PORTAL_IMPORT" ? "portal import" : "operator", ...figures(o)]),
      );
    case "hours":
      return csvResponse(
        `timeliness-entries-per-hour-${stamp}.csv`,
        ["hour_start_utc", "ist_hour", "entries", "night_shift"],
        report.hourly.map((h) => [h.hourStart.toISOString(), h.istHour, h.entries, h.night ? "yes" : "no"]),
      );
  }
}
