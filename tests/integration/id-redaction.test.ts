/**
 * Only the last 4 characters of an ID number may be stored (security review, issue 10): rejected register
 * and portal rows, anomaly evidence, reasons and error messages are masked before they are written, the
 * rejected-rows download says so, and the migration masks what was stored before with the same rules.
 */
import { beginImport, claimImport } from "@/server/services/imports/import-batches";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Db } from "@/server/db/client";
import { verhoeffCheckDigit } from "@/core/domain/verhoeff";
import { ImportFileError } from "@/server/services/imports/read-table";
import { importRegister, type ImportActor } from "@/server/services/imports/register-import";
import { rejectedRowsCsv } from "@/server/services/imports/rejections-csv";
import { ID_PLACEHOLDER, safeStoredCell } from "@/server/services/imports/id-redaction";
import { runPortalImport } from "@/server/services/imports/portal-import-run";
import { importActorOf, importPlaceOf, testDb } from "@/tests/helpers/callers";
import { TEST_ID_HASH_KEY, TEST_NOW } from "@/tests/helpers/test-clock";

const aadhaar = (body: string) => body + verhoeffCheckDigit(body);
const A1 = aadhaar("73451234567"); // a well-formed Aadhaar number
const A2 = aadhaar("86420864208");
const A3 = aadhaar("59595959595");
const DEVANAGARI = A3.replace(/\d/g, (d) => String.fromCharCode(0x0966 + Number(d)));
/** A full ID number left anywhere: 12 digits in a row (either script), or in groups of four as on the card. */
const FULL_NUMBER = /[0-9\u0966-\u096F]{12}|\d{4}[\s-]\d{4}[\s-]\d{4}/u;

let db: Db;
let dio: ImportActor;
let operator: ImportActor;
const before = { batch: 0, camp: 0, anomaly: 0, rejection: 0 };

const actorOf = importActorOf;
async function* text(content: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(content);
}
const register = (actor: ImportActor, content: string, fileName = "ids.csv") =>
  importRegister(db, actor, { bytes: text(content), fileName }, { now: TEST_NOW, idHashKey: TEST_ID_HASH_KEY });

async function download(importId: number): Promise<string> {
  let csv = "";
  for await (const part of rejectedRowsCsv(db, importId)) csv += part;
  return csv;
}

beforeAll(async () => {
  db = testDb();
  dio = await actorOf("dio");
  operator = await actorOf("op.pirpainti");
  before.batch = (await db.importBatch.aggregate({ _max: { id: true } }))._max.id ?? 0;
  before.camp = (await db.camp.aggregate({ _max: { id: true } }))._max.id ?? 0;
  before.anomaly = (await db.anomaly.aggregate({ _max: { id: true } }))._max.id ?? 0;
  before.rejection = (await db.importRejection.aggregate({ _max: { id: true } }))._max.id ?? 0;
});

afterAll(async () => {
  await db.$executeRawUnsafe(`DELETE FROM anomalies WHERE id > $1`, before.anomaly);
  await db.$executeRawUnsafe(`DELETE FROM vaccination_records WHERE import_id > $1`, before.batch);
  await db.$executeRawUnsafe(`DELETE FROM camps WHERE id > $1`, before.camp);
  await db.$executeRawUnsafe(`DELETE FROM sites WHERE created_by_import_id > $1`, before.batch);
  await db.$executeRawUnsafe(`DELETE FROM import_batches WHERE id > $1`, before.batch);
});

/** Everything stored about imports since this file started, as one text to search for full numbers. */
async function storedSince(): Promise<string> {
  const text = await storedText();
  // Also with every separator gone, so that no spacing of the test's numbers hides one.
  const compact = text.replace(/[\s-]/g, "");
  for (const n of [A1, A2, A3, DEVANAGARI]) expect(compact).not.toContain(n);
  return text;
}

async function storedText(): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ t: string }[]>(
    `SELECT (SELECT coalesce(string_agg(raw::text || ' ' || reason, ' '), '') FROM import_rejections WHERE id > $1)
         || (SELECT coalesce(string_agg(coalesce(error, ''), ' '), '') FROM import_batches WHERE id > $2)
         || (SELECT coalesce(string_agg(portal_row::text, ' '), '') FROM anomalies WHERE id > $3) AS t`,
    before.rejection,
    before.batch,
    before.anomaly,
  );
  return rows[0]!.t;
}

const HEADER = "register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,mobile,id_type,id_number,dose,vaccine,id_last4,remarks";
const line = (serial: string, over: Partial<Record<string, string>>) => {
  const cells: Record<string, string> = {
    register_serial: serial,
    block: "Pirpainti",
    site: "FX Masking School",
    vaccinated_at: "2021-06-16 10:42",
    beneficiary_name: "Sunita Kumari",
    birth_year: "1979",
    gender: "F",
    mobile: "9876500001",
    id_type: "Aadhaar",
    id_number: A1,
    dose: "1",
    vaccine: "Covishield",
    id_last4: "",
    remarks: "",
    ...over,
  };
  return HEADER.split(",").map((c) => cells[c]).join(",");
};

describe("register imports store rejected rows without full ID numbers", () => {
  it("masks the ID cells, ID numbers in other cells and in reasons, and keeps everything else as read", async () => {
    const content = [
      HEADER,
      line("MASK-1", { dose: "3", id_number: `${A1.slice(0, 4)} ${A1.slice(4, 8)} ${A1.slice(8)}` }),
      line("MASK-2", { birth_year: A2, remarks: `UID ${A2.slice(0, 4)}-${A2.slice(4, 8)}-${A2.slice(8)} seen` }),
      line("MASK-3", { dose: "3", id_number: "???", mobile: "+91 98765 43210" }),
      line("MASK-4", { dose: "3", id_number: DEVANAGARI }),
      line("MASK-5", { dose: "3", id_number: "", id_last4: A3 }),
      line("MASK-6", { mobile: A3, id_number: A2 }),
    ].join("\n");
    const result = await register(dio, content);
    expect(result).toMatchObject({ rows: 6, created: 0, rejected: 6 });
    for (const e of result.errors) expect(e.reason).not.toMatch(FULL_NUMBER);
    const stored = await db.importRejection.findMany({ where: { importId: result.importId }, orderBy: { id: "asc" } });
    const raw = (row: number) => stored.find((s) => s.rowNumber === row)!.raw as Record<string, string>;
    expect(raw(2)).toMatchObject({ register_serial: "MASK-1", id_number: `XXXXXXXX${A1.slice(-4)}`, dose: "3", mobile: "9876500001" });
    expect(raw(3)).toMatchObject({ birth_year: `XXXXXXXX${A2.slice(-4)}`, remarks: `UID XXXXXXXX${A2.slice(-4)} seen`, id_number: `XXXXXXXX${A1.slice(-4)}` });
    expect(raw(4)).toMatchObject({ id_number: ID_PLACEHOLDER, mobile: "+91 98765 43210" });
    expect(raw(5)).toMatchObject({ id_number: ID_PLACEHOLDER });
    expect(raw(6)).toMatchObject({ id_number: "", id_last4: `XXXXXXXX${A3.slice(-4)}` });
    expect(raw(7)).toMatchObject({ mobile: `XXXXXXXX${A3.slice(-4)}`, id_number: `XXXXXXXX${A2.slice(-4)}` });
    // The birth_year reason quotes the cell; the mobile reason too.
    expect(stored.find((s) => s.rowNumber === 3 && s.column === "birth_year")!.reason).toBe(`birth_year "XXXXXXXX${A2.slice(-4)}" is not a 4-digit year`);
    const all = await storedSince();
    expect(all).toContain("MASK-1");
    expect(all).not.toMatch(FULL_NUMBER);
    for (const n of [A1, A2, A3]) expect(all).not.toContain(n);
  });

  it("the download says the number must be typed again, and the same rows sent back unchanged are refused", async () => {
    // The operator may import only Pirpainti: a good Sabour row is rejected only for its block.
    const content = [HEADER, line("MASK-OTHER", { block: "Sabour", site: "FX Masking Other", id_type: "PAN", id_number: "ABCPK1234Q" })].join("\n");
    const first = await register(operator, content);
    expect(first).toMatchObject({ rejected: 1, errors: [{ column: "block", reason: "block Sabour is not yours" }] });
    const csv = await download(first.importId);
    expect(csv).not.toContain("ABCPK1234Q");
    const [header, row] = parse(csv.slice(1)) as string[][];
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell("id_number")).toBe("XXXXXXXX234Q");
    expect(cell("reason")).toBe(
      "block Sabour is not yours; id_number: only the last 4 characters are kept here for privacy; type the full ID number from the register before importing this row again",
    );
    // The district officer may import Sabour; the masked number would pass as a PAN, so it must be refused.
    const again = await register(dio, csv, "ids-rejected-rows.csv");
    expect(again).toMatchObject({ rows: 1, created: 0, rejected: 1 });
    expect(again.errors).toEqual([
      {
        row: 2,
        column: "id_number",
        reason: "id_number holds the masked number from the rejected-rows download (only its last 4 characters were kept); type the full ID number from the register",
      },
    ]);
  });

  it("masks ID numbers that a file-level error quotes (a file named after one), in the message and on the batch", async () => {
    const opened = await beginImport(db, dio.userId, importPlaceOf(dio), "REGISTER", `${A1}.csv`);
    await claimImport(db, dio.userId, opened.id, "REGISTER");
    const error = await importRegister(db, dio, { bytes: text(""), fileName: `${A1}.csv` }, { now: TEST_NOW, idHashKey: TEST_ID_HASH_KEY, importId: opened.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toBe(`The file "XXXXXXXX${A1.slice(-4)}.csv" is empty.`);
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: opened.id } });
    expect(batch.status).toBe("FAILED");
    expect(batch.error).toBe((error as Error).message);
  });
});

describe("portal imports store neither rejected rows nor anomaly evidence with full ID numbers", () => {
  it("masks an unmasked id_last4 and extra ID columns", async () => {
    const header = "portal_ref,beneficiary_name,birth_year,gender,id_last4,mobile_last4,dose,vaccinated_at,site,block,entered_at,aadhaar_number,remarks";
    const content = [
      header,
      // A full number where the export should have masked it: rejected (not a last 4).
      `CWN-MASK-1,Sita Devi,1975,F,${A1},,1,2021-06-16 11:00,Pirpainti PHC,Pirpainti,2021-06-22 10:00,,`,
      // Nobody in the register: an anomaly, whose evidence keeps the cells.
      `CWN-MASK-2,Nobody Anywhere,1975,F,XXXXXXXX${A2.slice(-4)},,1,2021-06-16 11:00,Pirpainti PHC,Pirpainti,2021-06-22 10:00,${A2},"id ${A2} on card"`,
    ].join("\n");
    const result = await runPortalImport(db, dio, { bytes: text(content), fileName: "portal-ids.csv" }, { now: TEST_NOW });
    expect(result).toMatchObject({ rows: 2, rejected: 1, anomalies: 1 });
    const rejection = await db.importRejection.findFirstOrThrow({ where: { importId: result.importId } });
    expect(rejection.raw).toMatchObject({ portal_ref: "CWN-MASK-1", id_last4: `XXXXXXXX${A1.slice(-4)}` });
    const anomaly = await db.anomaly.findFirstOrThrow({ where: { importId: result.importId } });
    expect((anomaly.portalRow as { cells: Record<string, string> }).cells).toMatchObject({
      portal_ref: "CWN-MASK-2",
      id_last4: `XXXXXXXX${A2.slice(-4)}`,
      aadhaar_number: `XXXXXXXX${A2.slice(-4)}`,
      remarks: `id XXXXXXXX${A2.slice(-4)} on card`,
    });
    expect(await storedSince()).not.toMatch(FULL_NUMBER);
  });
});

describe("the migration masks what was stored before, with the same rules", () => {
  // [column, value as stored before the fix]
  const SAMPLES: [string, string][] = [
    ["id_number", A1],
    ["id_number", `${A1.slice(0, 4)} ${A1.slice(4, 8)} ${A1.slice(8)}`],
    ["id_number", `${A1.slice(0, 4)}-${A1.slice(4, 8)}-${A1.slice(8)}`],
    ["id_number", "ABCPK1234Q"],
    ["id_number", "abcpk1234q"],
    ["id_number", "???"],
    ["id_number", "12"],
    ["id_number", DEVANAGARI],
    ["id_number", ""],
    ["id_number", "XXXXXXXX1234"],
    ["id_number", "(removed)"],
    ["id_last4", "1234"],
    ["id_last4", A2],
    ["id_last4", "xxxx xxxx 6080"],
    ["id_last4", "••••6080"],
    ["aadhaar_no", A3],
    ["uid", A3],
    ["remarks", `card ${A1} and ${A2.slice(0, 4)} ${A2.slice(4, 8)} ${A2.slice(8)} and ${A3.slice(0, 4)}\u00a0${A3.slice(4, 8)}\u00a0${A3.slice(8)}`],
    ["remarks", `virtual id ${A1}${A2.slice(0, 4)} end`],
    ["remarks", `long ${"9".repeat(20)}`],
    ["remarks", `devanagari ${DEVANAGARI}`],
    ["remarks", "2021-06-16 10:42"],
    ["register_serial", "PIR-0001"],
    ["mobile", "+91 98765 43210"],
    ["mobile", "919876543210"],
    ["mobile", A1],
    ["mobile", ""],
    ["vaccinated_at", "20210616104200"],
  ];

  it("gives what the import code now stores, and a second run changes nothing", async () => {
    const batch = await db.importBatch.create({
      data: { kind: "REGISTER", fileName: "old.csv", uploadedById: dio.userId, districtId: dio.districtId!, status: "FAILED", error: `The CSV cannot be read: value is "${A1}"` },
    });
    for (const [i, [column, value]] of SAMPLES.entries()) {
      await db.importRejection.create({ data: { districtId: batch.districtId, importId: batch.id, rowNumber: i + 2, column, reason: `${column} "${value}" is wrong`, raw: { [column]: value, keep: 7 } } });
    }
    const anomaly = await db.anomaly.create({
      data: {
        kind: "NO_REGISTER_ROW",
        districtId: batch.districtId,
        portalRef: "CWN-OLD-1",
        importId: batch.id,
        portalRow: { cells: { portal_ref: "CWN-OLD-1", id_last4: A2, extra: `aadhaar ${A3}` }, normalised: { idLast4: A2.slice(-4) }, explanation: `no record for ${A2}` },
      },
    });
    const sql = readFileSync(path.join(import.meta.dirname, "../../prisma/migrations/20261202010000_mask_rejected_ids/migration.sql"), "utf8");
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      await client.query(sql);
      const stored = await db.importRejection.findMany({ where: { importId: batch.id }, orderBy: { rowNumber: "asc" } });
      expect(stored.map((s) => s.raw)).toEqual(SAMPLES.map(([column, value]) => ({ [column]: safeStoredCell(column, value), keep: 7 })));
      expect(stored.map((s) => s.reason)).toEqual(SAMPLES.map(([column, value]) => safeStoredCell("reason", `${column} "${value}" is wrong`)));
      const after = await db.anomaly.findUniqueOrThrow({ where: { id: anomaly.id } });
      expect(after.portalRow).toEqual({
        cells: { portal_ref: "CWN-OLD-1", id_last4: `XXXXXXXX${A2.slice(-4)}`, extra: `aadhaar XXXXXXXX${A3.slice(-4)}` },
        normalised: { idLast4: A2.slice(-4) },
        explanation: `no record for XXXXXXXX${A2.slice(-4)}`,
      });
      expect((await db.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).error).toBe(`The CSV cannot be read: value is "XXXXXXXX${A1.slice(-4)}"`);
      // (Not FULL_NUMBER here: the sample mobile 919876543210 has 12 digits and is rightly kept.)
      await storedSince();
      const snapshot = JSON.stringify(await db.importRejection.findMany({ where: { importId: batch.id }, orderBy: { id: "asc" } }));
      await client.query(sql);
      expect(JSON.stringify(await db.importRejection.findMany({ where: { importId: batch.id }, orderBy: { id: "asc" } }))).toBe(snapshot);
    } finally {
      await client.end();
    }
  });
});
