/**
 * Honest import states (security review, issue 10): a running import beats; a RUNNING batch whose server
 * died is marked FAILED — at start-up, and whenever imports are listed or polled — but only once its
 * heartbeat is stale, so a live import (of this instance or another) is never touched.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Db } from "@/server/db/client";
import { importRegister, type ImportActor } from "@/server/services/imports/register-import";
import { beginImport, claimImport, failStaleImports, SERVER_STOPPED, STALE_AFTER_MS, UPLOAD_NEVER_ARRIVED } from "@/server/services/imports/import-batches";
import { prepareDatabase } from "@/scripts/lib/database";
import { callerFor, importActorOf, importPlaceOf, loadUser, testDb } from "@/tests/helpers/callers";
import { TEST_ID_HASH_KEY, TEST_NOW } from "@/tests/helpers/test-clock";

const ROOT = path.resolve(import.meta.dirname, "../..");
let db: Db;
let dioId = 0;
let dio: ImportActor;
const before = { batch: 0, camp: 0 };

beforeAll(async () => {
  db = testDb();
  dioId = (await loadUser("dio")).id;
  dio = await importActorOf("dio");
  before.batch = (await db.importBatch.aggregate({ _max: { id: true } }))._max.id ?? 0;
  before.camp = (await db.camp.aggregate({ _max: { id: true } }))._max.id ?? 0;
});

afterAll(async () => {
  await db.$executeRawUnsafe(`DELETE FROM vaccination_records WHERE import_id > $1`, before.batch);
  await db.$executeRawUnsafe(`DELETE FROM camps WHERE id > $1`, before.camp);
  await db.$executeRawUnsafe(`DELETE FROM sites WHERE created_by_import_id > $1`, before.batch);
  await db.$executeRawUnsafe(`DELETE FROM import_batches WHERE id > $1`, before.batch);
});

const ago = (ms: number) => new Date(Date.now() - ms);
const running = (fileName: string, data: { heartbeatAt?: Date | null; startedAt?: Date }) =>
  db.importBatch.create({ data: { kind: "REGISTER", fileName, uploadedById: dioId, districtId: dio.districtId!, status: "RUNNING", ...data } });
const statusOf = (id: number) => db.importBatch.findUniqueOrThrow({ where: { id }, select: { status: true, error: true, finishedAt: true } });

describe("stale batches are marked FAILED when imports are listed or polled", () => {
  it("fails a RUNNING batch whose heartbeat is over a minute old, and leaves a fresh one RUNNING", async () => {
    const dead = await running("dead.csv", { heartbeatAt: ago(5 * 60_000), startedAt: ago(6 * 60_000) });
    const live = await running("live.csv", { heartbeatAt: ago(5_000), startedAt: ago(30 * 60_000) });
    const neverUploaded = await running("never.csv", { heartbeatAt: null, startedAt: ago(5 * 60_000) });
    const justOpened = await running("opened.csv", { heartbeatAt: null, startedAt: ago(1_000) });
    const list = await (await callerFor("dio")).imports.list();
    const row = (id: number) => list.find((b) => b.id === id);
    expect(row(dead.id)).toMatchObject({ status: "FAILED", error: SERVER_STOPPED, errorKey: "serverStopped", finishedAt: expect.any(Date) });
    expect(row(neverUploaded.id)).toMatchObject({ status: "FAILED", error: UPLOAD_NEVER_ARRIVED, errorKey: "uploadNeverArrived" });
    expect(row(live.id)).toMatchObject({ status: "RUNNING", error: null, errorKey: null });
    expect(row(justOpened.id)).toMatchObject({ status: "RUNNING", errorKey: null });
  });

  it("does the same when one import is polled for progress", async () => {
    const dead = await running("dead-polled.csv", { heartbeatAt: ago(STALE_AFTER_MS + 5_000) });
    const polled = await (await callerFor("dio")).imports.get({ id: dead.id });
    expect(polled).toMatchObject({ status: "FAILED", error: SERVER_STOPPED, errorKey: "serverStopped" });
  });

  it("marks nothing else: finished batches keep their own outcome", async () => {
    const done = await db.importBatch.create({
      data: { kind: "PORTAL", fileName: "done.csv", uploadedById: dioId, districtId: dio.districtId!, status: "COMPLETED", heartbeatAt: ago(3_600_000), finishedAt: ago(3_500_000) },
    });
    await failStaleImports(db, new Date());
    expect(await statusOf(done.id)).toMatchObject({ status: "COMPLETED", error: null });
  });
});

describe("a running import beats", () => {
  it("while a slow upload sends no rows, and with its progress", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode("register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine\n");
      await gate;
      yield new TextEncoder().encode("BEAT-1,Kahalgaon,FX Beat Site,2021-06-16 10:42,Beat Person,1980,M,Voter ID,BEAT000001,1,Covaxin\n");
    }
    // The page opens the batch before the upload starts (an API upload's batch appears with its first row).
    const opened = await beginImport(db, dioId, importPlaceOf(dio), "REGISTER", "slow.csv");
    await claimImport(db, dioId, opened.id, "REGISTER");
    const run = importRegister(db, dio, { bytes: slow(), fileName: "slow.csv" }, {
      now: TEST_NOW,
      idHashKey: TEST_ID_HASH_KEY,
      heartbeatEveryMs: 150,
      importId: opened.id,
    });
    const batch = async () => db.importBatch.findFirstOrThrow({ where: { fileName: "slow.csv", id: { gt: before.batch } }, orderBy: { id: "desc" } });
    await expect.poll(async () => (await batch()).heartbeatAt, { timeout: 5_000 }).not.toBeNull();
    const beats = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const b = await batch();
      expect(b).toMatchObject({ status: "RUNNING", rowsRead: 0 });
      beats.add(b.heartbeatAt!.getTime());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Several distinct beats while not one row came in.
    expect(beats.size).toBeGreaterThanOrEqual(3);
    release();
    expect(await run).toMatchObject({ rows: 1, created: 1 });
    const finished = await batch();
    expect(finished.status).toBe("COMPLETED");
    // Stopped with the import: no beat after it finished.
    const last = finished.heartbeatAt!.getTime();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await batch()).heartbeatAt!.getTime()).toBe(last);
  });
});

describe("a server killed mid-import", () => {
  it(
    "leaves no rows; the start-up sweep leaves its batch alone while the heartbeat is fresh and fails it once stale",
    async () => {
      // One process (node with tsx's loader), not the tsx CLI, which would run the script in a child of its own.
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "tests/integration/import-crash-child.ts"), String(dioId), TEST_ID_HASH_KEY], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
      try {
        const id = await new Promise<number>((resolve, reject) => {
          createInterface({ input: child.stdout! }).on("line", (line) => {
            const m = /^IMPORT (\d+)$/.exec(line);
            if (m) resolve(Number(m[1]));
          });
          child.on("exit", () => reject(new Error("the import process ended before it started an import")));
        });
        // Mid-import: 6,000 rows read (so the first 5,000 were written inside its transaction), then stalled.
        await expect.poll(async () => (await db.importBatch.findUniqueOrThrow({ where: { id } })).rowsRead, { timeout: 30_000, interval: 200 }).toBe(6_000);
        await new Promise((resolve) => setTimeout(resolve, 500));
        child.kill("SIGKILL");
        expect(await exited).toBe("SIGKILL");

        // What the review saw: the rows are gone (rolled back with the connection), the batch says RUNNING.
        await expect.poll(() => db.site.count({ where: { name: "FX Crash Site" } }), { timeout: 10_000 }).toBe(0);
        expect(await db.vaccinationRecord.count({ where: { registerSerial: { startsWith: "CRASH-" } } })).toBe(0);
        expect((await statusOf(id)).status).toBe("RUNNING");

        const config = { port: 0, databaseUrl: inject("databaseUrl"), dataDir: "/nonexistent", pgPort: 0, demoData: false, nextAuthUrl: "http://localhost", nextAuthSecret: "x".repeat(32), idHashKey: TEST_ID_HASH_KEY };
        const log: string[] = [];
        // Restarted at once: the heartbeat is seconds old, which is also what another instance's live import looks like.
        await (await prepareDatabase(config, (m) => log.push(m))).stop();
        expect((await statusOf(id)).status).toBe("RUNNING");
        // A minute on, the heartbeat is stale.
        await db.$executeRawUnsafe(`UPDATE import_batches SET heartbeat_at = heartbeat_at - interval '2 minutes' WHERE id = $1`, id);
        await (await prepareDatabase(config, (m) => log.push(m))).stop();
        expect(await statusOf(id)).toMatchObject({ status: "FAILED", error: SERVER_STOPPED, finishedAt: expect.any(Date) });
        expect(log).toContain("Marked 1 interrupted import(s) as failed");

        // Its lock went with it: the next import runs.
        const next = await importRegister(db, dio, {
          bytes: (async function* () {
            yield new TextEncoder().encode("register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine\nCRASH-1,Kahalgaon,FX Crash Site,2021-06-16 10:42,Crash Person 1,1980,M,Voter ID,CRS0000001,1,Covaxin\n");
          })(),
          fileName: "after-crash.csv",
        }, { now: TEST_NOW, idHashKey: TEST_ID_HASH_KEY });
        expect(next).toMatchObject({ rows: 1, created: 1 });
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    },
    90_000,
  );
});
