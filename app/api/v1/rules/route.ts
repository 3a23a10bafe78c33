import { rulesGetRoute, rulesPutRoute } from "@/server/api/rest/routes/rules";

export const dynamic = "force-dynamic";
export const GET = rulesGetRoute.handle;
export const PUT = rulesPutRoute.handle;
