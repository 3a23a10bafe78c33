/**
 * A district's block list as the state officer pastes or uploads it: CSV with a header row naming the columns
 * name, name_hi, lgd_code (optional) and aliases (optional, separated by ";"). Each problem names its row, so the
 * preview can say what to fix; nothing is written from a list that has one.
 */
import "server-only";
import { parse } from "csv-parse/sync";
import type { BlockSetup, SetupProblem } from "@/server/services/setup/district-setup";

export const MAX_BLOCK_ROWS = 200;
/** A district's list is a few kilobytes; this bounds what a paste can make the server read. */
export const MAX_BLOCK_LIST_CHARS = 100_000;

export type ParsedBlockList = { blocks: BlockSetup[]; problems: SetupProblem[] };

const COLUMNS = ["name", "name_hi", "lgd_code", "aliases"] as const;

export function parseBlockListCsv(text: string): ParsedBlockList {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0]!.slice(0, 120) : "unknown";
    return { blocks: [], problems: [{ key: "setupCsvUnreadable", params: { reason } }] };
  }
  const header = rows[0]?.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  if (!header || header.length === 0) return { blocks: [], problems: [{ key: "setupCsvNoHeader", params: {} }] };
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  const missing = (["name", "name_hi"] as const).filter((c) => at[c] < 0);
  if (missing.length > 0) return { blocks: [], problems: missing.map((column) => ({ key: "setupCsvMissingColumn", params: { column } })) };
  const data = rows.slice(1);
  if (data.length > MAX_BLOCK_ROWS) return { blocks: [], problems: [{ key: "setupCsvTooManyRows", params: { max: String(MAX_BLOCK_ROWS) } }] };

  const blocks: BlockSetup[] = [];
  const problems: SetupProblem[] = [];
  const cell = (row: string[], index: number) => (index < 0 ? "" : (row[index] ?? "").trim());
  data.forEach((row, i) => {
    const line = String(i + 2); // the header is row 1, as a spreadsheet numbers it
    const name = cell(row, at.name);
    const nameHi = cell(row, at.name_hi);
    const lgdCode = cell(row, at.lgd_code);
    if (!name || !nameHi) {
      problems.push({ key: "setupCsvRowIncomplete", params: { row: line } });
      return;
    }
    if (lgdCode && !/^\d{1,10}$/.test(lgdCode)) problems.push({ key: "setupCsvLgdInvalid", params: { row: line, code: lgdCode.slice(0, 20) } });
    const aliases = cell(row, at.aliases)
      .split(";")
      .map((a) => a.trim())
      .filter(Boolean);
    blocks.push({ name: name.slice(0, 80), nameHi: nameHi.slice(0, 80), lgdCode: lgdCode || null, aliases });
  });
  return { blocks, problems };
}
