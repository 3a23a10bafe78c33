import { eventsRoute } from "@/server/api/rest/routes/events";

export const dynamic = "force-dynamic";
export const GET = eventsRoute.handle;
