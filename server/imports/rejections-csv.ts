import type { Db } from "@/server/db/client";
import { REGISTER_COLUMNS } from "@/server/domain/register-row";
import { UTF8_BOM, safeCsvLines } from "@/server/imports/csv-safe";
import { RAGGED } from "@/server/imports/read-table";

/** Rows per query: keeps memory flat however many rows an import rejected. */
const PAGE_ROWS = 1_000;

const KNOWN_ORDER = [...REGISTER_COLUMNS.required, ...REGISTER_COLUMNS.optional];

/** Register columns in template order, then any others the file had (remarks, stray cells) by name. */
function columnOrder(keys: readonly string[]): string[] {
  const present = new Set(keys.filter((k) => k !== RAGGED));
  const known = KNOWN_ORDER.filter((c) => present.has(c));
  const others = [...present].filter((c) => !KNOWN_ORDER.includes(c)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return [...known, ...others];
}

/**
 * The rejected rows of an import as a CSV to fix and upload again: the row's original cells, then its row
 * number in the uploaded file and every reason (joined with "; "). UTF-8 with a BOM for Excel, streamed
 * page by page; every cell goes through safeCell. The caller checks that the user may see this import.
 */
export async function* rejectedRowsCsv(db: Db, importId: number): AsyncGenerator<string> {
  const keys = await db.$queryRawUnsafe<{ key: string }[]>(
    `SELECT DISTINCT jsonb_object_keys(raw) AS key FROM import_rejections WHERE import_id = $1`,
    importId,
  );
  const columns = columnOrder(keys.map((k) => k.key));
  yield UTF8_BOM + safeCsvLines([[...columns, "row", "reason"]]);
  let after = 0;
  for (;;) {
    const page = await db.$queryRawUnsafe<{ row_number: number; reason: string; raw: Record<string, unknown> }[]>(
      `SELECT row_number, string_agg(reason, '; ' ORDER BY id) AS reason, (array_agg(raw ORDER BY id))[1] AS raw
       FROM import_rejections WHERE import_id = $1 AND row_number > $2
       GROUP BY row_number ORDER BY row_number LIMIT $3`,
      importId,
      after,
      PAGE_ROWS,
    );
    if (page.length === 0) return;
    yield safeCsvLines(page.map((r) => [...columns.map((c) => r.raw[c] ?? ""), r.row_number, r.reason]));
    after = page[page.length - 1]!.row_number;
    if (page.length < PAGE_ROWS) return;
  }
}
