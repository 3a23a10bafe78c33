import { rejectionsCsvRoute } from "@/server/api/rest/routes/imports";

export const dynamic = "force-dynamic";
export const GET = rejectionsCsvRoute.handle;
