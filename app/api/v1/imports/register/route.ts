import { registerImportRoute } from "@/server/api/rest/routes/imports";

export const dynamic = "force-dynamic";
export const POST = registerImportRoute.handle;
