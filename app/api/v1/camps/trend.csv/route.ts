import { z } from "zod";
import { authenticate } from "@/server/api/rest";
import { trendCsv } from "@/server/services/camp-csv";
import { blockIdFromParam, campErrorResponse, csvResponse, parseCampQuery, ZQueryId } from "@/server/services/camp-rest";
import { getCampTrend } from "@/server/services/camp-trend";

export const dynamic = "force-dynamic";

const SHAPE = {
  grain: z.enum(["hour", "day"]).default("day"),
  megaCamp: ZQueryId.optional(),
  block: z.string().trim().min(1).max(60).optional(),
  camp: ZQueryId.optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
};

/** Vaccinations per IST hour or day, by time of vaccination, as CSV (same scope and checks as camps.getTrend). */
export async function GET(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const q = parseCampQuery(req, SHAPE);
  if (q instanceof Response) return q;
  try {
    const blockId = q.block === undefined ? undefined : await blockIdFromParam(caller.db, q.block);
    const trend = await getCampTrend(caller.db, caller.scope, caller.now, { grain: q.grain, megaCampId: q.megaCamp, blockId, campId: q.camp, from: q.from, to: q.to });
    return csvResponse(trendCsv(trend.points), `vaccinations-by-${trend.grain}-${trend.from}-${trend.to}.csv`);
  } catch (error) {
    return campErrorResponse(error);
  }
}
