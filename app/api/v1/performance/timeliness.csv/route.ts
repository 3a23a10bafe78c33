import { timelinessCsvRoute } from "@/server/api/rest/routes/performance";

export const dynamic = "force-dynamic";
export const GET = timelinessCsvRoute.handle;
