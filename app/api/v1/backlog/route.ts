import { z } from "zod";
import { authenticate, problem } from "@/server/api/rest";
import { canSeeBlock } from "@/server/auth/scope";
import { findBlockByNameOrSlug } from "@/server/services/blocks";
import { getBacklogSummary } from "@/server/services/backlog-summary";
import { toBacklogApiResponse } from "@/server/services/backlog-api";

export const dynamic = "force-dynamic";

const ZQuery = z.strictObject({ block: z.string().trim().min(1, "block must not be empty").max(60).optional() });

export async function GET(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const { db, scope, now } = caller;

  const url = new URL(req.url);
  const keys = [...url.searchParams.keys()];
  if (new Set(keys).size !== keys.length) return problem(400, "Each query parameter may appear once.");
  const parsed = ZQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    return problem(400, parsed.error.issues.map((i) => (i.code === "unrecognized_keys" ? `Unknown parameter(s): ${i.keys.join(", ")}; only "block" is accepted.` : i.message)).join(" "));
  }

  let blockId: number | undefined;
  if (parsed.data.block) {
    const block = await findBlockByNameOrSlug(db, parsed.data.block);
    if (!block) return problem(400, `Unknown block "${parsed.data.block}".`);
    if (!canSeeBlock(scope, block.id)) return problem(403, `You may read only your own block, not ${block.name}.`);
    blockId = block.id;
  }
  const summary = await getBacklogSummary(db, scope, now, blockId);
  return Response.json(toBacklogApiResponse(summary), { headers: { "cache-control": "no-store" } });
}
