/**
 * POST /api/v1/camp/sync and GET /api/v1/camp/devices (issue 14): idempotent by client id, the block always the
 * caller's, serial clashes between devices, device clock drift, and the full ID number never stored.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as syncRoute } from "@/app/api/v1/camp/sync/route";
import { GET as devicesRoute } from "@/app/api/v1/camp/devices/route";
import { createApiToken } from "@/server/auth/api-tokens";
import { hashPassword } from "@/server/auth/password";
import { blockIdOf, callerFor, loadUser, testDb } from "@/tests/helpers/callers";
import { atTestNow } from "@/tests/helpers/rest";
import { TEST_NOW } from "@/tests/helpers/test-clock";
import { verhoeffCheckDigit } from "@/core/domain/verhoeff";
import type { CampRecordInput, CampSyncResult } from "@/core/contracts/camp-sync";

const sync = atTestNow(syncRoute);
const devices = atTestNow(devicesRoute);
const SITE = "Camp Sync Test School";
const tokens: Record<string, string> = {};
let serialSeq = 0;

function aadhaar(n: number): string {
  const base = String(23_456_789_000 + n);
  return base + verhoeffCheckDigit(base);
}

function record(n: number, over: Partial<CampRecordInput> = {}): CampRecordInput {
  serialSeq += 1;
  return {
    clientId: randomUUID(),
    deviceTime: new Date(TEST_NOW.getTime() - 20 * 60_000).toISOString(),
    registerSerial: `CAMP-T-${serialSeq}`,
    site: SITE,
    vaccine: "Covishield",
    dose: 1,
    name: n % 2 ? `सुनीता देवी ${n}` : `Ramesh Kumar ${n}`,
    sex: n % 2 ? "F" : "M",
    birthYear: 1970 + (n % 30),
    mobile: "9876543210",
    idType: "AADHAAR",
    idNumber: aadhaar(n),
    ...over,
  };
}

async function post(as: string, body: unknown): Promise<Response> {
  return sync(
    new Request("http://localhost/api/v1/camp/sync", {
      method: "POST",
      headers: { authorization: `Bearer ${tokens[as]}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

async function syncOk(as: string, body: unknown): Promise<CampSyncResult> {
  const res = await post(as, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as CampSyncResult;
}

const batch = (deviceId: string, records: CampRecordInput[], deviceTime = TEST_NOW) => ({ deviceId, deviceTime: deviceTime.toISOString(), waiting: records.length, records });

async function campRecordCount(): Promise<number> {
  return testDb().campRecord.count();
}

async function pendingIn(block: string): Promise<bigint> {
  const blockId = await blockIdOf(block, "Bhagalpur");
  const row = await testDb().blockStatusCount.findFirst({ where: { blockId, status: "PENDING" } });
  return row?.count ?? 0n;
}

beforeAll(async () => {
  const op = await loadUser("op.pirpainti");
  await testDb().user.create({
    data: { username: "vac.camp-test", displayName: "Vaccinator, Pirpainti (test)", role: "VACCINATOR", passwordHash: await hashPassword("demo-pass-2021"), districtId: op.districtId, blockId: op.blockId },
  });
  for (const username of ["op.pirpainti", "vac.camp-test", "sup.pirpainti", "sup.sultanganj", "dio"]) {
    tokens[username] = (await createApiToken(testDb(), (await loadUser(username)).id, `camp test ${username}`)).token;
  }
});

afterAll(async () => {
  const db = testDb();
  const ids = (await db.campRecord.findMany({ select: { recordId: true } })).map((r) => r.recordId);
  await db.vaccinationRecord.deleteMany({ where: { id: { in: ids } } });
  await db.campDevice.deleteMany({});
  await db.camp.deleteMany({ where: { site: { name: SITE } } });
  await db.site.deleteMany({ where: { name: SITE } });
  await db.apiToken.deleteMany({ where: { name: { startsWith: "camp test " } } });
  await db.user.deleteMany({ where: { username: "vac.camp-test" } });
});

describe("POST /api/v1/camp/sync", () => {
  it("creates each record once: the same batch sent again answers alreadyPresent and changes nothing", async () => {
    const device = randomUUID();
    const records = Array.from({ length: 12 }, (_, i) => record(100 + i));
    const pendingBefore = await pendingIn("Pirpainti");
    const first = await syncOk("op.pirpainti", batch(device, records));
    expect(first.results.map((r) => r.status)).toEqual(records.map(() => "created"));
    expect(first.created).toBe(12);
    const countAfterFirst = await campRecordCount();
    const recordsAfterFirst = await testDb().vaccinationRecord.count();
    expect(await pendingIn("Pirpainti")).toBe(pendingBefore + 12n);

    const second = await syncOk("op.pirpainti", batch(device, records));
    expect(second.results.map((r) => r.status)).toEqual(records.map(() => "alreadyPresent"));
    expect(second.created).toBe(0);
    expect(await campRecordCount()).toBe(countAfterFirst);
    expect(await testDb().vaccinationRecord.count()).toBe(recordsAfterFirst);
    expect(await pendingIn("Pirpainti")).toBe(pendingBefore + 12n);
  });

  it("a batch half synced before (cut off midway, then resent whole) creates only the rest", async () => {
    const device = randomUUID();
    const records = Array.from({ length: 6 }, (_, i) => record(200 + i));
    await syncOk("op.pirpainti", batch(device, records.slice(0, 3)));
    const again = await syncOk("op.pirpainti", batch(device, records));
    expect(again.results.map((r) => r.status)).toEqual(["alreadyPresent", "alreadyPresent", "alreadyPresent", "created", "created", "created"]);
  });

  it("lands in the caller's block as PENDING, with device and received time, from a camp sync", async () => {
    const r = record(300);
    const device = randomUUID();
    await syncOk("vac.camp-test", batch(device, [r]));
    const link = await testDb().campRecord.findFirstOrThrow({ where: { clientId: r.clientId } });
    const stored = await testDb().vaccinationRecord.findUniqueOrThrow({ where: { id: link.recordId }, include: { history: true } });
    expect(stored.blockId).toBe(await blockIdOf("Pirpainti", "Bhagalpur"));
    expect(stored.status).toBe("PENDING");
    expect(stored.vaccine).toBe("COVISHIELD");
    expect(stored.history.map((h) => h.source)).toEqual(["CAMP_SYNC"]);
    expect(link.deviceTime.toISOString()).toBe(r.deviceTime);
    expect(link.receivedAt.toISOString()).toBe(TEST_NOW.toISOString());
    expect(link.deviceId).toBe(device);
  });

  it("never stores the full ID number: only its last 4 and a keyed hash", async () => {
    const r = record(400);
    await syncOk("op.pirpainti", batch(randomUUID(), [r]));
    const link = await testDb().campRecord.findFirstOrThrow({ where: { clientId: r.clientId } });
    const rows = await testDb().$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT to_jsonb(v)::text AS v, (SELECT coalesce(jsonb_agg(c)::text, '') FROM camp_records c WHERE c.record_id = v.id) AS c,
         (SELECT coalesce(jsonb_agg(d)::text, '') FROM camp_devices d) AS d,
         (SELECT coalesce(jsonb_agg(s)::text, '') FROM status_changes s WHERE s.record_id = v.id) AS s
       FROM vaccination_records v WHERE v.id = $1`,
      link.recordId,
    );
    const everything = JSON.stringify(rows);
    expect(everything).toContain(r.idNumber.slice(-4));
    expect(everything).not.toContain(r.idNumber);
    expect(everything).not.toContain(r.idNumber.slice(0, 8));
  });

  it("an operator of Pirpainti cannot sync into Sultanganj: a record made for another block is rejected, the rest go to Pirpainti", async () => {
    const sultanganj = await blockIdOf("Sultanganj", "Bhagalpur");
    const pendingSultanganj = await pendingIn("Sultanganj");
    const foreign = record(500, { blockId: sultanganj });
    const own = record(501);
    const result = await syncOk("op.pirpainti", batch(randomUUID(), [foreign, own]));
    expect(result.results[0]).toMatchObject({ status: "rejected", reasonKey: "otherBlock" });
    expect(result.results[0]!.reason).toMatch(/another block/);
    expect(result.results[1]!.status).toBe("created");
    expect(await pendingIn("Sultanganj")).toBe(pendingSultanganj);
    const link = await testDb().campRecord.findFirstOrThrow({ where: { clientId: own.clientId } });
    expect(link.blockId).toBe(await blockIdOf("Pirpainti", "Bhagalpur"));
  });

  it("refuses a block supervisor (no camp.record) and a district-wide role (no block of its own)", async () => {
    expect((await post("sup.sultanganj", batch(randomUUID(), [record(600)]))).status).toBe(403);
    expect((await post("dio", batch(randomUUID(), [record(601)]))).status).toBe(403);
    expect(await testDb().campRecord.count({ where: { blockId: await blockIdOf("Sultanganj", "Bhagalpur") } })).toBe(0);
  });

  it("a register serial already used by another device of the block is rejected with that reason", async () => {
    const a = record(700);
    const b = record(701, { registerSerial: a.registerSerial });
    const first = await syncOk("op.pirpainti", batch(randomUUID(), [a]));
    expect(first.results[0]!.status).toBe("created");
    const second = await syncOk("vac.camp-test", batch(randomUUID(), [b]));
    expect(second.results[0]).toMatchObject({ status: "rejected", reasonKey: "serialTaken", params: { serial: a.registerSerial, by: "byDevice" } });
    expect(second.results[0]!.reason).toContain("another camp device");
    // Within one batch too: the second entry with the serial is refused, the first kept.
    const c = record(702);
    const d = record(703, { registerSerial: c.registerSerial });
    const third = await syncOk("op.pirpainti", batch(randomUUID(), [c, d]));
    expect(third.results.map((r) => r.status)).toEqual(["created", "rejected"]);
  });

  it("a dose the person already has is rejected; bad cells are rejected with the import's reasons", async () => {
    const a = record(800);
    const again = record(801, { idNumber: a.idNumber });
    const bad = record(802, { idNumber: "234567890123", mobile: "12345" });
    const result = await syncOk("op.pirpainti", batch(randomUUID(), [a, again, bad]));
    expect(result.results.map((r) => r.status)).toEqual(["created", "rejected", "rejected"]);
    expect(result.results[1]!.reasonKey).toBe("sameDose");
    expect(result.results[2]!.reasonKey).toBe("invalid");
    expect(result.results[2]!.reason).toMatch(/Aadhaar check digit/);
    expect(result.results[2]!.reason).toMatch(/mobile/);
    expect(result.results[2]!.reason).not.toContain("234567890123");
  });

  it("flags a device clock 2 hours ahead, keeps the record at the corrected time, and shows it to the supervisor", async () => {
    const device = randomUUID();
    const ahead = 2 * 3_600_000;
    const r = record(900, { deviceTime: new Date(TEST_NOW.getTime() + ahead - 10 * 60_000).toISOString() });
    const result = await syncOk("op.pirpainti", { ...batch(device, [r], new Date(TEST_NOW.getTime() + ahead)), waiting: 4 });
    expect(result.driftFlagged).toBe(true);
    expect(result.clockDriftMs).toBe(ahead);
    expect(result.results[0]!.status).toBe("created");
    const link = await testDb().campRecord.findFirstOrThrow({ where: { clientId: r.clientId } });
    const stored = await testDb().vaccinationRecord.findUniqueOrThrow({ where: { id: link.recordId } });
    expect(stored.vaccinatedAt.toISOString()).toBe(new Date(TEST_NOW.getTime() - 10 * 60_000).toISOString());

    const res = await devices(new Request("http://localhost/api/v1/camp/devices", { headers: { authorization: `Bearer ${tokens["sup.pirpainti"]}` } }));
    expect(res.status).toBe(200);
    const listed = ((await res.json()) as { devices: { deviceId: string; driftFlagged: boolean; waiting: number; syncedToday: number; daysSinceLastSync: number; operator: string }[] }).devices;
    const mine = listed.find((d) => d.deviceId === device);
    expect(mine).toMatchObject({ driftFlagged: true, waiting: 3, syncedToday: 1, daysSinceLastSync: 0, operator: "Data Operator, Pirpainti" });
    // Sultanganj's supervisor sees none of Pirpainti's devices.
    const other = await devices(new Request("http://localhost/api/v1/camp/devices", { headers: { authorization: `Bearer ${tokens["sup.sultanganj"]}` } }));
    expect(((await other.json()) as { devices: unknown[] }).devices).toEqual([]);
    // The same list through tRPC (the Camp devices page); an operator may not read it.
    expect((await (await callerFor("dio")).camp.devices()).find((d) => d.deviceId === device)).toMatchObject({ driftFlagged: true, block: "Pirpainti" });
    await expect((await callerFor("op.pirpainti")).camp.devices()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses more than 500 records with a 400 that says so", async () => {
    const records = Array.from({ length: 501 }, (_, i) => record(1000 + i));
    const res = await post("op.pirpainti", batch(randomUUID(), records));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/at most 500/);
  });

  it("syncs 500 records in one request quickly", async () => {
    const records = Array.from({ length: 500 }, (_, i) => record(2000 + i));
    const started = performance.now();
    const result = await syncOk("op.pirpainti", batch(randomUUID(), records));
    const ms = performance.now() - started;
    console.log(`camp sync: 500 records in ${Math.round(ms)} ms`);
    expect(result.created).toBe(500);
    expect(ms).toBeLessThan(3_000);
  });
});
