/**
 * The upload routes against malformed headers, out-of-range ids and bodies over the limit (security review,
 * issue 10): each is a 4xx with a message, never a 500, and an over-size body is cut off while it streams.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { POST as importRegisterRoute } from "@/app/api/v1/imports/register/route";
import { POST as importPortalRoute } from "@/app/api/v1/imports/portal/route";
import { GET as getRejectionsRoute } from "@/app/api/v1/imports/[id]/rejections.csv/route";
import { MAX_IMPORT_BYTES } from "@/server/services/imports/read-table";
import { createApiToken } from "@/server/auth/api-tokens";
import { beginImport } from "@/server/services/imports/import-batches";
import { loadUser, testDb, importActorOf, importPlaceOf } from "@/tests/helpers/callers";
import type { ImporterPlace } from "@/server/services/imports/import-types";
import { atTestNow } from "@/tests/helpers/rest";
import { TEST_ID_HASH_KEY, TEST_NOW } from "@/tests/helpers/test-clock";

// Every route runs at the pinned test clock (TEST_NOW): the rows below are from the story's June 2021.
const importRegister = atTestNow(importRegisterRoute);
const importPortal = atTestNow(importPortalRoute);
const getRejections = atTestNow(getRejectionsRoute);

const HEADER = "register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine";
const tokens: Record<string, string> = {};
let lastImportBefore = 0;
let lastCampBefore = 0;
let operatorId = 0;
let operatorPlace: ImporterPlace;

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789";
  process.env.TEEKA_ID_HASH_KEY = TEST_ID_HASH_KEY;
  for (const username of ["dio", "op.pirpainti"]) {
    tokens[username] = (await createApiToken(testDb(), (await loadUser(username)).id, `hardening test ${username}`)).token;
  }
  operatorId = (await loadUser("op.pirpainti")).id;
  operatorPlace = importPlaceOf(await importActorOf("op.pirpainti"));
  lastImportBefore = (await testDb().importBatch.aggregate({ _max: { id: true } }))._max.id ?? 0;
  lastCampBefore = (await testDb().camp.aggregate({ _max: { id: true } }))._max.id ?? 0;
});

afterAll(async () => {
  await testDb().anomaly.deleteMany({ where: { importId: { gt: lastImportBefore } } });
  await testDb().$executeRawUnsafe(`DELETE FROM vaccination_records WHERE import_id > $1`, lastImportBefore);
  await testDb().$executeRawUnsafe(`DELETE FROM camps WHERE id > $1`, lastCampBefore);
  await testDb().$executeRawUnsafe(`DELETE FROM sites WHERE created_by_import_id > $1`, lastImportBefore);
  await testDb().importBatch.deleteMany({ where: { id: { gt: lastImportBefore } } });
  await testDb().apiToken.deleteMany({ where: { name: { startsWith: "hardening test " } } });
});

function request(url: string, init: RequestInit & { as?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.as) headers.set("authorization", `Bearer ${tokens[init.as]}`);
  return new Request(`http://localhost${url}`, { ...init, headers, duplex: "half" } as RequestInit);
}

const smallCsv = `${HEADER}\nHARD-1,Pirpainti,FX Hardening Site,2021-06-16 10:42,Sunita Kumari,1979,F,PAN,ABCPK1234Q,1,Covishield\n`;
const postRegister = (headers: Record<string, string>, body: BodyInit = smallCsv) =>
  importRegister(request("/api/v1/imports/register", { method: "POST", body, headers, as: "op.pirpainti" }));

describe("X-File-Name", () => {
  it.each([
    ["a lone %", "%"],
    ["a cut-off UTF-8 sequence", "%E0%A4"],
    ["a non-hex escape", "%ZZ"],
    ["a trailing %", "register%2"],
  ])("answers 400 with a message for %s (%s), not 500", async (_what, name) => {
    const res = await postRegister({ "x-file-name": name });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/X-File-Name is not valid percent-encoding/);
  });

  it.each([
    ["NUL", "register%00.csv"],
    ["a line break", "register%0A.csv"],
    ["a carriage return", "register%0D.csv"],
    ["DEL", "register%7F.csv"],
  ])("refuses a name with %s", async (_what, name) => {
    const res = await postRegister({ "x-file-name": name });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/control characters/);
  });

  it("refuses a name longer than 200 characters, and takes one of 200 in Devanagari", async () => {
    const long = await postRegister({ "x-file-name": encodeURIComponent(`${"a".repeat(197)}.csv`) });
    expect(long.status).toBe(400);
    expect((await long.json()).error).toMatch(/longer than 200 characters/);
    const huge = await postRegister({ "x-file-name": "a".repeat(10_000) });
    expect(huge.status).toBe(400);
    const hindi = `${"र".repeat(196)}.csv`;
    const ok = await postRegister({ "x-file-name": encodeURIComponent(hindi) });
    expect(ok.status).toBe(200);
    const { importId } = await ok.json();
    const batch = await testDb().importBatch.findUniqueOrThrow({ where: { id: importId } });
    expect(batch).toMatchObject({ fileName: hindi, status: "COMPLETED", startedAt: TEST_NOW });
    // Finished at the request's clock plus the time the import took.
    expect(batch.finishedAt!.getTime() - TEST_NOW.getTime()).toBeGreaterThanOrEqual(0);
    expect(batch.finishedAt!.getTime() - TEST_NOW.getTime()).toBeLessThan(60_000);
  });
});

describe("import ids", () => {
  it.each(["99999999999999999999", "2147483648", "4294967296", "0", "-1", "1e3", "abc", "0x10", "1.0", "07", ""])(
    "X-Import-Id %j is a 400 with a message",
    async (id) => {
      const res = await postRegister({ "x-import-id": id, "x-file-name": "ids.csv" });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/X-Import-Id must be a whole number from 1 to 2147483647/);
    },
  );

  it("X-Import-Id 2147483647 (the largest int4) is simply not an import of yours", async () => {
    const res = await postRegister({ "x-import-id": "2147483647" });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/not an unused register import of yours/);
  });

  it("a batch can be claimed by one upload only", async () => {
    const batch = await beginImport(testDb(), operatorId, operatorPlace, "REGISTER", "claimed.csv");
    const first = await postRegister({ "x-import-id": String(batch.id), "x-file-name": "claimed.csv" });
    expect(first.status).toBe(200);
    const second = await postRegister({ "x-import-id": String(batch.id), "x-file-name": "claimed.csv" });
    expect(second.status).toBe(400);
  });

  it.each(["99999999999999999999", "2147483648", "0", "-1", "1e3", "abc", "12abc"])("GET /api/v1/imports/%s/rejections.csv is a 400", async (id) => {
    const res = await getRejections(request(`/api/v1/imports/${id}/rejections.csv`, { as: "dio" }), { params: Promise.resolve({ id }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/import id must be a whole number from 1 to 2147483647/);
  });

  it("GET /api/v1/imports/2147483647/rejections.csv is a 404", async () => {
    const res = await getRejections(request("/api/v1/imports/2147483647/rejections.csv", { as: "dio" }), { params: Promise.resolve({ id: "2147483647" }) });
    expect(res.status).toBe(404);
  });
});

const registerLine = (row: number) => `HUGE-${row},Pirpainti,FX Huge Site,2021-06-16 10:42,Sunita Kumari,1979,F,Voter ID,HUG${String(row).padStart(7, "0")},1,Covishield\n`;
const PORTAL_HEADER = "portal_ref,beneficiary_name,birth_year,gender,id_last4,mobile_last4,dose,vaccinated_at,site,block,entered_at";
const portalLine = (row: number) => `CWN-HUGE-${row},Nobody Huge,1975,F,XXXXXXXX${String(row % 10_000).padStart(4, "0")},,1,2021-06-16 11:00,Pirpainti PHC,Pirpainti,2021-06-22 10:00\n`;

/** A table of about `totalBytes` made on demand, counting what the server pulled. */
function tableStream(totalBytes: number, header = HEADER, line = registerLine) {
  const encoder = new TextEncoder();
  const counter = { pulled: 0, done: false };
  let row = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= totalBytes) {
        counter.done = true;
        controller.close();
        return;
      }
      let text = row === 0 ? `${header}\n` : "";
      while (text.length < 64_000) {
        row += 1;
        text += line(row);
      }
      const bytes = encoder.encode(text);
      counter.pulled += bytes.byteLength;
      controller.enqueue(bytes);
    },
  });
  return { stream, counter };
}

describe("the 50 MB limit, while the body streams", () => {
  it(
    "refuses a 60 MB chunked upload with 413 as soon as it passes 50 MB, leaving nothing behind",
    async () => {
      const batch = await beginImport(testDb(), operatorId, operatorPlace, "REGISTER", "huge.csv");
      const { stream, counter } = tableStream(60_000_000);
      const started = performance.now();
      const res = await postRegister({ "x-import-id": String(batch.id), "x-file-name": "huge.csv", "content-type": "text/csv" }, stream);
      const seconds = (performance.now() - started) / 1000;
      expect(res.status).toBe(413);
      expect((await res.json()).error).toMatch(/larger than the 50 MB limit/);
      // Not read to the end: the server stopped pulling right after the limit.
      expect(counter.done).toBe(false);
      expect(counter.pulled).toBeGreaterThan(MAX_IMPORT_BYTES);
      expect(counter.pulled).toBeLessThan(MAX_IMPORT_BYTES + 1_000_000);
      // At once: not after parsing and inserting 50 MB of rows (that took about 26 s).
      expect(seconds).toBeLessThan(8);
      const after = await testDb().importBatch.findUniqueOrThrow({ where: { id: batch.id } });
      expect(after).toMatchObject({ status: "FAILED", created: 0, rowsRead: expect.any(Number) });
      expect(after.error).toMatch(/larger than the 50 MB limit/);
      expect(await testDb().vaccinationRecord.count({ where: { registerSerial: { startsWith: "HUGE-" } } })).toBe(0);
      expect(await testDb().site.count({ where: { name: "FX Huge Site" } })).toBe(0);
    },
    120_000,
  );

  it(
    "does the same for a portal export",
    async () => {
      const { stream, counter } = tableStream(60_000_000, PORTAL_HEADER, portalLine);
      const started = performance.now();
      const res = await importPortal(request("/api/v1/imports/portal", { method: "POST", body: stream, headers: { "x-file-name": "huge-portal.csv" }, as: "op.pirpainti" }));
      expect(res.status).toBe(413);
      expect((performance.now() - started) / 1000).toBeLessThan(8);
      expect(counter.done).toBe(false);
      expect(counter.pulled).toBeLessThan(MAX_IMPORT_BYTES + 1_000_000);
      const batch = await testDb().importBatch.findFirstOrThrow({ where: { fileName: "huge-portal.csv" }, orderBy: { id: "desc" } });
      expect(batch).toMatchObject({ status: "FAILED", error: expect.stringMatching(/50 MB limit/), anomalies: 0, rejected: 0 });
      expect(await testDb().anomaly.count({ where: { importId: batch.id } })).toBe(0);
    },
    120_000,
  );

  it("refuses a declared Content-Length over the limit before reading, and fails the batch it named", async () => {
    const batch = await beginImport(testDb(), operatorId, operatorPlace, "PORTAL", "declared.csv");
    const res = await importPortal(
      request("/api/v1/imports/portal", { method: "POST", body: "a", headers: { "content-length": "60000000", "x-import-id": String(batch.id) }, as: "op.pirpainti" }),
    );
    expect(res.status).toBe(413);
    expect(await testDb().importBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "FAILED", error: expect.stringMatching(/50 MB/) });
  });
});

describe("multipart uploads (buffered by the platform)", () => {
  const form = () => {
    const data = new FormData();
    data.set("file", new File([smallCsv], "form.csv", { type: "text/csv" }));
    return new Request("http://localhost/x", { method: "POST", body: data });
  };

  it("refuses a multipart body without Content-Length and says to send the raw file", async () => {
    const built = form();
    const body = built.body!;
    const res = await postRegister({ "content-type": built.headers.get("content-type")! }, body);
    expect(res.status).toBe(411);
    expect((await res.json()).error).toMatch(/send the raw file as the request body/);
  });

  it("refuses a multipart body whose Content-Length is over the limit, and takes a small one", async () => {
    const built = form();
    const type = built.headers.get("content-type")!;
    const big = await postRegister({ "content-type": type, "content-length": String(MAX_IMPORT_BYTES + 1) }, "x");
    expect(big.status).toBe(413);
    const bytes = new Uint8Array(await built.arrayBuffer());
    const ok = await postRegister({ "content-type": type, "content-length": String(bytes.byteLength) }, bytes);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ rows: 1 });
  });
});
