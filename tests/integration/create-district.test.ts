/**
 * A district set up with no code change: `npm run create-district`'s function reads a CSV of blocks, create-user's
 * function makes its DIO, and a register imported through the real import service lands in the new district,
 * while a row naming a block of another district of the state is refused with that district's name. The district
 * (on Bihar's shipped list, "not set up" in the demo) is put back as it was in afterAll.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDistrictFromCsv, DistrictSetupRefused } from "@/server/services/setup/create-district";
import { ZNewUser, saveUser } from "@/server/services/accounts/users";
import { importRegister } from "@/server/services/imports/register-import";
import { importActorOf, testDb } from "@/tests/helpers/callers";
import { TEST_ID_HASH_KEY, TEST_NOW } from "@/tests/helpers/test-clock";

const DISTRICT = "Purnia";
const DIO = "dio.purnia.setup-test";
const BLOCKS_CSV = [
  "name,name_hi,lgd_code,aliases",
  "Purnia East,पूर्णिया पूर्व,,Purnea East;Purnia Purab",
  "Kasba,कसबा,,",
  "Banmankhi,बनमनखी,1234,Banmankhi Bazar",
].join("\n");

const HEADER = "register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine";
const line = (serial: string, block: string, pan: string, vaccine = "Covishield", dose = "1") =>
  `${serial},${block},PHC ${block},2021-06-20 10:00,Test Person ${serial},1980,F,PAN,${pan},${dose},${vaccine}`;
const textSource = (text: string, fileName: string) => ({
  bytes: (async function* () {
    yield new TextEncoder().encode(text);
  })(),
  fileName,
});

async function resetDistrict(districtId: number) {
  // Everything that names the district, in whatever order the foreign keys allow (each pass removes what it can).
  const tables = await testDb().$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name::text AS table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'district_id' AND table_name <> 'districts'`,
  );
  let left = tables.map((t) => t.table_name);
  for (let pass = 0; pass < 10 && left.length > 0; pass++) {
    const failed: string[] = [];
    for (const table of left) {
      await testDb()
        .$executeRawUnsafe(`DELETE FROM "${table}" WHERE district_id = $1`, districtId)
        .catch(() => failed.push(table));
    }
    left = failed;
  }
  if (left.length > 0) throw new Error(`could not clean up ${left.join(", ")}`);
  await testDb().district.update({ where: { id: districtId }, data: { setUpAt: null, lgdCode: null } });
}

let districtId: number;

beforeAll(async () => {
  const d = await testDb().district.findFirstOrThrow({ where: { name: DISTRICT } });
  expect(d.setUpAt, `${DISTRICT} must start "not set up" in the demo`).toBeNull();
  districtId = d.id;
});

afterAll(async () => {
  await resetDistrict(districtId);
  await testDb().user.deleteMany({ where: { username: DIO } });
});

describe("npm run create-district", () => {
  it("refuses bad input with every problem named, and writes nothing", async () => {
    const refused = async (input: Parameters<typeof createDistrictFromCsv>[1]) => {
      const error = await createDistrictFromCsv(testDb(), input, TEST_NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DistrictSetupRefused);
      return (error as DistrictSetupRefused).problems;
    };
    expect(await refused({ state: "Atlantis", district: DISTRICT, csv: BLOCKS_CSV })).toEqual([
      'There is no state "Atlantis" in this database and no shipped list for it; the shipped lists are: Bihar.',
    ]);
    expect(await refused({ state: "Bihar", district: "Purnea Nagar", csv: BLOCKS_CSV })).toEqual([
      "Purnea Nagar is not on Bihar's list of districts: check the spelling, or add it by giving its Hindi name with --name-hi.",
    ]);
    expect(await refused({ state: "Bihar", district: DISTRICT, csv: "name,hindi\nKasba,कसबा" })).toEqual([
      "Line 1: unknown column(s) hindi; the columns are name, name_hi, lgd_code, aliases, is_urban.",
      "Line 1: the column(s) name_hi are missing; the header must name at least name,name_hi.",
    ]);
    expect(await refused({ state: "Bihar", district: DISTRICT, csv: "name,name_hi,lgd_code\nKasba,,12x\nKasba,कसबा,\n,कसबा" })).toEqual([
      'Line 2: name_hi is empty (give the Hindi name as the registers print it); lgd_code "12x" is not 1 to 10 digits (leave it empty when unknown).',
      "Line 3: Kasba is already on line 2.",
      "Line 4: it has 2 cells, the header 3; name is empty.",
    ]);
    expect(await refused({ state: "Bihar", district: DISTRICT, csv: "name,name_hi,aliases\nKasba,कसबा,Kasba Bazar\nBanmankhi,बनमनखी,kasba bazar" })).toEqual([
      '"kasba bazar" is given for both Banmankhi and Kasba: one spelling may name one block only.',
    ]);
    expect(await refused({ state: "Bihar", district: DISTRICT, csv: "" })).toHaveLength(1);
    expect((await testDb().district.findUniqueOrThrow({ where: { id: districtId } })).setUpAt).toBeNull();
    expect(await testDb().block.count({ where: { districtId } })).toBe(0);
  });

  it("sets the district up from the CSV, and a second run changes nothing", async () => {
    const result = await createDistrictFromCsv(testDb(), { state: "bihar", district: "purnia", csv: BLOCKS_CSV }, TEST_NOW);
    expect(result).toMatchObject({ state: "Bihar", district: DISTRICT, districtId, blocksAdded: 3, blocksUpdated: 0, aliasesAdded: 3, newDistrict: false });
    const blocks = await testDb().block.findMany({ where: { districtId }, orderBy: { name: "asc" }, include: { aliases: true } });
    expect(blocks.map((b) => [b.name, b.nameHi, b.lgdCode, b.aliases.map((a) => a.alias).sort()])).toEqual([
      ["Banmankhi", "बनमनखी", "1234", ["Banmankhi Bazar"]],
      ["Kasba", "कसबा", null, []],
      ["Purnia East", "पूर्णिया पूर्व", null, ["Purnea East", "Purnia Purab"]],
    ]);
    expect((await testDb().district.findUniqueOrThrow({ where: { id: districtId } })).setUpAt).toEqual(TEST_NOW);
    const again = await createDistrictFromCsv(testDb(), { state: "Bihar", district: DISTRICT, csv: BLOCKS_CSV }, TEST_NOW);
    expect(again).toMatchObject({ blocksAdded: 0, blocksUpdated: 0, aliasesAdded: 0, vaccinesAdded: 0 });
  });

  it("its DIO imports a register for its blocks; a row naming another district's block is refused naming it", async () => {
    const input = ZNewUser.parse({ username: DIO, displayName: "DIO Purnia", role: "DISTRICT_OFFICER", state: "Bihar", district: DISTRICT, password: "purnia-password-1" });
    expect((await saveUser(testDb(), input)).created).toBe(true);
    const actor = await importActorOf(DIO);
    expect(actor.districtId).toBe(districtId);
    const csv = [
      HEADER,
      line("PUR-1", "Purnea East", "ABCPK1001Q"),
      line("PUR-2", "कसबा", "ABCPK1002Q", "Covaxin", "2"),
      line("PUR-3", "Pirpainti", "ABCPK1003Q"),
      line("PUR-4", "Atlantis", "ABCPK1004Q"),
      line("PUR-5", "banmankhi bazar", "ABCPK1005Q", "Sputnik V", "3"),
    ].join("\n");
    const result = await importRegister(testDb(), actor, textSource(csv, "purnia.csv"), { now: TEST_NOW, idHashKey: TEST_ID_HASH_KEY });
    expect(result).toMatchObject({ rows: 5, created: 2, duplicates: 0, rejected: 3 });
    expect(result.errors).toEqual([
      {
        row: 4,
        column: "block",
        reason: "block Pirpainti is a block of Bhagalpur district, not of Purnia; that district imports its own registers",
        key: "importRow.blockOfOtherDistrict",
        params: { block: "Pirpainti", district: "Bhagalpur", home: "Purnia" },
      },
      {
        row: 5,
        column: "block",
        reason: 'block "Atlantis" is not a block of Purnia district; write the block\'s name as the district\'s block list has it',
        key: "importRow.blockUnknown",
        params: { block: "Atlantis", home: "Purnia" },
      },
      { row: 6, column: "dose", reason: "dose 3 is more than the 2 doses of Sputnik V", key: "importRow.doseTooHigh", params: { dose: "3", doses: "2", vaccine: "Sputnik V" } },
    ]);
    const records = await testDb().vaccinationRecord.findMany({ where: { importId: result.importId }, include: { block: true }, orderBy: { registerSerial: "asc" } });
    expect(records.map((r) => [r.registerSerial, r.districtId, r.block.name, r.vaccine, r.dose])).toEqual([
      ["PUR-1", districtId, "Purnia East", "COVISHIELD", 1],
      ["PUR-2", districtId, "Kasba", "COVAXIN", 2],
    ]);
    const stored = await testDb().importRejection.findMany({ where: { importId: result.importId }, orderBy: { rowNumber: "asc" } });
    expect(stored.map((r) => r.reason)).toEqual(result.errors.map((e) => e.reason));
  });
});
