import "server-only";
import { z } from "zod";
import { defineRoute } from "@/server/api/rest/route";
import { csvPagesResponse, csvResponse } from "@/server/api/rest/responses";
import { ZBlockRef, ZIdText } from "@/core/contracts/ids";
import { AppError } from "@/server/errors/app-error";
import { formatIst, istDateKey } from "@/core/time/ist";
import { resolveBlock } from "@/server/services/backlog/blocks";
import { listBlockCamps } from "@/server/services/backlog/block-camps";
import { findPendingRecords, PENDING_FILTER_BUCKETS, PENDING_SORT_FIELDS } from "@/server/services/backlog/pending-records";

const PARAMS = { block: ZBlockRef };

export const blockCampsCsvRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/blocks/{block}/camps.csv",
    operationId: "getBlockCampsCsv",
    summary: "A block's camps (site + date, register and backlog counts) as CSV",
    tags: ["backlog", "exports"],
    capability: "dashboard.read",
    params: PARAMS,
    responses: { description: "One row per camp", csv: true },
  },
  async ({ db, scope, now, params }) => {
    const block = await resolveBlock(db, scope, params.block);
    const camps = await listBlockCamps(db, scope, now, block.id);
    return csvResponse(
      `${block.slug}-camps.csv`,
      ["block", "site", "camp_date", "mega_camp", "vaccinated", "entered", "pending", "rejected", "overdue", "due_within_6h"],
      camps.map((c) => [block.name, c.site, istDateKey(c.date), c.megaCamp ?? "", c.vaccinated, c.entered, c.pending, c.rejected, c.overdue, c.dueWithin6h]),
    );
  },
);

const PAGE_SIZE = 200;
const MAX_ROWS = 50_000;

/** A block's records table as CSV (pending by default), with mobiles and ID numbers masked as on screen. */
export const blockRecordsCsvRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/blocks/{block}/records.csv",
    operationId: "getBlockRecordsCsv",
    summary: "A block's records (the block page's filters) as CSV, numbers masked",
    description: "The same parameter names as the block page's URL, so *Download CSV* exports exactly the filtered view; `page` and `size` are ignored (every page is exported, up to 50,000 rows).",
    tags: ["backlog", "exports"],
    capability: "dashboard.read",
    params: PARAMS,
    // The same names as the block page's URL, so "Download CSV" exports exactly the filtered view on screen.
    query: {
      status: z.enum(["PENDING", "ENTERED", "REJECTED"]).default("PENDING"),
      bucket: z.enum(PENDING_FILTER_BUCKETS).optional(),
      dose: z.enum(["1", "2"]).transform(Number).optional(),
      site: ZIdText.optional(),
      q: z.string().trim().max(80).optional(),
      sort: z.enum(PENDING_SORT_FIELDS).default("vaccinatedAt"),
      dir: z.enum(["asc", "desc"]).default("asc"),
    },
    ignoreQuery: ["page", "size"],
    responses: { description: "One row per record", csv: true },
  },
  async ({ db, scope, now, params, query: q }) => {
    const block = await resolveBlock(db, scope, params.block);
    if (q.status !== "PENDING" && q.bucket) throw new AppError("BAD_REQUEST", "bucketNeedsPending");
    let page = 0;
    const nextPage = async () => {
      if (page * PAGE_SIZE >= MAX_ROWS) return [];
      page++;
      const result = await findPendingRecords(db, scope, now, {
        blockId: block.id,
        status: q.status,
        page,
        pageSize: PAGE_SIZE,
        sort: q.sort,
        direction: q.dir,
        bucket: q.bucket,
        dose: q.dose as 1 | 2 | undefined,
        siteId: q.site,
        search: q.q || undefined,
      });
      return result.rows.map((r) => [
        block.name,
        r.site,
        r.registerSerial,
        r.beneficiaryName,
        r.dose,
        r.vaccine,
        formatIst(r.vaccinatedAt, "yyyy-MM-dd HH:mm"),
        formatIst(r.deadline, "yyyy-MM-dd HH:mm"),
        r.status,
        r.portalRef ?? "",
        r.mobileMasked,
        r.idMasked,
      ]);
    };
    return csvPagesResponse(
      `${block.slug}-${q.status.toLowerCase()}-records.csv`,
      ["block", "site", "register_serial", "name", "dose", "vaccine", "vaccinated_ist", "deadline_ist", "status", "portal_ref", "mobile_masked", "id_masked"],
      nextPage,
    );
  },
);
