import { probeGetRoute, probePatchRoute } from "@/server/api/rest/routes/probes";

export const dynamic = "force-dynamic";
export const GET = probeGetRoute.handle;
export const PATCH = probePatchRoute.handle;
