import { blockRecordsCsvRoute } from "@/server/api/rest/routes/blocks";

export const dynamic = "force-dynamic";
export const GET = blockRecordsCsvRoute.handle;
