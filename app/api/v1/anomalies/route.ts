import { z } from "zod";
import { authenticate, problem } from "@/server/api/rest";
import { blockIdFromQuery } from "@/server/api/rest-block";
import { listAnomalies } from "@/server/services/anomalies";

export const dynamic = "force-dynamic";

const ZQuery = z.strictObject({
  block: z.string().trim().min(1).max(60).optional(),
  status: z.enum(["OPEN", "RESOLVED"]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The anomaly queue (open by default), scoped like /api/v1/backlog. */
export async function GET(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const parsed = ZQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return problem(400, parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; "));
  const blockId = await blockIdFromQuery(caller, parsed.data.block);
  if (blockId instanceof Response) return blockId;
  const page = await listAnomalies(caller.db, caller.scope, { status: parsed.data.status ?? "OPEN", blockId, page: parsed.data.page, pageSize: parsed.data.pageSize });
  return Response.json(page, { headers: { "cache-control": "no-store" } });
}
