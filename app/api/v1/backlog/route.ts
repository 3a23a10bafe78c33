import { z } from "zod";
import { authenticate, problem } from "@/server/api/rest";
import { canSeeBlock } from "@/server/auth/scope";
import { findBlockByNameOrSlug } from "@/server/services/blocks";
import { getBacklogSummary } from "@/server/services/backlog-summary";
import { toBacklogApiResponse } from "@/server/services/backlog-api";
import { csvResponse } from "@/server/api/csv-response";

export const dynamic = "force-dynamic";

const ZQuery = z.strictObject({
  block: z.string().trim().min(1, "block must not be empty").max(60).optional(),
  format: z.enum(["json", "csv"], "format must be json or csv").default("json"),
});

export async function GET(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const { db, scope, now } = caller;

  const url = new URL(req.url);
  const keys = [...url.searchParams.keys()];
  if (new Set(keys).size !== keys.length) return problem(400, "Each query parameter may appear once.");
  const parsed = ZQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    return problem(400, parsed.error.issues.map((i) => (i.code === "unrecognized_keys" ? `Unknown parameter(s): ${i.keys.join(", ")}; only "block" and "format" are accepted.` : i.message)).join(" "));
  }

  let blockId: number | undefined;
  if (parsed.data.block) {
    const block = await findBlockByNameOrSlug(db, parsed.data.block);
    if (!block) return problem(400, `Unknown block "${parsed.data.block}".`);
    if (!canSeeBlock(scope, block.id)) return problem(403, `You may read only your own block, not ${block.name}.`);
    blockId = block.id;
  }
  const summary = await getBacklogSummary(db, scope, now, blockId);
  if (parsed.data.format === "csv") {
    const f = (b: (typeof summary.blocks)[number]) => [b.vaccinated, b.entered, b.pending, b.rejected, b.overdue, b.dueWithin6h, b.ageBuckets.h0_12, b.ageBuckets.h12_24, b.ageBuckets.h24_36, b.ageBuckets.h36_48, b.ageBuckets.overdue];
    return csvResponse(
      "backlog-by-block.csv",
      ["block", "vaccinated", "entered", "pending", "rejected", "overdue", "due_within_6h", "pending_0_12h", "pending_12_24h", "pending_24_36h", "pending_36_48h", "pending_overdue"],
      summary.blocks.map((b) => [b.block, ...f(b)]),
    );
  }
  return Response.json(toBacklogApiResponse(summary), { headers: { "cache-control": "no-store" } });
}
