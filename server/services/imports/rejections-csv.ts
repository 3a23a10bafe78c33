import "server-only";
import type { Db } from "@/server/db/client";
import { REGISTER_COLUMNS } from "@/core/domain/register-row";
import { UTF8_BOM, safeCsvLines } from "@/server/services/imports/csv-safe";
import { RAGGED } from "@/server/services/imports/read-table";
import { isMaskedCell } from "@/server/services/imports/id-redaction";

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
 * Said in the reason of a register row whose ID number was masked when it was stored: the clerk fixing the
 * row must type the number again, or the row is refused once more (see maskedIdProblems). In the reason
 * rather than a column of its own, so that it sits next to what else is wrong with the row and the file's
 * columns stay exactly the register's.
 */
export function maskedNote(columns: readonly string[]): string {
  return `${columns.join(" and ")}: only the last 4 characters are kept here for privacy; type the full ID number from the register before importing this row again`;
}

/**
 * The rejected rows of an import as a CSV to fix and upload again: the row's cells as stored (ID numbers
 * masked to their last 4), then its row number in the uploaded file and every reason (joined with "; "),
 * with a note when an ID number must be typed again. UTF-8 with a BOM for Excel, streamed page by page;
 * every cell goes through safeCell. The caller checks that the user may see this import.
 */
export async function* rejectedRowsCsv(db: Db, importId: number): AsyncGenerator<string> {
  // Portal exports carry masked IDs by design: there is nothing to type again.
  const batch = await db.importBatch.findUnique({ where: { id: importId }, select: { kind: true } });
  const noteMasked = batch?.kind === "REGISTER";
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
    yield safeCsvLines(
      page.map((r) => {
        const masked = noteMasked ? columns.filter((c) => typeof r.raw[c] === "string" && isMaskedCell(r.raw[c])) : [];
        const reason = masked.length > 0 ? `${r.reason}; ${maskedNote(masked)}` : r.reason;
        return [...columns.map((c) => r.raw[c] ?? ""), r.row_number, reason];
      }),
    );
    after = page[page.length - 1]!.row_number;
    if (page.length < PAGE_ROWS) return;
  }
}
