/** A cron script for a block HQ device that reports here is in the README ("Field probes"). */
import { fieldReportsRoute } from "@/server/api/rest/routes/probes";

export const dynamic = "force-dynamic";
export const POST = fieldReportsRoute.handle;
