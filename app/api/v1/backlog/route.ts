import { z } from "zod";
import { authenticate, parseQuery } from "@/server/api/rest";
import { blockIdFromQuery } from "@/server/api/rest-block";
import { getBacklogSummary } from "@/server/services/backlog-summary";
import { toBacklogApiResponse } from "@/server/services/backlog-api";
import { csvResponse } from "@/server/api/csv-response";

export const dynamic = "force-dynamic";

const QUERY = {
  block: z.string().trim().min(1, "block must not be empty").max(60).optional(),
  format: z.enum(["json", "csv"], "format must be json or csv").default("json"),
};

export async function GET(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const { db, scope, now } = caller;

  const query = parseQuery(req, QUERY);
  if (query instanceof Response) return query;

  const blockId = await blockIdFromQuery(caller, query.block);
  if (blockId instanceof Response) return blockId;
  const summary = await getBacklogSummary(db, scope, now, blockId);
  if (query.format === "csv") {
    const f = (b: (typeof summary.blocks)[number]) => [b.vaccinated, b.entered, b.pending, b.rejected, b.overdue, b.dueWithin6h, b.ageBuckets.h0_12, b.ageBuckets.h12_24, b.ageBuckets.h24_36, b.ageBuckets.h36_48, b.ageBuckets.overdue];
    return csvResponse(
      "backlog-by-block.csv",
      ["block", "vaccinated", "entered", "pending", "rejected", "overdue", "due_within_6h", "pending_0_12h", "pending_12_24h", "pending_24_36h", "pending_36_48h", "pending_overdue"],
      summary.blocks.map((b) => [b.block, ...f(b)]),
    );
  }
  return Response.json(toBacklogApiResponse(summary), { headers: { "cache-control": "no-store" } });
}
