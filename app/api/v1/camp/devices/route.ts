import { campDevicesRoute } from "@/server/api/rest/routes/camp";

export const dynamic = "force-dynamic";
export const GET = campDevicesRoute.handle;
