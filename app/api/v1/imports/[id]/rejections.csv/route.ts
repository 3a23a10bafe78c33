import { authenticate, problem } from "@/server/api/rest";
import { getImport } from "@/server/services/import-batches";
import { rejectedRowsCsv } from "@/server/imports/rejections-csv";
import { MAX_IMPORT_ID, parseImportId } from "@/server/imports/upload-headers";

export const dynamic = "force-dynamic";

/** The rejected rows of an import, with a reason column, to fix and re-import (streamed; ID numbers masked). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const id = parseImportId((await params).id);
  if (id === null) return problem(400, `The import id must be a whole number from 1 to ${MAX_IMPORT_ID}, as listed on the Imports page.`);
  const batch = await getImport(caller.db, { userId: caller.user.id, role: caller.user.role, scope: caller.scope }, id);
  if (!batch) return problem(404, `There is no import ${id} of yours.`);
  const encoder = new TextEncoder();
  const lines = rejectedRowsCsv(caller.db, id);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="import-${id}-rejected-rows.csv"`,
      "cache-control": "no-store",
    },
  });
}
