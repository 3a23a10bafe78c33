/**
 * Every writer of a status change says how it was made (status_changes.source), and the migration that added the
 * column filled it in for the rows made before it, from their notes. Here each writer makes its changes; then the
 * migration's fill, rerun over every row in the database (the demo's included), must give back exactly the source
 * each writer set — so the fill read the notes the way the writers write them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopeFor } from "@/server/auth/scope";
import type { ChangeSource } from "@/server/generated/prisma/enums";
import { resolveAnomaly } from "@/server/services/imports/anomalies";
import { reconcilePortalRows } from "@/server/services/imports/portal-import";
import { importRegister } from "@/server/services/imports/register-import";
import { applyStatusItems } from "@/server/services/records/record-status-items";
import { callerFor, loadUser, testDb } from "@/tests/helpers/callers";
import { TEST_ID_HASH_KEY, TEST_NOW } from "@/tests/helpers/test-clock";
import { actorOf, fixtureRows, markDb, newPortalImport, streamOf, undoSince, type DbMarks } from "@/tests/integration/portal-test-db";

const MIGRATION = path.resolve(import.meta.dirname, "../../prisma/migrations/20261203010000_status_change_source/migration.sql");
const REGISTER = `register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine
SOURCE-1,Pirpainti,FX Source Site,2021-06-22 10:42,Sunita Kumari,1979,F,PAN,ABCPS1234Q,1,Covishield
`;
const db = () => testDb();
let marks: DbMarks;
let lastCampBefore = 0;

beforeAll(async () => {
  marks = await markDb(db(), ["Pirpainti", "Sultanganj"]);
  lastCampBefore = (await db().camp.aggregate({ _max: { id: true } }))._max.id ?? 0;
});

afterAll(async () => {
  // The register import's own records first (their history goes with them), then everything else this file wrote.
  await db().$executeRawUnsafe(`DELETE FROM vaccination_records WHERE import_id > $1`, marks.importBatch);
  await db().$executeRawUnsafe(`DELETE FROM camps WHERE id > $1`, lastCampBefore);
  await db().$executeRawUnsafe(`DELETE FROM sites WHERE created_by_import_id > $1`, marks.importBatch);
  await undoSince(db(), marks);
});

async function* text(content: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(content);
}

/** The changes written since the file began, as (source, note) of each. */
async function written() {
  return db().statusChange.findMany({ where: { id: { gt: marks.statusChange } }, select: { id: true, source: true, note: true, changedById: true }, orderBy: { id: "asc" } });
}

/** The fill statement of the migration, as committed (the one UPDATE in it). */
function migrationFill(): string {
  const sql = readFileSync(MIGRATION, "utf8").replace(/--.*$/gm, "");
  const fill = sql.split(";").map((s) => s.trim()).filter((s) => /^UPDATE "status_changes"/.test(s));
  expect(fill).toHaveLength(1);
  return fill[0]!;
}

class Rollback extends Error {}

describe("status_changes.source", () => {
  it("is set by every writer, and the migration's fill, rerun over every row, gives each back", async () => {
    const dio = await loadUser("dio");
    const op = await loadUser("op.pirpainti");

    // A portal export: its matches (Pirpainti) are the portal's entries; its dose mismatch (Sultanganj) is queued.
    const importId = await newPortalImport(db(), dio);
    await reconcilePortalRows(db(), actorOf(dio), streamOf([...fixtureRows("good.csv"), ...fixtureRows("dose-mismatch.csv")]), { importId, now: TEST_NOW });
    const anomaly = await db().anomaly.findFirstOrThrow({ where: { importId, kind: "DOSE_MISMATCH" } });
    await resolveAnomaly(db(), scopeFor(dio), dio.id, anomaly.id, { resolution: "ACCEPT_PORTAL" }, TEST_NOW);

    // Marks in the app and through the API, on records the portal export left pending; one of them undone.
    const [a, b, c] = await db().vaccinationRecord.findMany({ where: { block: { name: "Pirpainti" }, status: "PENDING" }, orderBy: { id: "asc" }, take: 3, select: { id: true } });
    const app = await callerFor("op.pirpainti");
    await app.records.markEntered({ items: [{ id: a!.id, portalRef: "CWN-7712000001" }] });
    await app.records.markRejected({ ids: [b!.id], reason: "Duplicate entry already on portal" });
    const rejection = await db().statusChange.findFirstOrThrow({ where: { recordId: b!.id, toStatus: "REJECTED" }, orderBy: { id: "desc" } });
    await (await callerFor("dio")).records.undoChange({ changeId: rejection.id });
    const answers = await applyStatusItems(db(), scopeFor(op), op.id, [{ id: c!.id, status: "ENTERED", portalRef: "CWN-7712000002" }], TEST_NOW);
    expect(answers).toMatchObject([{ result: "changed" }]);

    // An offline register: the record it creates, PENDING.
    const register = await importRegister(db(), actorOf(op), { bytes: text(REGISTER), fileName: "source.csv" }, { now: TEST_NOW, idHashKey: TEST_ID_HASH_KEY });
    expect(register).toMatchObject({ created: 1 });

    const rows = await written();
    const bySource = (source: ChangeSource) => rows.filter((r) => r.source === source);
    const matched = (await db().importBatch.findUniqueOrThrow({ where: { id: importId } })).matched;
    expect(matched).toBeGreaterThan(0);
    expect(bySource("PORTAL_IMPORT")).toHaveLength(matched);
    expect(bySource("PORTAL_IMPORT").every((r) => r.note!.startsWith(`portal export, import #${importId} `) && r.changedById === dio.id)).toBe(true);
    expect(bySource("ANOMALY_RESOLUTION")).toMatchObject([{ changedById: dio.id, note: expect.stringMatching(new RegExp(`^anomaly #${anomaly.id} \\(DOSE_MISMATCH\\) resolved: portal version accepted`)) }]);
    expect(bySource("APP").map((r) => r.note)).toEqual(["marked entered", "marked rejected"]);
    expect(bySource("UNDO")).toMatchObject([{ changedById: dio.id, note: `undo of change #${rejection.id}` }]);
    expect(bySource("API")).toMatchObject([{ changedById: op.id, note: "API" }]);
    expect(bySource("REGISTER_IMPORT")).toMatchObject([{ changedById: op.id, note: null }]);
    expect(bySource("SEED")).toEqual([]);
    expect(rows).toHaveLength(matched + 6);
    // The demo's history was all written by the seed.
    expect(await db().statusChange.count({ where: { id: { lte: marks.statusChange }, source: { not: "SEED" } } })).toBe(0);

    // The migration's fill over every row, inside a transaction that is rolled back.
    const fill = migrationFill();
    const outcome: Promise<unknown> = db().$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`CREATE TEMP TABLE written_source ON COMMIT DROP AS SELECT id, source FROM status_changes`);
        await tx.$executeRawUnsafe(`ALTER TABLE status_changes ALTER COLUMN source DROP NOT NULL`);
        await tx.$executeRawUnsafe(`UPDATE status_changes SET source = NULL`);
        const filled = await tx.$executeRawUnsafe(fill);
        const total = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM status_changes`);
        expect(filled).toBe(Number(total[0]!.n));
        const differ = await tx.$queryRawUnsafe<{ id: number; written: string; filled: string | null }[]>(
          `SELECT s.id, w.source::text AS written, s.source::text AS filled FROM status_changes s JOIN written_source w USING (id)
           WHERE s.source IS DISTINCT FROM w.source ORDER BY s.id LIMIT 10`,
        );
        expect(differ).toEqual([]);
        const sources = await tx.$queryRawUnsafe<{ source: string }[]>(`SELECT DISTINCT source::text AS source FROM status_changes ORDER BY 1`);
        expect(sources.map((s) => s.source)).toEqual(["ANOMALY_RESOLUTION", "API", "APP", "PORTAL_IMPORT", "REGISTER_IMPORT", "SEED", "UNDO"]);
        throw new Rollback();
      },
      { timeout: 120_000 },
    );
    // Anything but the planned rollback (a failed expectation inside) is reported as itself.
    await outcome.catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
    // Rolled back: the column is required again.
    await expect(db().$executeRawUnsafe(`UPDATE status_changes SET source = NULL WHERE id = $1`, rows[0]!.id)).rejects.toThrow(/null value/);
  });

  it("is required: a change without it is refused by the database", async () => {
    const record = await db().vaccinationRecord.findFirstOrThrow({ where: { block: { name: "Pirpainti" } }, select: { id: true } });
    const insert = db().$executeRawUnsafe(
      `INSERT INTO status_changes (record_id, from_status, to_status, changed_at) VALUES ($1, 'PENDING', 'ENTERED', $2::timestamp(3))`,
      record.id,
      TEST_NOW.toISOString(),
    );
    await expect(insert).rejects.toThrow(/null value in column "source"/);
  });
});
