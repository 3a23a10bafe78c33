import { authenticate, problem } from "@/server/api/rest";
import { csvResponse } from "@/server/api/csv-response";
import { getBlockForecasts } from "@/server/services/burn-down";

export const dynamic = "force-dynamic";

const iso = (d: Date | null) => (d ? d.toISOString() : "");

/** Burn-down forecasts of the blocks in the caller's scope (`?atRisk=1`: only blocks at risk), as CSV. */
export async function GET(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const url = new URL(req.url);
  const extra = [...url.searchParams.keys()].filter((k) => k !== "atRisk");
  if (extra.length > 0) return problem(400, `Unknown parameter(s): ${extra.join(", ")}; only "atRisk" is accepted.`);
  const atRisk = url.searchParams.get("atRisk");
  if (atRisk !== null && atRisk !== "1" && atRisk !== "0") return problem(400, 'atRisk must be 1 or 0.');
  const list = await getBlockForecasts(caller.db, caller.scope, caller.now);
  const rows = list.blocks.filter((b) => atRisk !== "1" || b.atRisk);
  return csvResponse(
    atRisk === "1" ? "blocks-at-risk.csv" : "burn-down-forecasts.csv",
    ["block", "status", "at_risk", "pending", "rate_per_hour", "entries_in_window", "rate_window_from_utc", "rate_window_to_utc", "clears_at_utc", "already_overdue", "will_cross_48h", "first_miss_at_utc"],
    rows.map(({ block, atRisk: risk, forecast: f }) => [
      block, f.status, risk ? "yes" : "no", f.pending, f.ratePerHour === null ? "" : f.ratePerHour.toFixed(2), f.entriesInWindow,
      iso(f.rateWindow.from), iso(f.rateWindow.to), iso(f.clearsAt), f.alreadyOverdue, f.willCrossDeadline, iso(f.firstMissAt),
    ]),
  );
}
