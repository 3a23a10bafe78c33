import { z } from "zod";
import { authenticate, parseQuery, problem } from "@/server/api/rest";
import { blockFromPath } from "@/server/api/rest-block";
import { csvStreamResponse } from "@/server/api/csv-response";
import { formatIst } from "@/server/domain/ist";
import { findPendingRecords, PENDING_FILTER_BUCKETS, PENDING_SORT_FIELDS } from "@/server/services/pending-records";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 200;
const MAX_ROWS = 50_000;

// The same names as the block page's URL, so "Download CSV" exports exactly the filtered view on screen.
const QUERY = {
  status: z.enum(["PENDING", "ENTERED", "REJECTED"]).default("PENDING"),
  bucket: z.enum(PENDING_FILTER_BUCKETS).optional(),
  dose: z.enum(["1", "2"]).transform(Number).optional(),
  site: z.string().regex(/^\d+$/, "site must be a site id").transform(Number).optional(),
  q: z.string().trim().max(80).optional(),
  sort: z.enum(PENDING_SORT_FIELDS).default("vaccinatedAt"),
  dir: z.enum(["asc", "desc"]).default("asc"),
};

/** A block's records table as CSV (pending by default), with mobiles and ID numbers masked as on screen. */
export async function GET(req: Request, { params }: { params: Promise<{ block: string }> }) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const block = await blockFromPath(caller, (await params).block);
  if (block instanceof Response) return block;
  // The screen's page and page size are ignored: the export has every page.
  const q = parseQuery(req, QUERY, ["page", "size"]);
  if (q instanceof Response) return q;
  if (q.status !== "PENDING" && q.bucket) return problem(400, "bucket: Age filters apply to pending records only.");
  let page = 0;
  const nextPage = async () => {
    if (page * PAGE_SIZE >= MAX_ROWS) return [];
    page++;
    const result = await findPendingRecords(caller.db, caller.scope, caller.now, {
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
  return csvStreamResponse(
    `${block.slug}-${q.status.toLowerCase()}-records.csv`,
    ["block", "site", "register_serial", "name", "dose", "vaccine", "vaccinated_ist", "deadline_ist", "status", "portal_ref", "mobile_masked", "id_masked"],
    nextPage,
  );
}
