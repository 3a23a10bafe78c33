import { campTrendCsvRoute } from "@/server/api/rest/routes/camps";

export const dynamic = "force-dynamic";
export const GET = campTrendCsvRoute.handle;
