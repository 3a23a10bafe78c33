import { backlogRoute } from "@/server/api/rest/routes/backlog";

export const dynamic = "force-dynamic";
export const GET = backlogRoute.handle;
