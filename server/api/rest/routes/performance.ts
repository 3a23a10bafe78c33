import "server-only";
import { z } from "zod";
import { defineRoute } from "@/server/api/rest/route";
import { csvResponse } from "@/server/api/rest/responses";
import { ZBlockRef } from "@/core/contracts/ids";
import { AppError } from "@/server/errors/app-error";
import { resolveOptionalBlock } from "@/server/services/backlog/blocks";
import { getTimeliness, type TimelinessFigures } from "@/server/services/performance/timeliness";
import { blockForecastsOf } from "@/server/services/read-models/dashboard-read-models";
import { TIMELINESS_TABLES, istDateRange } from "@/core/time/ist-date-range";

const pct = (v: number | null) => (v === null ? "" : v.toFixed(1));
const figures = (f: TimelinessFigures) => [f.entered, f.within24h, pct(f.within24hPercent), f.within48h, pct(f.within48hPercent), f.nightEntries];
const FIGURE_HEADER = ["entered", "within_24h", "within_24h_percent", "within_48h", "within_48h_percent", "night_entries"];

/** The timeliness page's tables as CSV, with the same range, block and scope as the page. */
export const timelinessCsvRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/performance/timeliness.csv",
    operationId: "getTimelinessCsv",
    summary: "Entry timeliness (within 24 h / 48 h) per block, per operator, or entries per hour, as CSV",
    tags: ["performance", "exports"],
    capability: "dashboard.read",
    query: {
      table: z.enum(TIMELINESS_TABLES, `table must be one of ${TIMELINESS_TABLES.join(", ")}`),
      from: z.string().trim().max(20).optional().describe("yyyy-mm-dd (IST)"),
      to: z.string().trim().max(20).optional().describe("yyyy-mm-dd (IST), inclusive"),
      block: ZBlockRef.optional(),
    },
    responses: { description: "The chosen table", csv: true },
  },
  async ({ db, scope, now, query: q }) => {
    const range = istDateRange(q.from, q.to);
    if (!range.ok) throw new AppError("BAD_REQUEST", "dateKeyInvalid", { name: range.name, value: range.value });
    const block = await resolveOptionalBlock(db, scope, q.block);
    const report = await getTimeliness(db, scope, now, { from: range.from, to: range.to, blockId: block?.id });
    const stamp = `${report.range.from.toISOString().slice(0, 10)}_${report.range.to.toISOString().slice(0, 10)}`;
    switch (q.table) {
      case "blocks":
        return csvResponse(`timeliness-blocks-${stamp}.csv`, ["block", ...FIGURE_HEADER, "still_pending", "pending_past_48h"], report.blocks.map((b) => [b.block, ...figures(b), b.pending, b.pendingOverdue]));
      case "operators":
        return csvResponse(
          `timeliness-operators-${stamp}.csv`,
          ["block", "operator", "username", "source", ...FIGURE_HEADER],
          report.operators.map((o) => [o.block, o.operator, o.username ?? "", o.source === "PORTAL_IMPORT" ? "portal import" : "operator", ...figures(o)]),
        );
      case "hours":
        return csvResponse(`timeliness-entries-per-hour-${stamp}.csv`, ["hour_start_utc", "ist_hour", "entries", "night_shift"], report.hourly.map((h) => [h.hourStart.toISOString(), h.istHour, h.entries, h.night ? "yes" : "no"]));
    }
  },
);

const iso = (d: Date | null) => (d ? d.toISOString() : "");

/** Burn-down forecasts of the blocks in the caller's scope (`?atRisk=1`: only blocks at risk). */
export const forecastsCsvRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/performance/forecasts.csv",
    operationId: "getForecastsCsv",
    summary: "Burn-down forecasts per block (`atRisk=1`: only blocks at risk) as CSV",
    tags: ["performance", "exports"],
    capability: "dashboard.read",
    query: { atRisk: z.enum(["0", "1"], "atRisk must be 1 or 0.").optional() },
    responses: { description: "One row per block", csv: true },
  },
  async ({ db, scope, now, query }) => {
    const list = await blockForecastsOf(db, scope, now);
    const rows = list.blocks.filter((b) => query.atRisk !== "1" || b.atRisk);
    return csvResponse(
      query.atRisk === "1" ? "blocks-at-risk.csv" : "burn-down-forecasts.csv",
      ["block", "status", "at_risk", "pending", "rate_per_hour", "entries_in_window", "rate_window_from_utc", "rate_window_to_utc", "clears_at_utc", "already_overdue", "will_cross_48h", "first_miss_at_utc"],
      rows.map(({ block, atRisk: risk, forecast: f }) => [
        block,
        f.status,
        risk ? "yes" : "no",
        f.pending,
        f.ratePerHour === null ? "" : f.ratePerHour.toFixed(2),
        f.entriesInWindow,
        iso(f.rateWindow.from),
        iso(f.rateWindow.to),
        iso(f.clearsAt),
        f.alreadyOverdue,
        f.willCrossDeadline,
        iso(f.firstMissAt),
      ]),
    );
  },
);
