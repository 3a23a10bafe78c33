import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scopeFor } from "@/server/auth/scope";
import { reconcilePortalRows } from "@/server/services/imports/portal-import";
import {
  getAnomaly,
  listAnomalies,
  resolveAnomaly,
} from "@/server/services/imports/anomalies";
import { storedPortalRow } from "@/core/domain/portal-evidence";
import { parsePortalRow } from "@/core/domain/portal-row";
import { blockIdOf, loadUser, testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";
import { actorOf, fixtureRows, markDb, newPortalImport, streamOf, undoSince, type DbMarks } from "@/tests/integration/portal-test-db";
import { DEMO_LOOKUP } from "@/tests/helpers/demo-lookup";

const db = () => testDb();
const LATER = new Date(TEST_NOW.getTime() + 3_600_000);
const page = { page: 1, pageSize: 50 };
let marks: DbMarks;
let doseMismatchId: number;
let noRowId: number;

beforeAll(async () => {
  marks = await markDb(db(), ["Pirpainti", "Sultanganj"]);
});
afterAll(() => undoSince(db(), marks));

beforeEach(async () => {
  const dio = await loadUser("dio");
  const importId = await newPortalImport(db(), dio);
  const rows = [...fixtureRows("dose-mismatch.csv"), ...fixtureRows("unknown-person.csv")];
  await reconcilePortalRows(db(), actorOf(dio), streamOf(rows), { importId, now: TEST_NOW });
  doseMismatchId = (await db().anomaly.findFirstOrThrow({ where: { portalRef: "CWN-8800000003" } })).id;
  noRowId = (await db().anomaly.findFirstOrThrow({ where: { portalRef: "CWN-8800000004" } })).id;
});
afterEach(() => undoSince(db(), marks));

const scopeOf = async (username: string) => scopeFor(await loadUser(username));
const dose2 = () => db().vaccinationRecord.findFirstOrThrow({ where: { beneficiaryName: "Ramesh Prasad Mandal", dose: 2 } });

describe("anomaly queue", () => {
  it("lists a block's anomalies with the portal row and the register record side by side, numbers masked", async () => {
    const result = await listAnomalies(db(), await scopeOf("sup.sultanganj"), { ...page, status: "OPEN" });
    expect(result.total).toBe(1);
    const [view] = result.rows;
    const record = await dose2();
    expect(view).toMatchObject({
      id: doseMismatchId,
      kind: "DOSE_MISMATCH",
      block: "Sultanganj",
      recordId: record.id,
      portal: { portalRef: "CWN-8800000003", dose: 1, block: "Sultanganj", mobileMasked: "7755", idMasked: "ID ••••6080" },
      records: [{ id: record.id, dose: 2, status: "PENDING", site: "Sultanganj PHC", mobileMasked: "••••••7755", idMasked: "Aadhaar XXXX XXXX 6080" }],
    });
    const json = JSON.stringify(result);
    expect(json).not.toContain("9431207755");
    expect(json).not.toContain(record.idHash);
  });

  it("filters by status, block and kind, and the district officer sees every block", async () => {
    const dio = await scopeOf("dio");
    const mine = (r: { rows: { id: number }[] }) => r.rows.map((a) => a.id).filter((id) => id > marks.anomaly).sort();
    expect(mine(await listAnomalies(db(), dio, page))).toEqual([doseMismatchId, noRowId].sort());
    expect(mine(await listAnomalies(db(), dio, { ...page, kind: "NO_REGISTER_ROW" }))).toEqual([noRowId]);
    expect(mine(await listAnomalies(db(), dio, { ...page, blockId: await blockIdOf("Pirpainti") }))).toEqual([noRowId]);
    expect(mine(await listAnomalies(db(), dio, { ...page, status: "RESOLVED" }))).toEqual([]);
    expect((await listAnomalies(db(), { kind: "none" }, page)).total).toBe(0);
  });

  it("hides another block's anomaly exactly as if it did not exist", async () => {
    const other = await scopeOf("sup.pirpainti");
    const sup = await loadUser("sup.pirpainti");
    expect((await listAnomalies(db(), other, page)).rows.map((a) => a.id)).not.toContain(doseMismatchId);
    expect((await listAnomalies(db(), other, { ...page, blockId: await blockIdOf("Sultanganj") })).total).toBe(0);
    await expect(getAnomaly(db(), other, doseMismatchId)).rejects.toMatchObject({ code: "NOT_FOUND", key: "anomalyNotFound", message: `There is no anomaly ${doseMismatchId} that you can see.` });
    await expect(resolveAnomaly(db(), other, sup.id, doseMismatchId, { resolution: "ACCEPT_PORTAL" }, LATER)).rejects.toMatchObject({
      code: "NOT_FOUND",
      key: "anomalyNotFound",
    });
    const missing = 2_000_000_000;
    await expect(getAnomaly(db(), other, missing)).rejects.toMatchObject({ code: "NOT_FOUND", key: "anomalyNotFound", message: `There is no anomaly ${missing} that you can see.` });
    expect((await getAnomaly(db(), await scopeOf("sup.sultanganj"), doseMismatchId)).status).toBe("OPEN");
    expect((await dose2()).status).toBe("PENDING");
  });

  it("accepting the portal's version enters the register record, noting the dose difference, and records who and when", async () => {
    const sup = await loadUser("sup.sultanganj");
    const view = await resolveAnomaly(db(), scopeFor(sup), sup.id, doseMismatchId, { resolution: "ACCEPT_PORTAL", note: "checked the card" }, LATER);
    const record = await dose2();
    expect(record).toMatchObject({ status: "ENTERED", portalRef: "CWN-8800000003", enteredAt: new Date("2021-06-18T04:45:00Z") });
    const [change, ...more] = await db().statusChange.findMany({ where: { recordId: record.id, id: { gt: marks.statusChange } } });
    expect(more).toHaveLength(0);
    expect(change).toMatchObject({ fromStatus: "PENDING", toStatus: "ENTERED", changedById: sup.id, changedAt: LATER });
    expect(change!.note).toContain("dose: register 2, portal 1");
    expect(view).toMatchObject({
      status: "RESOLVED",
      resolution: "ACCEPT_PORTAL",
      resolvedBy: { id: sup.id, displayName: sup.displayName },
      resolvedAt: LATER,
      resolutionNote: expect.stringContaining("checked the card"),
    });
  });

  it("refuses to resolve twice", async () => {
    const dio = await loadUser("dio");
    await resolveAnomaly(db(), scopeFor(dio), dio.id, doseMismatchId, { resolution: "KEEP_REGISTER" }, LATER);
    await expect(resolveAnomaly(db(), scopeFor(dio), dio.id, doseMismatchId, { resolution: "ACCEPT_PORTAL" }, LATER)).rejects.toMatchObject({ name: "AppError", code: "CONFLICT" });
    expect((await dose2()).status).toBe("PENDING");
  });

  it("keeping the register or calling it a duplicate records the decision and changes no record", async () => {
    const dio = await loadUser("dio");
    const kept = await resolveAnomaly(db(), scopeFor(dio), dio.id, doseMismatchId, { resolution: "KEEP_REGISTER" }, LATER);
    expect(kept).toMatchObject({ resolution: "KEEP_REGISTER", resolvedBy: { id: dio.id }, resolvedAt: LATER, resolutionNote: expect.stringMatching(/portal entry needs correcting/) });
    const dup = await resolveAnomaly(db(), scopeFor(dio), dio.id, noRowId, { resolution: "DUPLICATE" }, LATER);
    expect(dup.resolution).toBe("DUPLICATE");
    expect(await db().statusChange.count({ where: { id: { gt: marks.statusChange } } })).toBe(0);
    await expect(resolveAnomaly(db(), scopeFor(dio), dio.id, noRowId, { resolution: "DUPLICATE" }, LATER)).rejects.toMatchObject({ name: "AppError", code: "CONFLICT" });
  });

  it("accepting the portal for a row the register lacks updates nothing and says so", async () => {
    const dio = await loadUser("dio");
    await expect(resolveAnomaly(db(), scopeFor(dio), dio.id, noRowId, { resolution: "ACCEPT_PORTAL", recordId: 1 }, LATER)).rejects.toMatchObject({ name: "AppError", code: "BAD_REQUEST" });
    const view = await resolveAnomaly(db(), scopeFor(dio), dio.id, noRowId, { resolution: "ACCEPT_PORTAL" }, LATER);
    expect(view.resolutionNote).toMatch(/register lacks this row/);
    expect(await db().statusChange.count({ where: { id: { gt: marks.statusChange } } })).toBe(0);
  });

  it("an ambiguous match needs the caller to choose one of its candidates", async () => {
    const dio = await loadUser("dio");
    const [a, b, outsider] = await db().vaccinationRecord.findMany({ where: { registerSerial: { in: ["PIR-MC1-000178", "PIR-MC1-000190", "PIR-MC1-000375"] } }, orderBy: { id: "asc" } });
    const parsed = parsePortalRow({ ...fixtureRows("good.csv")[0]!.cells, portal_ref: "CWN-8800000050" }, TEST_NOW, DEMO_LOOKUP);
    if (!parsed.ok) throw new Error(parsed.reason);
    const anomaly = await db().anomaly.create({
      data: {
        kind: "AMBIGUOUS_MATCH",
        districtId: a!.districtId,
        blockId: a!.blockId,
        candidateIds: [a!.id, b!.id],
        portalRef: "CWN-8800000050",
        portalRow: storedPortalRow(fixtureRows("good.csv")[0]!.cells, parsed.row, "2 register records fit equally well"),
      },
    });
    const resolve = (recordId?: number) => resolveAnomaly(db(), scopeFor(dio), dio.id, anomaly.id, { resolution: "ACCEPT_PORTAL", recordId }, LATER);
    await expect(resolve()).rejects.toMatchObject({ name: "AppError", code: "BAD_REQUEST" });
    await expect(resolve(outsider!.id)).rejects.toMatchObject({ name: "AppError", code: "BAD_REQUEST" });
    const view = await resolve(b!.id);
    expect(view).toMatchObject({ recordId: b!.id, status: "RESOLVED" });
    expect(await db().vaccinationRecord.findUniqueOrThrow({ where: { id: b!.id } })).toMatchObject({ status: "ENTERED", portalRef: "CWN-8800000050" });
    expect((await db().vaccinationRecord.findUniqueOrThrow({ where: { id: a!.id } })).status).toBe("PENDING");
  });
});
