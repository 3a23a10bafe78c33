import { anomaliesRoute } from "@/server/api/rest/routes/anomalies";

export const dynamic = "force-dynamic";
export const GET = anomaliesRoute.handle;
