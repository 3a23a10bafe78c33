import { campTotalsCsvRoute } from "@/server/api/rest/routes/camps";

export const dynamic = "force-dynamic";
export const GET = campTotalsCsvRoute.handle;
