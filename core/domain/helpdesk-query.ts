/**
 * What a helpdesk search may ask, checked before anything is looked up, and how it is written into the access
 * log (masked: the log shows that someone searched a mobile ending 7755, not the number). Pure; shared by the
 * server and the search form, so the form can say what is wrong before sending.
 */

export const HELPDESK_SEARCH_KINDS = ["mobile", "serial", "idLast4", "name"] as const;
export type HelpdeskSearchKind = (typeof HELPDESK_SEARCH_KINDS)[number];

export type HelpdeskSearchInput =
  | { kind: "mobile"; mobile: string }
  | { kind: "serial"; serial: string; blockId?: number | null }
  | { kind: "idLast4"; idLast4: string; birthYear: string | number }
  | { kind: "name"; name: string; blockId?: number | null };

export type HelpdeskQuery =
  | { kind: "mobile"; mobile: string }
  | { kind: "serial"; serial: string; blockId: number | null }
  | { kind: "idLast4"; idLast4: string; birthYear: number }
  | { kind: "name"; name: string; blockId: number };

/** Why a search was refused; the UI turns these into words in the user's language. */
export type HelpdeskQueryProblem =
  | "mobileEmpty"
  | "mobileMalformed"
  | "serialEmpty"
  | "serialTooShort"
  | "idLast4Malformed"
  | "birthYearMalformed"
  | "nameEmpty"
  | "nameTooShort"
  | "blockRequired";

export type HelpdeskQueryResult = { ok: true; query: HelpdeskQuery } | { ok: false; field: string; problem: HelpdeskQueryProblem };

export const MIN_NAME_LETTERS = 3;
export const MIN_SERIAL_CHARS = 3;
export const OLDEST_BIRTH_YEAR = 1900;

const refuse = (field: string, problem: HelpdeskQueryProblem): HelpdeskQueryResult => ({ ok: false, field, problem });

/** 10 digits starting 6–9; +91, 91 or 0 in front and spaces, dashes or brackets are accepted. */
export function normaliseMobile(raw: string): string | null {
  let digits = raw.trim().replace(/[\s\-().]/g, "");
  if (digits.startsWith("+91")) digits = digits.slice(3);
  else if (/^91\d{10}$/.test(digits)) digits = digits.slice(2);
  else if (/^0\d{10}$/.test(digits)) digits = digits.slice(1);
  return /^[6-9]\d{9}$/.test(digits) ? digits : null;
}

/** Letters of a name in any script (Devanagari vowel signs count), for the "too short" rule. */
function letterCount(text: string): number {
  return [...text].filter((ch) => /\p{L}|\p{M}/u.test(ch)).length;
}

export function parseHelpdeskQuery(input: HelpdeskSearchInput, thisYear: number): HelpdeskQueryResult {
  switch (input.kind) {
    case "mobile": {
      const raw = input.mobile.trim();
      if (!raw) return refuse("mobile", "mobileEmpty");
      const mobile = normaliseMobile(raw);
      return mobile ? { ok: true, query: { kind: "mobile", mobile } } : refuse("mobile", "mobileMalformed");
    }
    case "serial": {
      const serial = input.serial.trim().replace(/\s+/g, "");
      if (!serial) return refuse("serial", "serialEmpty");
      if (serial.length < MIN_SERIAL_CHARS) return refuse("serial", "serialTooShort");
      return { ok: true, query: { kind: "serial", serial, blockId: input.blockId ?? null } };
    }
    case "idLast4": {
      const idLast4 = input.idLast4.trim();
      if (!/^[0-9A-Za-z]{4}$/.test(idLast4)) return refuse("idLast4", "idLast4Malformed");
      const yearText = String(input.birthYear).trim();
      const birthYear = Number(yearText);
      if (!/^\d{4}$/.test(yearText) || birthYear < OLDEST_BIRTH_YEAR || birthYear > thisYear) return refuse("birthYear", "birthYearMalformed");
      return { ok: true, query: { kind: "idLast4", idLast4: idLast4.toUpperCase(), birthYear } };
    }
    case "name": {
      const name = input.name.trim().replace(/\s+/g, " ");
      if (!name) return refuse("name", "nameEmpty");
      if (letterCount(name) < MIN_NAME_LETTERS) return refuse("name", "nameTooShort");
      if (!input.blockId) return refuse("blockId", "blockRequired");
      return { ok: true, query: { kind: "name", name, blockId: input.blockId } };
    }
  }
}

/** Keeps the first two letters of each word: enough for an audit to recognise a search, not to read a name. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const chars = [...word];
      return chars.length <= 2 ? `${chars[0]}•` : `${chars.slice(0, 2).join("")}${"•".repeat(Math.min(4, chars.length - 2))}`;
    })
    .join(" ");
}

/** The search as written into the access log; `blockName` is the name of the query's block, if it has one. */
export function maskedQueryText(query: HelpdeskQuery, blockName: string | null = null): string {
  switch (query.kind) {
    case "mobile":
      return `mobile ••••••${query.mobile.slice(-4)}`;
    case "serial":
      return blockName ? `serial ${query.serial} in ${blockName}` : `serial ${query.serial}`;
    case "idLast4":
      return `ID ••••${query.idLast4}, born ${query.birthYear}`;
    case "name":
      return `name ${maskName(query.name)} in ${blockName ?? "?"}`;
  }
}
