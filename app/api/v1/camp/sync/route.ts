import { campSyncRoute } from "@/server/api/rest/routes/camp";

export const dynamic = "force-dynamic";
export const POST = campSyncRoute.handle;
