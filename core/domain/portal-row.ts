/**
 * One row of a portal (CoWIN) export, checked and normalised so that it can be compared with register records.
 * Every rejection names the column and says what was expected, so the operator can fix the cell and re-import.
 */
import { z } from "zod";
import type { Sex } from "@/server/generated/prisma/enums";
import { findImportBlock, type ImportLookup } from "@/core/domain/import-lookup";
import type { ErrorKey } from "@/core/errors/english";
import { parsePortalDateTime, type PortalDateTime } from "@/core/domain/portal-dates";

export const PORTAL_COLUMNS = [
  "portal_ref",
  "beneficiary_name",
  "birth_year",
  "gender",
  "id_last4",
  "mobile_last4",
  "dose",
  "vaccinated_at",
  "site",
  "block",
  "entered_at",
] as const;
export type PortalColumn = (typeof PORTAL_COLUMNS)[number];

/** Columns that may be blank: the portal does not require a mobile number, and older exports lack the site. */
export const OPTIONAL_PORTAL_COLUMNS: ReadonlySet<PortalColumn> = new Set(["mobile_last4", "site"]);

export type PortalRow = {
  portalRef: string;
  beneficiaryName: string;
  birthYear: number;
  sex: Sex;
  idLast4: string;
  mobileLast4: string | null;
  dose: number;
  vaccinatedAt: Date;
  /** The export gave only a date: the match then compares IST calendar days instead of hours. */
  vaccinatedDateOnly: boolean;
  site: string | null;
  /** The block's official name (the district's directory resolved the spelling) and its id. */
  block: string;
  blockId: number;
  enteredAt: Date;
};

/** A rejection's `key`/`params`, when set, let a screen say `reason` in the reader's language. */
export type PortalRowResult =
  | { ok: true; row: PortalRow }
  | { ok: false; column: PortalColumn | null; reason: string; key?: ErrorKey; params?: Record<string, string> };

const GENDERS: Record<string, Sex> = {
  m: "MALE",
  male: "MALE",
  पुरुष: "MALE",
  f: "FEMALE",
  female: "FEMALE",
  महिला: "FEMALE",
  o: "OTHER",
  other: "OTHER",
  others: "OTHER",
  t: "OTHER",
  transgender: "OTHER",
};

const DOSE_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5 };

/** "2", "02", "second", "D2", "Dose 2"; whether the state's vaccines have that dose is checked after. */
function doseNumber(raw: string): number | null {
  const key = raw.toLowerCase().replace(/[\s#_-]/g, "").replace(/^(?:dose|d)(?=\d)/, "");
  const digits = /^0?([1-9])$/.exec(key)?.[1];
  return digits ? Number(digits) : (DOSE_WORDS[key] ?? null);
}

function doseRange(max: number): string {
  return max <= 1 ? "1" : max === 2 ? "1 or 2" : `1 to ${max}`;
}

function parsed<T>(parse: (value: string) => T | null, message: string) {
  return z.string().transform((value, ctx): T => {
    const result = parse(value);
    if (result === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return result;
  });
}

const dateTime = (column: string, example: string) =>
  parsed<PortalDateTime>(parsePortalDateTime, `${column} is not a date we can read; write it like ${example}`);

const ZPortalCells = z.object({
  portal_ref: z
    .string()
    .max(64, "portal_ref is longer than 64 characters")
    .regex(/^[A-Za-z0-9][A-Za-z0-9/_-]*$/, "portal_ref may hold only letters, digits, '-', '_' and '/'"),
  beneficiary_name: z.string().max(200, "beneficiary_name is longer than 200 characters"),
  birth_year: parsed((v) => (/^\d{4}$/.test(v) ? Number(v) : null), "birth_year must be a 4-digit year, e.g. 1969"),
  gender: parsed((v) => GENDERS[v.toLowerCase()] ?? null, "gender must be M, F or O (Male, Female, Other)"),
  // The export masks the ID number ("XXXXXXXX6080"); only the last 4 characters are ever compared.
  id_last4: parsed(
    (v) => /^(?:[Xx*•]*)([0-9A-Za-z]{4})$/.exec(v.replace(/[\s-]/g, ""))?.[1]?.toUpperCase() ?? null,
    "id_last4 must be the last 4 characters of the ID number",
  ),
  mobile_last4: parsed(
    (v) => (v === "" ? "" : (/^[Xx*•]*(\d{4})$/.exec(v.replace(/[\s-]/g, ""))?.[1] ?? null)),
    "mobile_last4 must be 4 digits (or empty)",
  ),
  dose: parsed(doseNumber, "dose must be a dose number, e.g. 1 or 2"),
  vaccinated_at: dateTime("vaccinated_at", "2021-06-16 10:42 or 16/06/2021 10:42 or 16-06-2021"),
  site: z.string().max(200, "site is longer than 200 characters"),
  block: z.string(),
  entered_at: dateTime("entered_at", "2021-06-16 18:05 or 16/06/2021 18:05"),
});

/** Cells keyed by lower-case column name, as the table reader gives them; blocks and doses as the importer's district and state have them. */
export function parsePortalRow(cells: Record<string, string>, now: Date, lookup: ImportLookup): PortalRowResult {
  const trimmed: Record<string, string> = {};
  for (const column of PORTAL_COLUMNS) {
    const value = cells[column];
    if (value === undefined) return { ok: false, column, reason: `the file has no ${column} column` };
    trimmed[column] = value.trim();
    if (trimmed[column] === "" && !OPTIONAL_PORTAL_COLUMNS.has(column)) return { ok: false, column, reason: `${column} is empty` };
  }
  const result = ZPortalCells.safeParse(trimmed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const column = PORTAL_COLUMNS.find((c) => c === issue?.path[0]) ?? null;
    return { ok: false, column, reason: issue?.message ?? "the row could not be read" };
  }
  const c = result.data;
  const block = findImportBlock(lookup, c.block);
  if (!block.ok) return { ok: false, column: "block", reason: block.reason.text, key: block.reason.key, params: block.reason.params };
  const maxDoses = lookup.vaccines.maxDoses;
  if (c.dose > maxDoses) return { ok: false, column: "dose", reason: `dose must be ${doseRange(maxDoses)}` };
  const nowYear = now.getUTCFullYear();
  if (c.birth_year > nowYear || c.birth_year < nowYear - 120) {
    return { ok: false, column: "birth_year", reason: `birth_year ${c.birth_year} is not a plausible year of birth` };
  }
  if (c.vaccinated_at.at > now) return { ok: false, column: "vaccinated_at", reason: "vaccinated_at is in the future" };
  // The entry time decides whether the 48-hour deadline was met, so a bare date is not enough here.
  if (c.entered_at.dateOnly) return { ok: false, column: "entered_at", reason: "entered_at needs a time, e.g. 16/06/2021 18:05" };
  if (c.entered_at.at > now) return { ok: false, column: "entered_at", reason: "entered_at is in the future" };
  if (c.entered_at.at < c.vaccinated_at.at) {
    return { ok: false, column: "entered_at", reason: "entered_at is before vaccinated_at" };
  }
  return {
    ok: true,
    row: {
      portalRef: c.portal_ref,
      beneficiaryName: c.beneficiary_name.replace(/\s+/g, " "),
      birthYear: c.birth_year,
      sex: c.gender,
      idLast4: c.id_last4,
      mobileLast4: c.mobile_last4 === "" ? null : c.mobile_last4,
      dose: c.dose,
      vaccinatedAt: c.vaccinated_at.at,
      vaccinatedDateOnly: c.vaccinated_at.dateOnly,
      site: c.site === "" ? null : c.site.replace(/\s+/g, " "),
      block: block.block.name,
      blockId: block.block.id,
      enteredAt: c.entered_at.at,
    },
  };
}
