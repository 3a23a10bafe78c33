/**
 * One line of an offline vaccination register, as imported from CSV/XLSX: checks every cell and gives either
 * the values to store or every problem found (a clerk fixes a row once, not once per problem).
 * Pure: no database, the clock is a parameter.
 */
import type { IdType, Vaccine } from "@/server/generated/prisma/enums";
import { canonicalBlockName } from "@/core/domain/register-block";
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
  parseVaccine,
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

export type RowProblem = { column: string | null; reason: string };

/** The whole ID number, or only its last four characters when the register kept no more. */
export type RowIdentity = { kind: "full"; number: string } | { kind: "last4" };

export type RegisterRow = Beneficiary & {
  registerSerial: string;
  block: string;
  site: string;
  vaccinatedAt: Date;
  /** The IST date of vaccinatedAt (yyyy-MM-dd): the camp's day. */
  campDate: string;
  identity: RowIdentity;
  dose: 1 | 2;
  vaccine: Vaccine;
};

export type RowResult = { ok: true; row: RegisterRow } | { ok: false; problems: RowProblem[] };

function parseShortText(raw: string, max: number): Parsed<string> {
  const text = tidyText(raw);
  if (!text) return { ok: false, reason: "is empty" };
  if (text.length > max) return { ok: false, reason: `is longer than ${max} characters` };
  return { ok: true, value: text };
}

function parseBlock(raw: string): Parsed<string> {
  if (!raw.trim()) return { ok: false, reason: "is empty" };
  const name = canonicalBlockName(raw);
  return name ? { ok: true, value: name } : { ok: false, reason: `"${tidyText(raw)}" is not a block of Bhagalpur district` };
}

/** Checks one row's cells (keyed by canonical column name) at `now`. */
export function parseRegisterRow(cells: Readonly<Record<string, string | undefined>>, now: Date): RowResult {
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
  const block = take("block", parseBlock(cell("block")));
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
  const dose = take("dose", parseDose(cell("dose")));
  const vaccine = take("vaccine", parseVaccine(cell("vaccine")));

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
      block,
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
      vaccine,
    },
  };
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
