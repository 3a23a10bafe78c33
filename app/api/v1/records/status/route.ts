import { recordsStatusRoute } from "@/server/api/rest/routes/records";

export const dynamic = "force-dynamic";
export const POST = recordsStatusRoute.handle;
