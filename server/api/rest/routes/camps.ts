import "server-only";
import { z } from "zod";
import { defineRoute } from "@/server/api/rest/route";
import { csvTextResponse } from "@/server/api/rest/responses";
import { parseIdText, ZBlockRef, ZIdText } from "@/core/contracts/ids";
import { AppError } from "@/server/errors/app-error";
import type { Db } from "@/server/db/client";
import type { Scope } from "@/server/auth/scope";
import { resolveBlock } from "@/server/services/backlog/blocks";
import { figuresCsv, trendCsv } from "@/server/services/camps/camp-csv";
import { getBlockCamps, getCamp, getMegaCamp, listMegaCamps } from "@/server/services/camps/camp-totals";
import { getCampTrend } from "@/server/services/camps/camp-trend";

const ZCampBlock = ZBlockRef.describe("a block's id, name or URL slug");

/** The camp routes name a block by id as well as by name or slug. */
async function campBlockId(db: Db, scope: Scope, ref: string): Promise<number> {
  return (await resolveBlock(db, scope, parseIdText(ref) ?? ref)).id;
}

/**
 * no parameter: one row per mega camp (+ "Other camps"); `megaCamp`: per block; `megaCamp` + `block`: per site;
 * `camp`: that one camp.
 */
export const campTotalsCsvRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/camps/totals.csv",
    operationId: "getCampTotalsCsv",
    summary: "Camp totals as CSV: per mega camp, per block of one, per site, or one camp",
    description: "No parameter: one row per mega camp (+ \"Other camps\"); `megaCamp`: per block; `megaCamp` + `block`: per site; `camp`: that camp alone.",
    tags: ["camps", "exports"],
    capability: "dashboard.read",
    query: { megaCamp: ZIdText.optional(), block: ZCampBlock.optional(), camp: ZIdText.optional() },
    responses: { description: "The figures by dose, vaccine, sex and age band", csv: true },
  },
  async ({ db, scope, query: q }) => {
    if (q.camp !== undefined) {
      if (q.megaCamp !== undefined || q.block !== undefined) throw new AppError("BAD_REQUEST", "campOneAlone");
      const { camp, figures } = await getCamp(db, scope, q.camp);
      return csvTextResponse(`camp-${camp.campId}.csv`, figuresCsv(["camp_id", "date", "block", "site", "mega_camp"], [{ ...camp, ...figures }], (c) => [c.campId, c.date, c.block, c.site, c.megaCamp?.name ?? ""]));
    }
    if (q.megaCamp === undefined) {
      if (q.block !== undefined) throw new AppError("BAD_REQUEST", "campBlockNeedsMegaCamp");
      const list = await listMegaCamps(db, scope);
      const rows = [...list.megaCamps, ...(list.otherCamps.camps > 0 ? [{ id: null, name: "Other camps", date: "", ...list.otherCamps }] : [])];
      return csvTextResponse("mega-camps.csv", figuresCsv(["mega_camp_id", "mega_camp", "date"], rows, (m) => [m.id ?? "", m.name, m.date]));
    }
    if (q.block === undefined) {
      const detail = await getMegaCamp(db, scope, q.megaCamp);
      return csvTextResponse(`mega-camp-${q.megaCamp}-blocks.csv`, figuresCsv(["mega_camp", "date", "block_id", "block"], detail.blocks, (b) => [detail.megaCamp.name, detail.megaCamp.date, b.blockId, b.block]));
    }
    const detail = await getBlockCamps(db, scope, q.megaCamp, await campBlockId(db, scope, q.block));
    return csvTextResponse(
      `mega-camp-${q.megaCamp}-${detail.block.slug}-sites.csv`,
      figuresCsv(["mega_camp", "block", "camp_id", "site", "date"], detail.sites, (s) => [detail.megaCamp.name, detail.block.block, s.campId, s.site, s.date]),
    );
  },
);

/** Vaccinations per IST hour or day, by time of vaccination (same scope and checks as camps.getTrend). */
export const campTrendCsvRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/camps/trend.csv",
    operationId: "getCampTrendCsv",
    summary: "Vaccinations per IST hour or day, by time of vaccination, as CSV",
    tags: ["camps", "exports"],
    capability: "dashboard.read",
    query: {
      grain: z.enum(["hour", "day"]).default("day"),
      megaCamp: ZIdText.optional(),
      block: ZCampBlock.optional(),
      camp: ZIdText.optional(),
      from: z.string().max(10).optional().describe("yyyy-mm-dd (IST)"),
      to: z.string().max(10).optional().describe("yyyy-mm-dd (IST), inclusive"),
    },
    responses: { description: "One row per hour or day", csv: true },
  },
  async ({ db, scope, now, query: q }) => {
    const blockId = q.block === undefined ? undefined : await campBlockId(db, scope, q.block);
    const trend = await getCampTrend(db, scope, now, { grain: q.grain, megaCampId: q.megaCamp, blockId, campId: q.camp, from: q.from, to: q.to });
    return csvTextResponse(`vaccinations-by-${trend.grain}-${trend.from}-${trend.to}.csv`, trendCsv(trend.points));
  },
);
