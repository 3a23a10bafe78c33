import { stateOverviewRoute } from "@/server/api/rest/routes/state";

export const dynamic = "force-dynamic";
export const GET = stateOverviewRoute.handle;
