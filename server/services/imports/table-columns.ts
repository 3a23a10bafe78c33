import "server-only";
import { englishText } from "@/server/errors/app-error";
import { ImportFileError } from "@/server/services/imports/import-file-error";

export type TableSpec = { required: string[]; optional: string[]; alternatives?: Record<string, string[]> };

/** "Vaccinated At", " vaccinated-at " and "VACCINATED_AT" all name the column vaccinated_at. */
export function canonicalColumn(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * The canonical name of each header cell, in file order. Fails (400) naming every missing required column,
 * and the unrecognised ones (they are usually the misspelt required ones). Extra columns are kept: clerks
 * add remarks columns, and the rejected-rows download gives them back.
 */
export function resolveColumns(headers: readonly string[], spec: TableSpec): string[] {
  const columns = headers.map((h, i) => canonicalColumn(h) || `column_${i + 1}`);
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) throw new ImportFileError(400, "columnRepeated", { column });
    seen.add(column);
  }
  const missing = spec.required.filter((c) => !seen.has(c) && !(spec.alternatives?.[c] ?? []).some((alt) => seen.has(alt)));
  if (missing.length > 0) {
    const known = new Set([...spec.required, ...spec.optional, ...Object.values(spec.alternatives ?? {}).flat()]);
    const unknown = columns.filter((c) => !known.has(c) && !/^column_\d+$/.test(c));
    const names = missing.map((c) => (spec.alternatives?.[c] ? `${c} (or ${spec.alternatives[c]!.join(" / ")})` : c));
    throw new ImportFileError(400, "columnsMissing", {
      count: missing.length,
      missing: names.join(", "),
      unknown: unknown.length > 0 ? englishText("columnsUnrecognised", { columns: unknown.join(", ") }) : "",
      expected: [...spec.required, ...spec.optional].join(", "),
    });
  }
  return columns;
}
