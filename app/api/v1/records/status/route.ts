import { authenticate, problem, readJson } from "@/server/api/rest";
import { ZStatusBody } from "@/server/api/schemas/records";
import { applyStatusItems } from "@/server/services/record-status-items";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const body = await readJson(req);
  if (body instanceof Response) return body;
  const parsed = ZStatusBody.safeParse(body);
  if (!parsed.success) return problem(400, parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  const results = await applyStatusItems(caller.db, caller.scope, caller.user.id, parsed.data.items, caller.now);
  return Response.json({ results }, { headers: { "cache-control": "no-store" } });
}
