import { blockCampsCsvRoute } from "@/server/api/rest/routes/blocks";

export const dynamic = "force-dynamic";
export const GET = blockCampsCsvRoute.handle;
