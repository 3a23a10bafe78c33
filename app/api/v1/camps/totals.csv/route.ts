import { z } from "zod";
import { authenticate, problem } from "@/server/api/rest";
import { figuresCsv } from "@/server/services/camp-csv";
import { blockIdFromParam, campErrorResponse, csvResponse, parseCampQuery, ZQueryId } from "@/server/services/camp-rest";
import { getBlockCamps, getCamp, getMegaCamp, listMegaCamps } from "@/server/services/camp-totals";

export const dynamic = "force-dynamic";

const SHAPE = { megaCamp: ZQueryId.optional(), block: z.string().trim().min(1).max(60).optional(), camp: ZQueryId.optional() };

/**
 * Camp totals as CSV, scoped like /api/v1/backlog:
 * no parameter: one row per mega camp (+ "Other camps"); `megaCamp`: per block; `megaCamp` + `block`: per site;
 * `camp`: that one camp.
 */
export async function GET(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const { db, scope } = caller;
  const q = parseCampQuery(req, SHAPE);
  if (q instanceof Response) return q;
  try {
    if (q.camp !== undefined) {
      if (q.megaCamp !== undefined || q.block !== undefined) return problem(400, "Ask for one camp alone, without megaCamp or block.");
      const { camp, figures } = await getCamp(db, scope, q.camp);
      const body = figuresCsv(["camp_id", "date", "block", "site", "mega_camp"], [{ ...camp, ...figures }], (c) => [c.campId, c.date, c.block, c.site, c.megaCamp?.name ?? ""]);
      return csvResponse(body, `camp-${camp.campId}.csv`);
    }
    if (q.megaCamp === undefined) {
      if (q.block !== undefined) return problem(400, "A block's camps are listed within a mega camp: add megaCamp=<id>.");
      const list = await listMegaCamps(db, scope);
      const rows = [...list.megaCamps, ...(list.otherCamps.camps > 0 ? [{ id: null, name: "Other camps", date: "", ...list.otherCamps }] : [])];
      return csvResponse(figuresCsv(["mega_camp_id", "mega_camp", "date"], rows, (m) => [m.id ?? "", m.name, m.date]), "mega-camps.csv");
    }
    if (q.block === undefined) {
      const detail = await getMegaCamp(db, scope, q.megaCamp);
      const body = figuresCsv(["mega_camp", "date", "block_id", "block"], detail.blocks, (b) => [detail.megaCamp.name, detail.megaCamp.date, b.blockId, b.block]);
      return csvResponse(body, `mega-camp-${q.megaCamp}-blocks.csv`);
    }
    const detail = await getBlockCamps(db, scope, q.megaCamp, await blockIdFromParam(db, q.block));
    const body = figuresCsv(["mega_camp", "block", "camp_id", "site", "date"], detail.sites, (s) => [detail.megaCamp.name, detail.block.block, s.campId, s.site, s.date]);
    return csvResponse(body, `mega-camp-${q.megaCamp}-${detail.block.slug}-sites.csv`);
  } catch (error) {
    return campErrorResponse(error);
  }
}
