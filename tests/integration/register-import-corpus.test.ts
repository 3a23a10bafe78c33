/**
 * Every fixture of tests/fixtures/register through importRegister against the real test database.
 * The database is shared with the other integration files (which assert demo figures), so everything this
 * file adds is removed in afterAll, and the counter tables are checked to be back where they started.
 */
import { beginImport, claimImport } from "@/server/services/imports/import-batches";
import { createReadStream } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { ImportFileError, type TableSource } from "@/server/services/imports/read-table";
import { ImportForbiddenError, importRegister, type ImportActor, type ImportResult } from "@/server/services/imports/register-import";
import { rejectedRowsCsv } from "@/server/services/imports/rejections-csv";
import { registerTemplateCsv } from "@/server/services/imports/register-template";
import { blockIdOf, testDb, importActorOf, importPlaceOf } from "@/tests/helpers/callers";
import { TEST_ID_HASH_KEY, TEST_NOW } from "@/tests/helpers/test-clock";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/register");
let db: Db;
let dio: ImportActor;
let operator: ImportActor;
let baseline: { batch: number; camp: number; counts: string; hours: string };

const actorOf = importActorOf;
const fromFile = (name: string): TableSource => ({ bytes: createReadStream(path.join(FIXTURES, name)), fileName: name });
async function* textChunks(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}
const run = (actor: ImportActor, source: TableSource, extra: { maxBytes?: number; onProgress?: (n: number) => void } = {}) =>
  importRegister(db, actor, source, { now: TEST_NOW, idHashKey: TEST_ID_HASH_KEY, ...extra });

async function snapshot(sql: string): Promise<string> {
  return JSON.stringify(await db.$queryRawUnsafe(sql), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
const COUNTS_SQL = `SELECT block_id, status::text, count FROM block_status_counts WHERE count <> 0 ORDER BY 1, 2`;
const HOURS_SQL = `SELECT block_id, hour, count FROM pending_hour_counts ORDER BY 1, 2`;

async function pendingByBlock(): Promise<Map<number, number>> {
  const rows = await db.$queryRawUnsafe<{ block_id: number; count: bigint }[]>(`SELECT block_id, count FROM block_status_counts WHERE status = 'PENDING'`);
  return new Map(rows.map((r) => [r.block_id, Number(r.count)]));
}

function expectAccounted(result: ImportResult) {
  expect(result.rows).toBe(result.created + result.duplicates + result.rejected);
}

async function storedRejectedRows(importId: number): Promise<number[]> {
  const rows = await db.importRejection.findMany({ where: { importId }, select: { rowNumber: true }, distinct: ["rowNumber"], orderBy: { rowNumber: "asc" } });
  return rows.map((r) => r.rowNumber);
}

beforeAll(async () => {
  db = testDb();
  dio = await actorOf("dio");
  operator = await actorOf("op.pirpainti");
  const batch = await db.importBatch.aggregate({ _max: { id: true } });
  const camp = await db.camp.aggregate({ _max: { id: true } });
  baseline = { batch: batch._max.id ?? 0, camp: camp._max.id ?? 0, counts: await snapshot(COUNTS_SQL), hours: await snapshot(HOURS_SQL) };
});

afterAll(async () => {
  // Deleting records fires the counter triggers; status_changes go with them (ON DELETE CASCADE).
  await db.$executeRawUnsafe(`DELETE FROM vaccination_records WHERE import_id > $1`, baseline.batch);
  await db.$executeRawUnsafe(`DELETE FROM camps WHERE id > $1`, baseline.camp);
  await db.$executeRawUnsafe(`DELETE FROM sites WHERE created_by_import_id > $1`, baseline.batch);
  await db.$executeRawUnsafe(`DELETE FROM import_batches WHERE id > $1`, baseline.batch);
  expect(await snapshot(COUNTS_SQL)).toBe(baseline.counts);
  expect(await snapshot(HOURS_SQL)).toBe(baseline.hours);
});

describe("register import: the fixture corpus", () => {
  it.each([
    ["good-mixed.csv", { rows: 13, created: 13, duplicates: 0, rejected: 0 }],
    ["utf8-bom.csv", { rows: 2, created: 2, duplicates: 0, rejected: 0 }],
    ["utf16le.csv", { rows: 2, created: 2, duplicates: 0, rejected: 0 }],
    ["semicolon.csv", { rows: 2, created: 2, duplicates: 0, rejected: 0 }],
    ["register.xlsx", { rows: 5, created: 4, duplicates: 0, rejected: 1 }],
    ["ragged.csv", { rows: 5, created: 3, duplicates: 0, rejected: 2 }],
    ["multiline-quotes.csv", { rows: 5, created: 3, duplicates: 0, rejected: 2 }],
    ["formulas.csv", { rows: 4, created: 0, duplicates: 0, rejected: 4 }],
    ["injection.csv", { rows: 3, created: 3, duplicates: 0, rejected: 0 }],
    ["duplicates-in-file.csv", { rows: 7, created: 4, duplicates: 3, rejected: 0 }],
    ["every-error.csv", { rows: 10, created: 1, duplicates: 0, rejected: 9 }],
  ])("%s: every row is created, a duplicate or rejected", async (name, expected) => {
    const result = await run(dio, fromFile(name));
    expect(result).toMatchObject(expected);
    expectAccounted(result);
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: result.importId } });
    const { rows, ...counts } = expected;
    expect(batch).toMatchObject({ kind: "REGISTER", status: "COMPLETED", rowsRead: rows, ...counts, error: null });
    expect(batch.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.vaccinationRecord.count({ where: { importId: result.importId } })).toBe(expected.created);
    expect((await storedRejectedRows(result.importId)).length).toBe(expected.rejected);
    expect(new Set(result.errors.map((e) => e.row)).size).toBe(expected.rejected);
  });

  it.each([
    ["empty.csv", 400],
    ["header-only.csv", 400],
    ["missing-columns.csv", 400],
    ["wrong-columns.csv", 400],
    ["binary.csv", 415],
    ["old-excel.xls", 415],
    ["corrupt.xlsx", 400],
  ])("%s fails as a whole with %i, recorded on the batch the page opened; an API upload leaves nothing", async (name, status) => {
    const before = await db.importBatch.aggregate({ _max: { id: true } });
    const error = await run(dio, fromFile(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).status).toBe(status);
    expect(await db.importBatch.count({ where: { id: { gt: before._max.id ?? 0 } } })).toBe(0);

    const opened = await beginImport(db, dio.userId, importPlaceOf(dio), "REGISTER", name);
    expect(await claimImport(db, dio.userId, opened.id, "REGISTER")).toBe(true);
    const again = await importRegister(db, dio, fromFile(name), { now: TEST_NOW, idHashKey: TEST_ID_HASH_KEY, importId: opened.id }).catch((e: unknown) => e);
    expect((again as ImportFileError).status).toBe(status);
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: opened.id } });
    expect(batch).toMatchObject({ status: "FAILED", error: (again as Error).message, created: 0 });
    expect(await db.vaccinationRecord.count({ where: { importId: batch.id } })).toBe(0);
  });

  it("reports rejected rows with their spreadsheet row, column and reason, and stores each row as read", async () => {
    const result = await run(dio, fromFile("every-error.csv"));
    expect(result.created).toBe(0); // its one good row came in with the first import of this file
    expect(result.duplicates).toBe(1);
    expect(result.errors.filter((e) => e.row === 2).map((e) => e.column)).toHaveLength(12);
    expect(result.errors).toContainEqual({ row: 3, column: "vaccinated_at", reason: "vaccinated_at is in the future" });
    expect(result.errors).toContainEqual({ row: 5, column: "birth_year", reason: "birth_year 2005 makes the person younger than 18" });
    const stored = await db.importRejection.findFirstOrThrow({ where: { importId: result.importId, rowNumber: 6 } });
    expect(stored.column).toBe("id_number");
    // As read, except the ID number: only its last 4 are ever stored (the full number failed its check digit).
    expect(stored.raw).toMatchObject({ register_serial: "FX-ERR-005", id_number: "XXXXXXXX2341" });
  });

  it("re-importing a file creates nothing new and counts every row as already present", async () => {
    const sitesBefore = await db.site.count();
    const result = await run(dio, fromFile("good-mixed.csv"));
    expect(result).toMatchObject({ rows: 13, created: 0, duplicates: 13, rejected: 0, newSites: [] });
    expect(await db.site.count()).toBe(sitesBefore);
  });

  it("moves each block's backlog by exactly what it created, with one PENDING history row per record", async () => {
    const before = await pendingByBlock();
    const result = await run(dio, {
      bytes: textChunks(registerTemplateCsv({ block: "Pirpainti" })),
      fileName: "template.csv",
    });
    expect(result.created).toBe(2);
    const after = await pendingByBlock();
    const pirpainti = await blockIdOf("Pirpainti");
    expect((after.get(pirpainti) ?? 0) - (before.get(pirpainti) ?? 0)).toBe(result.created);
    for (const [blockId, count] of after) if (blockId !== pirpainti) expect(count).toBe(before.get(blockId) ?? 0);
    const history = await db.statusChange.findMany({ where: { record: { importId: result.importId } } });
    expect(history).toHaveLength(2);
    for (const change of history) expect(change).toMatchObject({ fromStatus: null, toStatus: "PENDING", changedById: dio.userId, changedAt: TEST_NOW });
  });

  it("lets a data operator import only their own block's rows, rejecting the others with a reason", async () => {
    const result = await run(operator, fromFile("other-block.csv"));
    expect(result).toMatchObject({ rows: 4, created: 2, duplicates: 0, rejected: 2 });
    expect(result.errors).toEqual([
      { row: 3, column: "block", reason: "block Kahalgaon is not yours" },
      { row: 5, column: "block", reason: "block Sultanganj is not yours" },
    ]);
    const records = await db.vaccinationRecord.findMany({ where: { importId: result.importId }, select: { blockId: true } });
    expect(records.map((r) => r.blockId)).toEqual([operator.blockId, operator.blockId]);
    expect((await db.importBatch.findUniqueOrThrow({ where: { id: result.importId } })).blockId).toBe(operator.blockId);
  });

  it("refuses anyone else before reading a byte", async () => {
    let read = false;
    const source = { bytes: (async function* () { read = true; yield new Uint8Array(); })(), fileName: "x.csv" };
    await expect(run(await actorOf("sup.pirpainti"), source)).rejects.toBeInstanceOf(ImportForbiddenError);
    await expect(run({ ...operator, blockId: null }, source)).rejects.toBeInstanceOf(ImportForbiddenError);
    expect(read).toBe(false);
  });

  it("stores SQL and HTML in names as plain text", async () => {
    const names = await db.vaccinationRecord.findMany({ where: { registerSerial: { startsWith: "FX-INJ-" } }, orderBy: { registerSerial: "asc" }, select: { beneficiaryName: true } });
    expect(names.map((n) => n.beneficiaryName)).toEqual(["Robert'); DROP TABLE vaccination_records;--", "<script>alert(1)</script>", "O'Brien \"Bob\""]);
    expect(await db.vaccinationRecord.count()).toBeGreaterThan(90_000);
  });

  it("finds or creates sites case-insensitively, and links camps on a mega-camp day to the mega camp", async () => {
    const kahalgaon = await blockIdOf("Kahalgaon");
    const sites = await db.site.findMany({ where: { blockId: kahalgaon, name: { startsWith: "FX " } }, include: { camps: { include: { megaCamp: true } } } });
    expect(sites.map((s) => s.name)).toEqual(["FX PHC Kahalgaon"]);
    expect(sites[0]).toMatchObject({ confirmed: false });
    expect(sites[0]?.createdByImportId).toBeGreaterThan(baseline.batch);
    const megaCamps = await db.megaCamp.findMany({ orderBy: { date: "asc" } });
    const mc2 = megaCamps.find((m) => m.date.toISOString().startsWith("2021-06-21"));
    expect(mc2).toBeDefined();
    expect(sites[0]?.camps.map((c) => c.megaCampId)).toContain(mc2!.id);
    const townHall = await db.site.findMany({ where: { name: { equals: "fx town hall", mode: "insensitive" } } });
    expect(townHall).toHaveLength(1);
    const routine = await db.camp.findMany({ where: { site: { name: "FX Town Hall" } } });
    expect(routine.map((c) => [c.date.toISOString().slice(0, 10), c.megaCampId])).toEqual([["2021-06-18", null]]);
  });

  it("gives the rejected rows back as a CSV with formulas neutralised", async () => {
    const result = await run(dio, fromFile("formulas.csv"));
    let csv = "";
    for await (const part of rejectedRowsCsv(db, result.importId)) csv += part;
    expect(csv.startsWith("\uFEFFregister_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine,mobile,row,reason\r\n")).toBe(true);
    const lines = csv.split("\r\n");
    expect(lines).toHaveLength(6);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid/x"",""click me"")"`);
    expect(csv).toContain(`,'+1,2,"mobile`);
    expect(csv).toContain("'@SUM(A1:A9)");
    expect(csv).toContain("'-2+3");
    expect(csv).toContain("'+1980");
    expect(csv).toContain(",'\tTabbed,");
    expect(csv).toContain("beneficiary_name \"\"-2+3\"\" has no letters; birth_year \"\"+1980\"\" is not a 4-digit year");
    expect(csv).not.toMatch(/,[=+\-@]/);
  });

  it("commits all or nothing: an over-size or broken file leaves no records behind", async () => {
    const before = await db.vaccinationRecord.count();
    const big = await run(dio, fromFile("good-mixed.csv"), { maxBytes: 1_000 }).catch((e: unknown) => e);
    expect((big as ImportFileError).status).toBe(413);
    const lines = ["register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine"];
    for (let i = 1; i <= 10; i++) lines.push(`FX-AON-${i},Pirpainti,FX All Or None,2021-06-20 10:00,Test Person,1980,F,PAN,ABCPK${1000 + i}Q,1,Covishield`);
    const broken = await run(dio, { bytes: textChunks(`${lines.join("\n")}\n"FX-AON-11,Pirpainti\n`), fileName: "broken.csv" }).catch((e: unknown) => e);
    expect((broken as ImportFileError).status).toBe(400);
    expect(await db.vaccinationRecord.count()).toBe(before);
    expect(await db.site.count({ where: { name: "FX All Or None" } })).toBe(0);
  });

  it("streams a large file in batches, reports progress and finds duplicates across batches", async () => {
    const header = "register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine\n";
    const line = (i: number) => `FX-BULK-${i},Sabour,FX Bulk Site ${i % 7},2021-06-21 ${String(9 + (i % 8)).padStart(2, "0")}:00,Bulk Person ${i},1980,M,Voter ID,BLK${String(i).padStart(7, "0")},1,Covaxin\n`;
    async function* body(): AsyncGenerator<Uint8Array> {
      const encoder = new TextEncoder();
      yield encoder.encode(header);
      let chunk = "";
      for (let i = 1; i <= 6_000; i++) {
        chunk += line(i);
        if (i % 500 === 0) {
          yield encoder.encode(chunk);
          chunk = "";
        }
      }
      yield encoder.encode(line(1) + line(5_999).replace("FX-BULK-5999", "FX-BULK-X"));
    }
    const progress: number[] = [];
    const result = await run(dio, { bytes: body(), fileName: "bulk.csv" }, { onProgress: (n) => progress.push(n) });
    expect(result).toMatchObject({ rows: 6_002, created: 6_000, duplicates: 2, rejected: 0 });
    expect(progress).toEqual([2_000, 4_000, 6_000, 6_002]);
    expect((await db.importBatch.findUniqueOrThrow({ where: { id: result.importId } })).rowsRead).toBe(6_002);
    expect(result.newSites).toHaveLength(7);
    expect(await db.statusChange.count({ where: { record: { importId: result.importId } } })).toBe(6_000);
  });

  it("stores thousands of rejections in batches and pages them into the download in row order", async () => {
    const header = "register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine\n";
    let body = header;
    for (let i = 1; i <= 2_500; i++) body += `FX-REJ-${i},Sabour,FX Rejected Site,2021-06-21 10:00,Person ${i},1980,M,PAN,ZZRPK${String(i).padStart(4, "0")}Q,${i === 1_234 ? "1" : "7"},Covaxin\n`;
    const result = await run(dio, { bytes: textChunks(body), fileName: "rejections.csv" });
    expect(result).toMatchObject({ rows: 2_500, created: 1, rejected: 2_499 });
    expect(result.errors).toHaveLength(500);
    expect(await db.importRejection.count({ where: { importId: result.importId } })).toBe(2_499);
    const lines: string[] = [];
    for await (const part of rejectedRowsCsv(db, result.importId)) lines.push(...part.split("\r\n").filter(Boolean));
    expect(lines).toHaveLength(2_500);
    const rowNumbers = lines.slice(1).map((l) => Number(l.split(",").at(-2)));
    expect(rowNumbers).toEqual(Array.from({ length: 2_500 }, (_, i) => i + 2).filter((n) => n !== 1_235));
  });
});
