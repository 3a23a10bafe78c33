/**
 * One line of an offline vaccination register, as imported from CSV/XLSX: checks every cell and gives either
 * the values to store or every problem found (a clerk fixes a row once, not once per problem).
 * Pure: no database (the district's blocks and the state's vaccines come in as an ImportLookup), the clock is a
 * parameter.
 */
import type { VaccineCatalogue } from "@/core/domain/vaccine-catalogue";
import type { IdType } from "@/server/generated/prisma/enums";
import { findImportBlock, type ImportLookup } from "@/core/domain/import-lookup";
import { englishText, type ErrorKey } from "@/core/errors/english";
import { checkVaccinationTime, istDateOf, istYearOf, parseRegisterDateTime } from "@/core/domain/register-date";
import type { Beneficiary } from "@/core/domain/beneficiary";
import {
  parseBirthYear,
  parseDose,
  parseIdLast4,
  parseIdNumber,
  parseIdType,
  parseMobile,
  parseName,
  parseSex,
  tidyText,
  type Parsed,
} from "@/core/domain/register-person";

/** Columns of the register file; `id_last4` may stand in for `id_number`. */
export const REGISTER_COLUMNS = {
  required: ["register_serial", "block", "site", "vaccinated_at", "beneficiary_name", "birth_year", "gender", "id_type", "id_number", "dose", "vaccine"],
  optional: ["mobile", "id_last4"],
  alternatives: { id_number: ["id_last4"] },
};

/** The cell a table reader sets on a row whose cell count differs from the header's. */
export const RAGGED_CELL = "__ragged";

export const MAX_SERIAL_LENGTH = 40;
export const MAX_SITE_LENGTH = 100;

/** `reason` is the English sentence (stored, and in the CSV download); `key`/`params`, when set, let a screen say it in the reader's language. */
export type RowProblem = { column: string | null; reason: string; key?: ErrorKey; params?: Record<string, string> };

/** The whole ID number, or only its last four characters when the register kept no more. */
export type RowIdentity = { kind: "full"; number: string } | { kind: "last4" };

export type RegisterRow = Beneficiary & {
  registerSerial: string;
  /** The block's official name (the directory resolved the spelling) and its id. */
  block: string;
  blockId: number;
  site: string;
  vaccinatedAt: Date;
  /** The IST date of vaccinatedAt (yyyy-MM-dd): the camp's day. */
  campDate: string;
  identity: RowIdentity;
  dose: number;
  /** The vaccine's code in the state's catalogue. */
  vaccine: string;
};

export type RowResult = { ok: true; row: RegisterRow } | { ok: false; problems: RowProblem[] };

/** A required short cell (serial, site): tidied, not empty, at most `max` characters. Also the camp entry's. */
export function parseShortText(raw: string, max: number): Parsed<string> {
  const text = tidyText(raw);
  if (!text) return { ok: false, reason: "is empty" };
  if (text.length > max) return { ok: false, reason: `is longer than ${max} characters` };
  return { ok: true, value: text };
}

/** Checks one row's cells (keyed by canonical column name) at `now`, against the importer's district and state. */
export function parseRegisterRow(cells: Readonly<Record<string, string | undefined>>, now: Date, lookup: ImportLookup): RowResult {
  const ragged = cells[RAGGED_CELL];
  if (ragged) return { ok: false, problems: [{ column: null, reason: `the row has the wrong number of cells (${ragged}); a comma or quote may be missing` }] };

  const problems: RowProblem[] = [];
  const cell = (column: string) => cells[column] ?? "";
  function take<T>(column: string, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    problems.push({ column, reason: `${column} ${parsed.reason}` });
    return undefined;
  }

  const registerSerial = take("register_serial", parseShortText(cell("register_serial"), MAX_SERIAL_LENGTH));
  const found = findImportBlock(lookup, cell("block"));
  if (!found.ok) problems.push({ column: "block", reason: found.reason.text, key: found.reason.key, params: found.reason.params });
  const block = found.ok ? found.block : undefined;
  const site = take("site", parseShortText(cell("site"), MAX_SITE_LENGTH));
  const when = parseRegisterDateTime(cell("vaccinated_at"));
  let vaccinatedAt: Date | undefined;
  if (!when.ok) problems.push({ column: "vaccinated_at", reason: `vaccinated_at ${when.reason}` });
  else {
    const late = checkVaccinationTime(when.value, now);
    if (late) problems.push({ column: "vaccinated_at", reason: `vaccinated_at ${late}` });
    else vaccinatedAt = when.value;
  }
  const beneficiaryName = take("beneficiary_name", parseName(cell("beneficiary_name")));
  // Age counts from the year of the dose; when that is unreadable, from the current year.
  const birthYear = take("birth_year", parseBirthYear(cell("birth_year"), istYearOf(vaccinatedAt ?? now)));
  const sex = take("gender", parseSex(cell("gender")));
  const mobile = take("mobile", parseMobile(cell("mobile")));
  const idType = take("id_type", parseIdType(cell("id_type")));
  const identity = parseIdentity(cell("id_number"), cell("id_last4"), idType ?? null, problems);
  // The dose is checked against its vaccine (or, when the vaccine is unreadable, the catalogue's most doses); the
  // problems stay in column order.
  const vaccineProblems: RowProblem[] = [];
  const vaccine = checkVaccine(cell("vaccine"), lookup.vaccines, vaccineProblems);
  const doseNumber = take("dose", parseDose(cell("dose")));
  const dose = doseNumber === undefined ? undefined : checkDose(doseNumber, vaccine, lookup.vaccines, problems);
  problems.push(...vaccineProblems);

  if (
    problems.length > 0 ||
    registerSerial === undefined ||
    block === undefined ||
    site === undefined ||
    vaccinatedAt === undefined ||
    beneficiaryName === undefined ||
    birthYear === undefined ||
    sex === undefined ||
    mobile === undefined ||
    idType === undefined ||
    identity === undefined ||
    dose === undefined ||
    vaccine === undefined
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    row: {
      registerSerial,
      block: block.name,
      blockId: block.id,
      site,
      vaccinatedAt,
      campDate: istDateOf(vaccinatedAt),
      beneficiaryName,
      birthYear,
      sex,
      mobile,
      idType,
      idLast4: identity.last4,
      identity: identity.identity,
      dose,
      vaccine: vaccine.code,
    },
  };
}

type Vaccine = VaccineCatalogue["vaccines"][number];

function keyedProblem(column: string, key: ErrorKey, params: Record<string, string>): RowProblem {
  return { column, reason: englishText(key, params), key, params };
}

/** The vaccine a cell names in the state's catalogue, or a problem saying what is accepted. Also the camp entry's. */
export function checkVaccine(raw: string, vaccines: VaccineCatalogue, problems: RowProblem[]): Vaccine | undefined {
  const written = tidyText(raw);
  if (!written) {
    problems.push({ column: "vaccine", reason: "vaccine is empty" });
    return undefined;
  }
  if (vaccines.vaccines.length === 0) {
    problems.push(keyedProblem("vaccine", "importRow.noVaccines", {}));
    return undefined;
  }
  const vaccine = vaccines.find(written);
  if (!vaccine) problems.push(keyedProblem("vaccine", "importRow.vaccineUnknown", { vaccine: written, accepted: vaccines.namesList }));
  return vaccine ?? undefined;
}

/** A dose the vaccine does not have (a third dose of a two-dose vaccine) is a mistake in the register. */
export function checkDose(dose: number, vaccine: Vaccine | undefined, vaccines: VaccineCatalogue, problems: RowProblem[]): number | undefined {
  const doses = vaccine?.doses ?? vaccines.maxDoses;
  // With no catalogue at all the vaccine's own problem says what to do; a dose problem would only add noise.
  if (dose <= doses || vaccines.vaccines.length === 0) return dose;
  const name = vaccine?.name ?? vaccines.namesList;
  problems.push(keyedProblem("dose", "importRow.doseTooHigh", { dose: String(dose), doses: String(doses), vaccine: name }));
  return undefined;
}

function parseIdentity(
  idNumber: string,
  idLast4: string,
  idType: IdType | null,
  problems: RowProblem[],
): { identity: RowIdentity; last4: string } | undefined {
  if (idNumber.trim()) {
    const full = parseIdNumber(idNumber, idType);
    if (!full.ok) {
      problems.push({ column: "id_number", reason: `id_number ${full.reason}` });
      return undefined;
    }
    const last4 = full.value.slice(-4);
    if (idLast4.trim() && idLast4.replace(/[\s-]/g, "").toUpperCase() !== last4) {
      problems.push({ column: "id_last4", reason: "id_last4 does not match the last 4 characters of id_number" });
      return undefined;
    }
    return { identity: { kind: "full", number: full.value }, last4 };
  }
  if (!idLast4.trim()) {
    problems.push({ column: "id_number", reason: "id_number is empty (give the ID number, or at least its last 4 in id_last4)" });
    return undefined;
  }
  const last4 = parseIdLast4(idLast4, idType);
  if (!last4.ok) {
    problems.push({ column: "id_last4", reason: `id_last4 ${last4.reason}` });
    return undefined;
  }
  return { identity: { kind: "last4" }, last4: last4.value };
}

/**
 * What is fed to the keyed ID hash. With the whole number, the number itself, so the same person matches
 * across registers, blocks and the portal. With only the last 4, "last4:" + block + name + birth year +
 * ID type + last 4: stable for the same register line re-imported, and distinct for two people who share
 * the 4 digits. Such a person cannot be matched with a full-number record of theirs (different hash);
 * that is the price of a register that never held the number.
 */
export function idHashInput(row: Pick<RegisterRow, "identity" | "block" | "beneficiaryName" | "birthYear" | "idType" | "idLast4">): string {
  if (row.identity.kind === "full") return row.identity.number;
  return `last4:${row.block}|${row.beneficiaryName.toLowerCase()}|${row.birthYear}|${row.idType}|${row.idLast4}`;
}
