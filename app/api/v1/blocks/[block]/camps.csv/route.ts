import { authenticate } from "@/server/api/rest";
import { blockFromPath } from "@/server/api/rest-block";
import { csvResponse } from "@/server/api/csv-response";
import { istDateKey } from "@/server/domain/ist";
import { listBlockCamps } from "@/server/services/block-camps";

export const dynamic = "force-dynamic";

/** The block page's camps table (site + date, register and backlog counts) as CSV. */
export async function GET(req: Request, { params }: { params: Promise<{ block: string }> }) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const block = await blockFromPath(caller, (await params).block);
  if (block instanceof Response) return block;
  const camps = await listBlockCamps(caller.db, caller.scope, caller.now, block.id);
  return csvResponse(
    `${block.slug}-camps.csv`,
    ["block", "site", "camp_date", "mega_camp", "vaccinated", "entered", "pending", "rejected", "overdue", "due_within_6h"],
    camps.map((c) => [block.name, c.site, istDateKey(c.date), c.megaCamp ?? "", c.vaccinated, c.entered, c.pending, c.rejected, c.overdue, c.dueWithin6h]),
  );
}
