import { runtime } from "@/server/api/runtime";
import { handleMetrics } from "@/server/metrics/metrics-endpoint";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const { db, replica, now } = runtime();
  return handleMetrics(req, { db, replica, now: now() });
}
