import { dailyReportRoute } from "@/server/api/rest/routes/reports";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const GET = dailyReportRoute.handle;
