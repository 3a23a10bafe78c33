import { describe, expect, it } from "vitest";
import { findImportBlock } from "@/core/domain/import-lookup";
import { DEMO_LOOKUP, demoLookup } from "@/tests/helpers/demo-lookup";
import { DRIVE_START, checkVaccinationTime, istDateOf, parseRegisterDateTime } from "@/core/domain/register-date";
import { idHashInput, parseRegisterRow, RAGGED_CELL, type RegisterRow } from "@/core/domain/register-row";
import { RAGGED } from "@/server/services/imports/read-table";
import { verhoeffCheckDigit } from "@/core/domain/verhoeff";

const NOW = new Date("2021-06-23T06:30:00Z"); // 23 Jun 2021, 12:00 IST
const aadhaar = (body: string) => body + verhoeffCheckDigit(body);
const VALID = {
  register_serial: "PIR-MC1-000001",
  block: "Pirpainti",
  site: "PHC Pirpainti",
  vaccinated_at: "2021-06-16 10:42",
  beneficiary_name: "Sunita Kumari",
  birth_year: "1979",
  gender: "F",
  mobile: "9876543210",
  id_type: "Aadhaar",
  id_number: aadhaar("23412341234"),
  dose: "1",
  vaccine: "Covishield",
};

function parse(overrides: Record<string, string> = {}) {
  return parseRegisterRow({ ...VALID, ...overrides }, NOW, DEMO_LOOKUP);
}
function accepted(overrides: Record<string, string> = {}): RegisterRow {
  const result = parse(overrides);
  if (!result.ok) throw new Error(`expected the row to pass, got ${JSON.stringify(result.problems)}`);
  return result.row;
}
function problemsOf(overrides: Record<string, string>) {
  const result = parse(overrides);
  if (result.ok) throw new Error(`expected the row to fail: ${JSON.stringify(overrides)}`);
  return result.problems;
}

describe("block names", () => {
  it.each([
    ["Pirpainti", "Pirpainti"],
    ["Pirpainty", "Pirpainti"],
    ["  PIRPAINTY ", "Pirpainti"],
    ["Colgong", "Kahalgaon"],
    ["Naugachia", "Naugachhia"],
    ["Sonhaula", "Sanhaula"],
    ["rangra chowk", "Rangra Chowk"],
    ["Rangra  Chowk", "Rangra Chowk"],
    ["rangra-chowk", "Rangra Chowk"],
    ["Bhagalpur Urban", "Bhagalpur Urban"],
    ["Bhagalpur City", "Bhagalpur Urban"],
    ["पीरपैंती", "Pirpainti"],
  ])("%s is %s", (raw, name) => expect(accepted({ block: raw }).block).toBe(name));

  it("gives the block's id with its name", () => {
    const row = accepted({ block: "Colgong" });
    expect(DEMO_LOOKUP.home.blocks.find((b) => b.id === row.blockId)?.name).toBe("Kahalgaon");
  });

  it.each(["Patna", "Pirpaint", "Bhagalpur"])("%j is not a block of the importer's district", (raw) => {
    const [problem] = problemsOf({ block: raw });
    expect(problem).toEqual({
      column: "block",
      reason: `block "${raw}" is not a block of Bhagalpur district; write the block's name as the district's block list has it`,
      key: "importRow.blockUnknown",
      params: { block: raw, home: "Bhagalpur" },
    });
  });

  it("an empty block cell says so", () => expect(problemsOf({ block: " " })[0]).toMatchObject({ column: "block", reason: "block is empty" }));

  it("a block of another district of the state is refused with that district's name", () => {
    const [problem] = problemsOf({ block: "katoria" });
    expect(problem).toEqual({
      column: "block",
      reason: "block Katoria is a block of Banka district, not of Bhagalpur; that district imports its own registers",
      key: "importRow.blockOfOtherDistrict",
      params: { block: "Katoria", district: "Banka", home: "Bhagalpur" },
    });
    // "Banka" is also the name of one of Banka's blocks: from Bhagalpur it is that block, of another district.
    expect(problemsOf({ block: "Banka" })[0]?.params).toEqual({ block: "Banka", district: "Banka", home: "Bhagalpur" });
  });

  it("the same directory read from the other district turns round", () => {
    const fromBanka = demoLookup("Banka");
    expect(findImportBlock(fromBanka, "Katoria")).toMatchObject({ ok: true, block: { name: "Katoria" } });
    expect(findImportBlock(fromBanka, "Pirpainty")).toMatchObject({ ok: false, reason: { params: { block: "Pirpainti", district: "Bhagalpur", home: "Banka" } } });
  });
});

describe("vaccination date and time", () => {
  it.each([
    ["2021-06-16 10:42", "2021-06-16T05:12:00.000Z"],
    ["2021-06-16T10:42:30", "2021-06-16T05:12:30.000Z"],
    ["16/06/2021 10:42", "2021-06-16T05:12:00.000Z"],
    ["16-06-2021 10:42", "2021-06-16T05:12:00.000Z"],
    ["16.06.2021 10:42", "2021-06-16T05:12:00.000Z"],
    ["6/6/2021 9:05", "2021-06-06T03:35:00.000Z"],
    ["16/06/2021 02:15 pm", "2021-06-16T08:45:00.000Z"],
    ["16/06/2021 12:05 AM", "2021-06-15T18:35:00.000Z"],
    ["2021-06-16 10:42+05:30", "2021-06-16T05:12:00.000Z"],
    ["2021-06-16 10:42Z", "2021-06-16T10:42:00.000Z"],
    ["2021-06-16 10:42 UTC", "2021-06-16T10:42:00.000Z"],
    ["2021-06-16 10:42 -0100", "2021-06-16T11:42:00.000Z"],
    ["2021-06-16 10:42 IST", "2021-06-16T05:12:00.000Z"],
  ])("%s is %s", (raw, iso) => {
    const parsed = parseRegisterDateTime(raw);
    expect(parsed.ok && parsed.value.toISOString()).toBe(iso);
  });

  it("takes a date without a time as 00:00 IST that day, the earliest it can mean", () => {
    const parsed = parseRegisterDateTime("16-06-2021");
    expect(parsed.ok && parsed.value.toISOString()).toBe("2021-06-15T18:30:00.000Z");
    expect(parsed.ok && parsed.hasTime).toBe(false);
    expect(parsed.ok && istDateOf(parsed.value)).toBe("2021-06-16");
  });

  it.each(["31/02/2021", "29/02/2021", "2021-13-01", "16/06/2021 24:00", "16/06/2021 10:60", "13:00 pm", "June 16 2021", "06/16/2021", "", "16/06/21"])(
    "%j is refused",
    (raw) => expect(parseRegisterDateTime(raw).ok).toBe(false),
  );

  it("accepts a leap day", () => expect(parseRegisterDateTime("29/02/2024").ok).toBe(true));

  it("is refused when after now, and allowed at now exactly", () => {
    expect(checkVaccinationTime(NOW, NOW)).toBeNull();
    expect(checkVaccinationTime(new Date(NOW.getTime() + 1), NOW)).toMatch(/future/);
  });

  it("is refused before the drive began (16 Jan 2021, IST)", () => {
    expect(checkVaccinationTime(DRIVE_START, NOW)).toBeNull();
    expect(checkVaccinationTime(new Date(DRIVE_START.getTime() - 1), NOW)).toMatch(/before 16 Jan 2021/);
    expect(problemsOf({ vaccinated_at: "15/01/2021 23:59" })[0]?.column).toBe("vaccinated_at");
    expect(accepted({ vaccinated_at: "16/01/2021" }).vaccinatedAt.toISOString()).toBe("2021-01-15T18:30:00.000Z");
  });

  it("puts a late-evening UTC time on the next IST day (the camp's day)", () => {
    expect(accepted({ vaccinated_at: "2021-06-15 19:00Z" }).campDate).toBe("2021-06-16");
  });
});

describe("a register row", () => {
  it("gives the values to store for a good row", () => {
    expect(accepted()).toMatchObject({
      registerSerial: "PIR-MC1-000001",
      block: "Pirpainti",
      site: "PHC Pirpainti",
      campDate: "2021-06-16",
      beneficiaryName: "Sunita Kumari",
      birthYear: 1979,
      sex: "FEMALE",
      mobile: "9876543210",
      idType: "AADHAAR",
      idLast4: VALID.id_number.slice(-4),
      dose: 1,
      vaccine: "COVISHIELD",
    });
  });

  it("keeps Devanagari names as typed, only trimmed and with inner whitespace collapsed", () => {
    expect(accepted({ beneficiary_name: "  सुनीता \u00a0  देवी " }).beneficiaryName).toBe("सुनीता देवी");
    expect(accepted({ beneficiary_name: "Robert'); DROP TABLE vaccination_records;--" }).beneficiaryName).toBe("Robert'); DROP TABLE vaccination_records;--");
  });

  it.each([["12345"], [""], ["x".repeat(121)]])("refuses the name %j", (name) => expect(problemsOf({ beneficiary_name: name })[0]?.column).toBe("beneficiary_name"));

  it.each([
    ["M", "MALE"],
    ["male", "MALE"],
    ["पुरुष", "MALE"],
    ["F", "FEMALE"],
    [" Female ", "FEMALE"],
    ["महिला", "FEMALE"],
    ["O", "OTHER"],
    ["Transgender", "OTHER"],
    ["अन्य", "OTHER"],
  ])("reads gender %j as %s", (gender, sex) => expect(accepted({ gender }).sex).toBe(sex));

  it.each(["X", "", "unknown"])("refuses gender %j", (gender) => expect(problemsOf({ gender })[0]?.column).toBe("gender"));

  it.each([
    ["COVISHIELD", "COVISHIELD"],
    ["Covi Shield", "COVISHIELD"],
    ["covishield", "COVISHIELD"],
    ["covaxin", "COVAXIN"],
    ["COVAXIN", "COVAXIN"],
    ["Sputnik V", "SPUTNIK_V"],
    ["sputnik-v", "SPUTNIK_V"],
  ])("reads vaccine %j as %s", (vaccine, value) => expect(accepted({ vaccine }).vaccine).toBe(value));

  it.each(["Pfizer", "", "Covi"])("refuses vaccine %j", (vaccine) => expect(problemsOf({ vaccine })[0]?.column).toBe("vaccine"));

  it.each([
    ["1", 1],
    ["2", 2],
    ["2nd", 2],
    ["Dose 1", 1],
  ])("reads dose %j", (dose, value) => expect(accepted({ dose }).dose).toBe(value));

  it.each(["0", "3", "", "1.5"])("refuses dose %j", (dose) => expect(problemsOf({ dose })[0]?.column).toBe("dose"));

  it("takes the vaccines and their doses from the state's catalogue", () => {
    const withBooster = demoLookup(undefined, [{ code: "CORBEVAX", name: "Corbevax", nameHi: "कॉर्बेवैक्स", doses: 3, aliases: ["Corbe Vax"] }]);
    const parseWith = (overrides: Record<string, string>) => parseRegisterRow({ ...VALID, ...overrides }, NOW, withBooster);
    expect(parseWith({ vaccine: "corbe-vax", dose: "3rd" })).toMatchObject({ ok: true, row: { vaccine: "CORBEVAX", dose: 3 } });
    expect(parseWith({ vaccine: "कॉर्बेवैक्स", dose: "1" })).toMatchObject({ ok: true, row: { vaccine: "CORBEVAX" } });
    expect(parseWith({ vaccine: "Corbevax", dose: "4" })).toMatchObject({
      ok: false,
      problems: [{ column: "dose", reason: "dose 4 is more than the 3 doses of Corbevax", key: "importRow.doseTooHigh" }],
    });
    // Covishield is not in this state's catalogue.
    expect(parseWith({ vaccine: "Covishield" })).toMatchObject({
      ok: false,
      problems: [{ column: "vaccine", reason: "vaccine \"Covishield\" is not in the state's vaccine list (Corbevax)", key: "importRow.vaccineUnknown" }],
    });
  });

  it("a third dose of a two-dose vaccine names the vaccine", () =>
    expect(problemsOf({ dose: "3", vaccine: "Covaxin" })[0]?.reason).toBe("dose 3 is more than the 2 doses of Covaxin"));

  it("a state with no catalogue yet says what to do", () =>
    expect(parseRegisterRow(VALID, NOW, demoLookup(undefined, []))).toMatchObject({ ok: false, problems: [{ column: "vaccine", key: "importRow.noVaccines" }] }));

  it("counts age by the year of the dose: 18 is allowed, 17 is not", () => {
    expect(accepted({ birth_year: "2003" }).birthYear).toBe(2003);
    expect(problemsOf({ birth_year: "2004" })[0]?.reason).toMatch(/younger than 18/);
    expect(accepted({ birth_year: "1900" }).birthYear).toBe(1900);
    expect(problemsOf({ birth_year: "1899" })[0]?.reason).toMatch(/between 1900 and 2021/);
    expect(problemsOf({ birth_year: "2022" })[0]?.reason).toMatch(/between 1900 and 2021/);
    expect(problemsOf({ birth_year: "79" })[0]?.column).toBe("birth_year");
  });

  it.each([
    ["", null],
    ["9876543210", "9876543210"],
    ["+91 98765 43210", "9876543210"],
    ["+919876543210", "9876543210"],
    ["919876543210", "9876543210"],
    ["09876543210", "9876543210"],
    ["98765-43210", "9876543210"],
    ["6000000000", "6000000000"],
  ])("reads mobile %j", (mobile, value) => expect(accepted({ mobile }).mobile).toBe(value));

  it.each(["5876543210", "987654321", "98765432101", "+1", "abc"])("refuses mobile %j", (mobile) => expect(problemsOf({ mobile })[0]?.column).toBe("mobile"));

  it("checks an Aadhaar number fully: 12 digits, not starting 0/1, Verhoeff check digit", () => {
    const good = aadhaar("98765432101");
    expect(accepted({ id_number: `${good.slice(0, 4)} ${good.slice(4, 8)} ${good.slice(8)}` }).identity).toEqual({ kind: "full", number: good });
    const wrongCheck = good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
    expect(problemsOf({ id_number: wrongCheck })[0]?.reason).toMatch(/check digit/);
    const swapped = good[0]! + good[2]! + good[1]! + good.slice(3);
    if (swapped !== good) expect(problemsOf({ id_number: swapped })[0]?.column).toBe("id_number");
    expect(problemsOf({ id_number: aadhaar("1234567890") + "1" })[0]?.column).toBe("id_number");
    expect(problemsOf({ id_number: aadhaar("12345678901") })[0]?.reason).toMatch(/starts with 0 or 1/);
  });

  it.each([
    ["Voter ID", "BRX1234567", "VOTER_ID"],
    ["EPIC", "brx/123/4567", "VOTER_ID"],
    ["PAN", "ABCPK1234Q", "PAN"],
    ["Driving Licence", "BR10 2015 0012345", "DRIVING_LICENCE"],
    ["passport", "K1234567", "PASSPORT"],
    ["Ration card", "102030405060", "RATION_CARD"],
    ["आधार", aadhaar("98765432101"), "AADHAAR"],
  ])("accepts ID type %j with %j loosely", (id_type, id_number, type) => expect(accepted({ id_type, id_number }).idType).toBe(type));

  it.each([
    ["Voter ID", "ABC"],
    ["PAN", "ABCDEFGHIJ"],
    ["library card", "12345678"],
  ])("refuses ID type %j with %j", (id_type, id_number) => expect(parse({ id_type, id_number }).ok).toBe(false));

  it("takes id_last4 when the register kept no more, and hashes block + name + birth year with it", () => {
    const row = accepted({ id_number: "", id_last4: "4321", beneficiary_name: "Md.  Imran Ansari" });
    expect(row.identity).toEqual({ kind: "last4" });
    expect(row.idLast4).toBe("4321");
    expect(idHashInput(row)).toBe("last4:Pirpainti|md. imran ansari|1979|AADHAAR|4321");
    const same = accepted({ id_number: "", id_last4: "4321", beneficiary_name: "MD. IMRAN ANSARI", block: "Pirpainty" });
    expect(idHashInput(same)).toBe(idHashInput(row));
    expect(idHashInput(accepted({ id_number: "", id_last4: "4321", birth_year: "1980" }))).not.toBe(idHashInput(row));
    expect(idHashInput(accepted())).toBe(VALID.id_number);
  });

  it("refuses a row with neither ID column, a bad last 4, or a last 4 that contradicts the number", () => {
    expect(problemsOf({ id_number: "", id_last4: "" })[0]?.column).toBe("id_number");
    expect(problemsOf({ id_number: "", id_last4: "43x1" })[0]?.column).toBe("id_last4");
    expect(problemsOf({ id_number: "", id_last4: "321" })[0]?.column).toBe("id_last4");
    expect(problemsOf({ id_last4: "0000" })[0]?.column).toBe("id_last4");
    expect(accepted({ id_last4: VALID.id_number.slice(-4) }).identity.kind).toBe("full");
  });

  it("reports every problem of a row at once, each with its column", () => {
    const problems = problemsOf({
      register_serial: "",
      block: "Patna",
      site: " ",
      vaccinated_at: "yesterday",
      beneficiary_name: "123",
      birth_year: "x",
      gender: "?",
      mobile: "1",
      id_type: "card",
      id_number: "!",
      dose: "5",
      vaccine: "Pfizer",
    });
    expect(problems.map((p) => p.column)).toEqual([
      "register_serial",
      "block",
      "site",
      "vaccinated_at",
      "beneficiary_name",
      "birth_year",
      "gender",
      "mobile",
      "id_type",
      "id_number",
      "dose",
      "vaccine",
    ]);
    for (const p of problems) expect(p.reason.startsWith(p.column!)).toBe(true);
  });

  it("refuses a ragged row as a whole, with the reader's explanation", () => {
    expect(RAGGED_CELL).toBe(RAGGED);
    const problems = problemsOf({ [RAGGED_CELL]: "expected 12 cells, got 9" });
    expect(problems).toEqual([{ column: null, reason: expect.stringContaining("expected 12 cells, got 9") }]);
  });

  it("limits serial and site lengths", () => {
    expect(problemsOf({ register_serial: "S".repeat(41) })[0]?.column).toBe("register_serial");
    expect(problemsOf({ site: "S".repeat(101) })[0]?.column).toBe("site");
    expect(accepted({ site: "  PHC   Pirpainti " }).site).toBe("PHC Pirpainti");
  });
});
