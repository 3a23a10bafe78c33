import { authenticate, problem, readJson } from "@/server/api/rest";
import { issuesText, NO_STORE, queryParams, serviceProblem, toApiTarget } from "@/server/api/probe-rest";
import { ZProbeTargetInput } from "@/server/api/schemas/probe-target";
import { getProbeStatus, listProbeStatuses } from "@/server/services/probe-status";
import { createProbeTarget } from "@/server/services/probe-targets";

export const dynamic = "force-dynamic";

/** Every probe target with its state and uptime windows (any signed-in role: the portal's health is district-wide). */
export async function GET(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const params = queryParams(req, []);
  if (params instanceof Response) return params;
  const targets = await listProbeStatuses(caller.db, caller.now);
  return Response.json({ generatedAt: caller.now, targets: targets.map(toApiTarget) }, { headers: NO_STORE });
}

/** Creates a target (district officer only): 201 with it, 400 with the reasons, 409 when the name is taken. */
export async function POST(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  if (caller.user.role !== "DISTRICT_OFFICER") return problem(403, "Only the district officer can add probe targets.");
  const body = await readJson(req, 100_000);
  if (body instanceof Response) return body;
  const parsed = ZProbeTargetInput.safeParse(body);
  if (!parsed.success) return problem(400, issuesText(parsed.error));
  try {
    const created = await createProbeTarget(caller.db, parsed.data, caller.user.id);
    const status = await getProbeStatus(caller.db, created.id, caller.now);
    return Response.json(status ? toApiTarget(status) : created, { status: 201, headers: { ...NO_STORE, location: `/api/v1/probes/${created.id}` } });
  } catch (error) {
    return serviceProblem(error);
  }
}
