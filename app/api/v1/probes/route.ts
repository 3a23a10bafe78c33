import { probesCreateRoute, probesListRoute } from "@/server/api/rest/routes/probes";

export const dynamic = "force-dynamic";
export const GET = probesListRoute.handle;
export const POST = probesCreateRoute.handle;
