/**
 * A district's blocks from a CSV file (npm run create-district, and anyone scripting a set-up): one row per block
 * with `name`, `name_hi`, and optionally `lgd_code`, `aliases` (";"-separated) and `is_urban` (yes/no). Every problem
 * of the file is reported at once, each with its line, so a clerk fixes the file in one go.
 */
import "server-only";
import { parse } from "csv-parse/sync";
import type { BlockSetup } from "@/server/services/setup/district-setup";

export const BLOCK_CSV_COLUMNS = { required: ["name", "name_hi"], optional: ["lgd_code", "aliases", "is_urban"] } as const;

const MAX_NAME = 80;
const YES = new Set(["yes", "y", "true", "1", "हाँ"]);
const NO = new Set(["no", "n", "false", "0", "", "नहीं"]);

export type BlocksCsv = { blocks: BlockSetup[]; problems: string[] };

export function parseBlocksCsv(text: string): BlocksCsv {
  const problems: string[] = [];
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    return { blocks: [], problems: [`The file is not a CSV file we can read: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const [header, ...data] = rows;
  if (!header) return { blocks: [], problems: ["The file is empty: give a header row (name,name_hi,lgd_code,aliases) and one row per block."] };
  const columns = header.map((c) => c.trim().toLowerCase());
  const known: readonly string[] = [...BLOCK_CSV_COLUMNS.required, ...BLOCK_CSV_COLUMNS.optional];
  const unknown = columns.filter((c) => !known.includes(c));
  if (unknown.length > 0) problems.push(`Line 1: unknown column(s) ${unknown.join(", ")}; the columns are ${known.join(", ")}.`);
  const missing = BLOCK_CSV_COLUMNS.required.filter((c) => !columns.includes(c));
  if (missing.length > 0) problems.push(`Line 1: the column(s) ${missing.join(", ")} are missing; the header must name at least name,name_hi.`);
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length > 0) problems.push(`Line 1: the column(s) ${[...new Set(repeated)].join(", ")} appear more than once.`);
  if (problems.length > 0) return { blocks: [], problems };
  if (data.length === 0) return { blocks: [], problems: ["The file has a header row but no blocks: give one row per block."] };

  const blocks: BlockSetup[] = [];
  const seen = new Map<string, number>();
  data.forEach((row, index) => {
    const line = index + 2;
    const cell = (column: string) => (row[columns.indexOf(column)] ?? "").trim().replace(/\s+/g, " ");
    const here: string[] = [];
    if (row.length !== columns.length) here.push(`it has ${row.length} cells, the header ${columns.length}`);
    const name = cell("name");
    const nameHi = cell("name_hi");
    if (!name) here.push("name is empty");
    else if (name.length > MAX_NAME) here.push(`name is longer than ${MAX_NAME} characters`);
    if (!nameHi) here.push("name_hi is empty (give the Hindi name as the registers print it)");
    else if (nameHi.length > MAX_NAME) here.push(`name_hi is longer than ${MAX_NAME} characters`);
    const lgdCode = cell("lgd_code");
    if (lgdCode && !/^\d{1,10}$/.test(lgdCode)) here.push(`lgd_code "${lgdCode}" is not 1 to 10 digits (leave it empty when unknown)`);
    const urban = cell("is_urban").toLowerCase();
    if (!YES.has(urban) && !NO.has(urban)) here.push(`is_urban "${cell("is_urban")}" is not yes or no`);
    const aliases = cell("aliases")
      .split(";")
      .map((a) => a.trim())
      .filter(Boolean);
    const tooLong = aliases.find((a) => a.length > MAX_NAME);
    if (tooLong) here.push(`the alias "${tooLong.slice(0, 20)}…" is longer than ${MAX_NAME} characters`);
    const earlier = name ? seen.get(name.toLowerCase()) : undefined;
    if (earlier !== undefined) here.push(`${name} is already on line ${earlier}`);
    if (name) seen.set(name.toLowerCase(), line);
    if (here.length > 0) problems.push(`Line ${line}: ${here.join("; ")}.`);
    else blocks.push({ name, nameHi, lgdCode: lgdCode || null, isUrban: YES.has(urban), aliases });
  });
  return { blocks, problems };
}
