import { probeIncidentsRoute } from "@/server/api/rest/routes/probes";

export const dynamic = "force-dynamic";
export const GET = probeIncidentsRoute.handle;
