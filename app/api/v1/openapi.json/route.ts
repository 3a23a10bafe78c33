import { openApiRoute } from "@/server/api/rest/registry";

export const dynamic = "force-dynamic";
export const GET = openApiRoute.handle;
