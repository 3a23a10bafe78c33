import { authenticate, problem, readJson } from "@/server/api/rest";
import { issuesText, NO_STORE, queryParams, serviceProblem, targetIdFrom, toApiTarget } from "@/server/api/probe-rest";
import { ZProbeTargetPatch } from "@/server/api/schemas/probe-target";
import { getProbeStatus } from "@/server/services/probe-status";
import { updateProbeTarget } from "@/server/services/probe-targets";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(req: Request, { params }: Params) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const id = await targetIdFrom(params);
  if (id instanceof Response) return id;
  const query = queryParams(req, []);
  if (query instanceof Response) return query;
  const status = await getProbeStatus(caller.db, id, caller.now);
  if (!status) return problem(404, `There is no probe target ${id}.`);
  return Response.json(toApiTarget(status), { headers: NO_STORE });
}

/** Changes some fields of a target (district officer only); the rules between fields hold for the result. */
export async function PATCH(req: Request, { params }: Params) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  if (caller.user.role !== "DISTRICT_OFFICER") return problem(403, "Only the district officer can change probe targets.");
  const id = await targetIdFrom(params);
  if (id instanceof Response) return id;
  const body = await readJson(req, 100_000);
  if (body instanceof Response) return body;
  const parsed = ZProbeTargetPatch.safeParse(body);
  if (!parsed.success) return problem(400, issuesText(parsed.error));
  try {
    await updateProbeTarget(caller.db, id, parsed.data);
  } catch (error) {
    return serviceProblem(error);
  }
  const status = await getProbeStatus(caller.db, id, caller.now);
  if (!status) return problem(404, `There is no probe target ${id}.`);
  return Response.json(toApiTarget(status), { headers: NO_STORE });
}
