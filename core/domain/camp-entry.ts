/**
 * One vaccination as the camp app records it (issue 14), checked cell by cell with the register import's own
 * parsers (register-person.ts), so a camp entry and a register line are held to the same rules: the browser runs
 * it as the person types, the server again when the entry arrives. Pure: the clock is a parameter.
 *
 * Unlike a register line the entry names no block (the server takes the signed-in user's) and always carries the
 * whole ID number, which the server reduces to its last 4 and a keyed hash.
 */
import type { VaccineCatalogue } from "@/core/domain/vaccine-catalogue";
import type { Beneficiary } from "@/core/domain/beneficiary";
import { checkDose, checkVaccine, MAX_SERIAL_LENGTH, MAX_SITE_LENGTH, parseShortText, type RowProblem } from "@/core/domain/register-row";
import { checkVaccinationTime, istDateOf, istYearOf } from "@/core/domain/register-date";
import {
  parseBirthYear,
  parseDose,
  parseIdNumber,
  parseIdType,
  parseMobile,
  parseName,
  parseSex,
  type Parsed,
} from "@/core/domain/register-person";

/** The entry's cells as typed (the names of the register's columns). */
export type CampEntryCells = {
  register_serial: string;
  site: string;
  beneficiary_name: string;
  birth_year: string;
  gender: string;
  mobile: string;
  id_type: string;
  id_number: string;
  dose: string;
  vaccine: string;
};

export type CampEntry = Beneficiary & {
  registerSerial: string;
  site: string;
  vaccinatedAt: Date;
  campDate: string;
  dose: number;
  /** The vaccine's code in the state's catalogue. */
  vaccine: string;
  /** The whole number, normalised: hashed on the server, never stored. */
  idNumber: string;
};

export type CampEntryResult = { ok: true; entry: CampEntry } | { ok: false; problems: RowProblem[] };

/** `vaccines`: the state's catalogue (the server reads it; the page gets it with the app), so a dose the vaccine does not have is refused on both sides. */
export function parseCampEntry(cells: CampEntryCells, vaccinatedAt: Date, now: Date, vaccines: VaccineCatalogue): CampEntryResult {
  const problems: RowProblem[] = [];
  function take<T>(column: keyof CampEntryCells | "vaccinated_at", parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    problems.push({ column, reason: `${column} ${parsed.reason}` });
    return undefined;
  }
  const late = checkVaccinationTime(vaccinatedAt, now);
  if (late) problems.push({ column: "vaccinated_at", reason: `vaccinated_at ${late}` });
  const registerSerial = take("register_serial", parseShortText(cells.register_serial, MAX_SERIAL_LENGTH));
  const site = take("site", parseShortText(cells.site, MAX_SITE_LENGTH));
  const beneficiaryName = take("beneficiary_name", parseName(cells.beneficiary_name));
  const birthYear = take("birth_year", parseBirthYear(cells.birth_year, istYearOf(vaccinatedAt)));
  const sex = take("gender", parseSex(cells.gender));
  const mobile = take("mobile", parseMobile(cells.mobile));
  const idType = take("id_type", parseIdType(cells.id_type));
  const idNumber = take("id_number", parseIdNumber(cells.id_number, idType ?? null));
  // The register import's own vaccine and dose checks against the state's catalogue (same reasons, same keys).
  const found = checkVaccine(cells.vaccine, vaccines, problems);
  const doseNumber = take("dose", parseDose(cells.dose));
  const dose = doseNumber === undefined ? undefined : checkDose(doseNumber, found, vaccines, problems);
  const vaccine = found?.code;
  if (
    problems.length > 0 ||
    registerSerial === undefined ||
    site === undefined ||
    beneficiaryName === undefined ||
    birthYear === undefined ||
    sex === undefined ||
    mobile === undefined ||
    idType === undefined ||
    idNumber === undefined ||
    dose === undefined ||
    vaccine === undefined
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    entry: {
      registerSerial,
      site,
      vaccinatedAt,
      campDate: istDateOf(vaccinatedAt),
      beneficiaryName,
      birthYear,
      sex,
      mobile,
      idType,
      idLast4: idNumber.slice(-4),
      idNumber,
      dose,
      vaccine,
    },
  };
}
