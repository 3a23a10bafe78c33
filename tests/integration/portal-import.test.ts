import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { reconcilePortalRows } from "@/server/services/imports/portal-import";
import { PortalImportForbiddenError, type TableRow } from "@/server/services/imports/portal-types";
import { blockIdOf, loadUser, testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";
import { actorOf, fixtureRows, markDb, newPortalImport, streamOf, undoSince, type DbMarks } from "@/tests/integration/portal-test-db";

const db = () => testDb();
let marks: DbMarks;

beforeAll(async () => {
  marks = await markDb(db(), ["Pirpainti", "Sultanganj"]);
});
afterEach(() => undoSince(db(), marks));
afterAll(() => undoSince(db(), marks));

async function reconcile(username: string, rows: TableRow[] | AsyncIterable<TableRow>, onProgress?: (n: number) => void) {
  const user = await loadUser(username);
  const importId = await newPortalImport(db(), user);
  const stream = Array.isArray(rows) ? streamOf(rows) : rows;
  const result = await reconcilePortalRows(db(), actorOf(user), stream, { importId, now: TEST_NOW, onProgress });
  return { importId, result, user };
}

const record = (registerSerial: string) => db().vaccinationRecord.findFirstOrThrow({ where: { registerSerial } });
const pendingIn = async (block: string) => db().vaccinationRecord.count({ where: { blockId: await blockIdOf(block), status: "PENDING" } });

describe("portal reconciliation", () => {
  it("sets exactly matching pending records ENTERED with the portal's ref and time, with history", async () => {
    const pendingBefore = await pendingIn("Pirpainti");
    const progress: number[] = [];
    const { importId, result, user } = await reconcile("dio", fixtureRows("good.csv"), (n) => progress.push(n));
    expect(result).toEqual({ rows: 3, matched: 2, alreadyApplied: 1, anomalies: 0, rejected: 0, errors: [] });
    expect(progress).toEqual([3]);

    const bhola = await record("PIR-MC1-000178");
    expect(bhola).toMatchObject({ status: "ENTERED", portalRef: "CWN-8800000001", enteredAt: new Date("2021-06-22T11:10:00Z") });
    const history = await db().statusChange.findMany({ where: { recordId: bhola.id, id: { gt: marks.statusChange } } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ fromStatus: "PENDING", toStatus: "ENTERED", changedById: user.id, changedAt: TEST_NOW });
    expect(history[0]!.note).toContain(`import #${importId}`);
    expect((await record("PIR-MC1-000190")).portalRef).toBe("CWN-8800000002");
    expect(await pendingIn("Pirpainti")).toBe(pendingBefore - 2);

    const batch = await db().importBatch.findUniqueOrThrow({ where: { id: importId } });
    expect(batch).toMatchObject({ status: "COMPLETED", rowsRead: 3, matched: 2, anomalies: 0, rejected: 0, finishedAt: TEST_NOW });
  });

  it("changes nothing when the same export is reconciled again", async () => {
    await reconcile("dio", [...fixtureRows("good.csv"), ...fixtureRows("dose-mismatch.csv"), ...fixtureRows("unknown-person.csv")]);
    const counts = async () => [await db().statusChange.count(), await db().anomaly.count(), await pendingIn("Pirpainti")];
    const before = await counts();
    const again = await reconcile("dio", [...fixtureRows("good.csv"), ...fixtureRows("dose-mismatch.csv"), ...fixtureRows("unknown-person.csv")]);
    expect(again.result).toEqual({ rows: 5, matched: 0, alreadyApplied: 5, anomalies: 0, rejected: 0, errors: [] });
    expect(await counts()).toEqual(before);
  });

  it("sends the report's case to the queue: dose 2 pending in the register, the portal shows dose 1", async () => {
    const dose2 = await db().vaccinationRecord.findFirstOrThrow({ where: { beneficiaryName: "Ramesh Prasad Mandal", dose: 2 } });
    expect(dose2.status).toBe("PENDING");
    const { importId, result } = await reconcile("dio", fixtureRows("dose-mismatch.csv"));
    expect(result).toMatchObject({ rows: 1, matched: 0, anomalies: 1 });

    const anomalies = await db().anomaly.findMany({ where: { portalRef: "CWN-8800000003" } });
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({
      kind: "DOSE_MISMATCH",
      status: "OPEN",
      blockId: await blockIdOf("Sultanganj"),
      recordId: dose2.id,
      candidateIds: [dose2.id],
      importId,
      createdAt: TEST_NOW,
    });
    expect(anomalies[0]!.portalRow).toMatchObject({ cells: { portal_ref: "CWN-8800000003", block: "Sultangunj" }, normalised: { dose: 1, block: "Sultanganj" } });
    expect((await record(dose2.registerSerial)).status).toBe("PENDING");
    expect(await db().statusChange.count({ where: { id: { gt: marks.statusChange } } })).toBe(0);
  });

  it("sends a person the register does not have to the queue as NO_REGISTER_ROW", async () => {
    const { result } = await reconcile("dio", fixtureRows("unknown-person.csv"));
    expect(result).toMatchObject({ rows: 1, anomalies: 1 });
    const anomaly = await db().anomaly.findFirstOrThrow({ where: { portalRef: "CWN-8800000004" } });
    expect(anomaly).toMatchObject({ kind: "NO_REGISTER_ROW", recordId: null, candidateIds: [], blockId: await blockIdOf("Pirpainti") });
  });

  it("rejects unreadable rows with row, column and reason, keeping the cells as read", async () => {
    const { importId, result } = await reconcile("dio", fixtureRows("bad-rows.csv"));
    expect(result.rejected).toBe(6);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "portal_ref"],
      [3, "dose"],
      [4, "vaccinated_at"],
      [5, "block"],
      [6, "entered_at"],
      [7, "gender"],
    ]);
    expect(result.errors.every((e) => e.reason.length > 0)).toBe(true);
    const stored = await db().importRejection.findMany({ where: { importId }, orderBy: { rowNumber: "asc" } });
    expect(stored.map((s) => [s.rowNumber, s.column, s.reason])).toEqual(result.errors.map((e) => [e.row, e.column, e.reason]));
    expect(stored[1]!.raw).toMatchObject({ portal_ref: "CWN-8800000011", dose: "3" });
  });

  it("lets a data operator reconcile only their own block's rows", async () => {
    const rows = [...fixtureRows("good.csv"), ...fixtureRows("dose-mismatch.csv")].map((r, i) => ({ ...r, rowNumber: i + 2 }));
    const { result } = await reconcile("op.pirpainti", rows);
    expect(result).toMatchObject({ rows: 4, matched: 2, anomalies: 0, rejected: 2 });
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [4, "block"],
      [5, "block"],
    ]);
    expect(result.errors[0]!.reason).toMatch(/Sultanganj.*own block/);
    expect(await db().anomaly.count({ where: { id: { gt: marks.anomaly } } })).toBe(0);
  });

  it("refuses a block supervisor before reading a single row", async () => {
    let read = false;
    async function* rows() {
      read = true;
      yield* fixtureRows("good.csv");
    }
    const user = await loadUser("sup.pirpainti");
    const importId = await newPortalImport(db(), user);
    await expect(reconcilePortalRows(db(), actorOf(user), rows(), { importId, now: TEST_NOW })).rejects.toBeInstanceOf(
      PortalImportForbiddenError,
    );
    expect(read).toBe(false);
  });

  it("writes nothing when the file fails part-way, even after a first batch was reconciled", async () => {
    const good = fixtureRows("good.csv");
    const filler = Array.from({ length: 1_200 }, (_, i) => ({ rowNumber: 10 + i, cells: { ...fixtureRows("bad-rows.csv")[1]!.cells } }));
    async function* rows() {
      yield* good;
      yield* filler;
      throw new Error("upload interrupted");
    }
    const user = await loadUser("dio");
    const importId = await newPortalImport(db(), user);
    const progress: number[] = [];
    await expect(reconcilePortalRows(db(), actorOf(user), rows(), { importId, now: TEST_NOW, onProgress: (n) => progress.push(n) })).rejects.toThrow(
      "upload interrupted",
    );
    expect(progress).toEqual([1_000]);
    expect((await record("PIR-MC1-000178")).status).toBe("PENDING");
    expect(await db().importRejection.count({ where: { importId } })).toBe(0);
    expect(await db().statusChange.count({ where: { id: { gt: marks.statusChange } } })).toBe(0);
  });

  it("takes a second portal entry for a record the file already matched as a duplicate", async () => {
    const [bhola] = fixtureRows("good.csv");
    const twice = [bhola!, { rowNumber: 3, cells: { ...bhola!.cells, portal_ref: "CWN-8800000099" } }];
    const { result } = await reconcile("dio", twice);
    expect(result).toMatchObject({ matched: 1, anomalies: 1 });
    const anomaly = await db().anomaly.findFirstOrThrow({ where: { portalRef: "CWN-8800000099" } });
    const entered = await record("PIR-MC1-000178");
    expect(entered.portalRef).toBe("CWN-8800000001");
    expect(anomaly).toMatchObject({ kind: "NO_REGISTER_ROW", recordId: entered.id });
  });
});
