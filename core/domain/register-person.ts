/**
 * The beneficiary columns of a register line: each parser takes the cell as typed and returns the stored
 * value, or a reason a person at the block office can act on.
 */
import type { IdType, Sex } from "@/server/generated/prisma/enums";
import { isVerhoeffValid } from "@/core/domain/verhoeff";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

export const MAX_NAME_LENGTH = 120;
export const MIN_AGE = 18;
export const MIN_BIRTH_YEAR = 1900;

/** Trimmed, runs of whitespace (including NBSP) made one space; the script and spelling stay as typed. */
export function tidyText(raw: string): string {
  return raw.replace(/\s+/gu, " ").trim();
}

export function parseName(raw: string): Parsed<string> {
  const name = tidyText(raw);
  if (!name) return fail("is empty");
  if (name.length > MAX_NAME_LENGTH) return fail(`is longer than ${MAX_NAME_LENGTH} characters`);
  // Letters of any script must be present; "123" or "-" is a slip, not a name.
  if (!/\p{L}/u.test(name)) return fail(`"${name}" has no letters`);
  return ok(name);
}

/** Eligibility went by birth year (CoWIN counted age as the year of vaccination minus the birth year). */
export function parseBirthYear(raw: string, vaccinationYear: number): Parsed<number> {
  const text = raw.trim();
  if (!/^\d{4}$/.test(text)) return fail(`"${text}" is not a 4-digit year`);
  const year = Number(text);
  if (year < MIN_BIRTH_YEAR || year > vaccinationYear) return fail(`${year} is not between ${MIN_BIRTH_YEAR} and ${vaccinationYear}`);
  if (vaccinationYear - year < MIN_AGE) return fail(`${year} makes the person younger than ${MIN_AGE}`);
  return ok(year);
}

const SEX_WORDS: Record<string, Sex> = {
  m: "MALE",
  male: "MALE",
  man: "MALE",
  पुरुष: "MALE",
  पु: "MALE",
  f: "FEMALE",
  female: "FEMALE",
  woman: "FEMALE",
  महिला: "FEMALE",
  स्त्री: "FEMALE",
  म: "FEMALE",
  o: "OTHER",
  other: "OTHER",
  t: "OTHER",
  tg: "OTHER",
  transgender: "OTHER",
  "third gender": "OTHER",
  अन्य: "OTHER",
  ट्रांसजेंडर: "OTHER",
};

export function parseSex(raw: string): Parsed<Sex> {
  const key = tidyText(raw).toLowerCase();
  if (!key) return fail("is empty");
  const sex = SEX_WORDS[key];
  return sex ? ok(sex) : fail(`"${tidyText(raw)}" is not M, F or O (or पुरुष / महिला / अन्य)`);
}

/** Optional; stored as the 10-digit national number. */
export function parseMobile(raw: string): Parsed<string | null> {
  const text = raw.trim();
  if (!text) return ok(null);
  let digits = text.replace(/[\s\-().]/g, "");
  if (digits.startsWith("+91")) digits = digits.slice(3);
  else if (/^91\d{10}$/.test(digits)) digits = digits.slice(2);
  else if (/^0\d{10}$/.test(digits)) digits = digits.slice(1);
  if (!/^[6-9]\d{9}$/.test(digits)) return fail(`"${text}" is not a 10-digit Indian mobile number starting with 6–9`);
  return ok(digits);
}

const ID_TYPE_WORDS: Record<string, IdType> = {
  aadhaar: "AADHAAR",
  aadhar: "AADHAAR",
  adhar: "AADHAAR",
  aadhaarcard: "AADHAAR",
  uid: "AADHAAR",
  आधार: "AADHAAR",
  voterid: "VOTER_ID",
  voter: "VOTER_ID",
  votercard: "VOTER_ID",
  epic: "VOTER_ID",
  pan: "PAN",
  pancard: "PAN",
  drivinglicence: "DRIVING_LICENCE",
  drivinglicense: "DRIVING_LICENCE",
  dl: "DRIVING_LICENCE",
  passport: "PASSPORT",
  rationcard: "RATION_CARD",
  ration: "RATION_CARD",
  other: "OTHER",
  jobcard: "OTHER",
  mgnregajobcard: "OTHER",
};

export function parseIdType(raw: string): Parsed<IdType> {
  const key = raw.toLowerCase().replace(/[\s\-_.]+/g, "");
  if (!key) return fail("is empty");
  const type = ID_TYPE_WORDS[key];
  return type ? ok(type) : fail(`"${raw.trim()}" is not a known ID type (Aadhaar, Voter ID, PAN, Driving licence, Passport, Ration card, Other)`);
}

/** The number as it will be hashed: separators gone, letters upper-cased (as normalizeIdNumber does). */
export function compactId(raw: string): string {
  return raw.replace(/[\s\-]/g, "").toUpperCase();
}

/**
 * Aadhaar is checked fully (12 digits, not starting 0 or 1, Verhoeff check digit): a miscopied digit would
 * otherwise make a second "person". Other documents vary by issuing state, so only their shape is checked.
 */
export function parseIdNumber(raw: string, type: IdType | null): Parsed<string> {
  const id = compactId(raw);
  if (!id) return fail("is empty");
  if (type === "AADHAAR") {
    if (!/^\d{12}$/.test(id)) return fail("is not 12 digits long, as an Aadhaar number is");
    if (/^[01]/.test(id)) return fail("starts with 0 or 1, which no Aadhaar number does");
    if (!isVerhoeffValid(id)) return fail("fails the Aadhaar check digit (a digit is probably miscopied)");
    return ok(id);
  }
  if (!/^[A-Z0-9/]{5,20}$/.test(id)) return fail("should be 5–20 letters and digits");
  if (!/\d/.test(id)) return fail("has no digits");
  return ok(id);
}

/** The last four characters only, for registers that never wrote the whole number down. */
export function parseIdLast4(raw: string, type: IdType | null): Parsed<string> {
  const id = compactId(raw);
  if (!id) return fail("is empty");
  if (type === "AADHAAR" ? !/^\d{4}$/.test(id) : !/^[A-Z0-9]{4}$/.test(id)) {
    return fail(`"${raw.trim()}" is not exactly the last 4 ${type === "AADHAAR" ? "digits" : "characters"}`);
  }
  return ok(id);
}

const DOSE_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5 };

/**
 * A dose number as registers write it ("2", "02", "2nd", "second", "Dose 2"). Which numbers a vaccine has is the
 * catalogue's business (see register-row.ts); this only reads the number.
 */
export function parseDose(raw: string): Parsed<number> {
  const key = raw.trim().toLowerCase().replace(/^dose\s*/, "");
  if (!key) return fail("is empty");
  const digits = /^0?([1-9])(?:st|nd|rd|th)?$/.exec(key)?.[1];
  const dose = digits ? Number(digits) : DOSE_WORDS[key];
  return dose ? ok(dose) : fail(`"${raw.trim()}" is not a dose number (1, 2, …)`);
}
