/**
 * Two probe workers on one database (two `npm run worker` processes): one stream of results, and a take-over
 * within seconds when the leader dies. Both workers only probe a target this file creates, under an
 * advisory-lock key of their own, so nothing else in the shared test database is touched.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startPortalSimulator, type PortalSimulator } from "@/scripts/lib/portal-simulator";
import { testDb, demoStateId } from "@/tests/helpers/callers";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

type Worker = { child: ChildProcess; name: string; leader: boolean; exited: Promise<number | null> };

let sim: PortalSimulator;
let targetId = 0;
const workers: Worker[] = [];
const leaseKey = String(randomInt(1, 2 ** 47));

function startWorker(name: string): Worker {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: inject("databaseUrl"), TEEKA_PROBE_LEASE_KEY: leaseKey, TEEKA_PROBE_TARGET_IDS: String(targetId), TEEKA_PROBE_LEASE_RETRY_MS: "1000", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const w: Worker = { child, name, leader: false, exited: new Promise((r) => child.on("exit", (code) => r(code))) };
  let buf = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buf += chunk.toString();
    const lines = buf.split("\n");
    buf = lines.pop() ?? "";
    for (const line of lines) if (line.includes("probe lease acquired")) w.leader = true;
  });
  child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
  workers.push(w);
  return w;
}

const resultCount = () => testDb().probeResult.count({ where: { targetId } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sim = await startPortalSimulator({ mode: "up" });
  const t = await testDb().probeTarget.create({
    data: { stateId: await demoStateId(), name: `it-lease-${randomBytes(3).toString("hex")}`, url: sim.url, expectedStatus: [200], intervalSeconds: 1, timeoutMs: 800, slowMs: 500, retries: 0 },
  });
  targetId = t.id;
});

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  await Promise.all(workers.map((w) => w.exited));
  if (targetId) await testDb().probeTarget.delete({ where: { id: targetId } });
  await sim?.close();
});

describe("two probe workers on one database", () => {
  it("produce one stream of results, and the survivor takes over when the leader dies", { timeout: 60_000 }, async () => {
    const a = startWorker("a");
    const b = startWorker("b");
    const deadline = Date.now() + 20_000;
    while (!(a.leader || b.leader) || (await resultCount()) < 2) {
      if (Date.now() > deadline) throw new Error("no worker started probing");
      await sleep(200);
    }
    await sleep(1500);
    expect([a.leader, b.leader].filter(Boolean)).toHaveLength(1);

    // 6 s at a 1 s interval: about 6 checks, not 12.
    const before = await resultCount();
    await sleep(6000);
    const during = (await resultCount()) - before;
    expect(during).toBeGreaterThanOrEqual(5);
    expect(during).toBeLessThanOrEqual(7);
    const leader = a.leader ? a : b;
    const standby = a.leader ? b : a;
    expect(standby.leader).toBe(false);

    // The leader dies without a word (SIGKILL): PostgreSQL ends its session and frees the lock.
    leader.child.kill("SIGKILL");
    const killedAt = Date.now();
    await leader.exited;
    const atKill = await resultCount();
    while (!standby.leader) {
      if (Date.now() - killedAt > 10_000) throw new Error("the standby did not take over within 10 s");
      await sleep(100);
    }
    const tookOverMs = Date.now() - killedAt;
    expect(tookOverMs).toBeLessThan(5000);
    await sleep(3000);
    expect((await resultCount()) - atKill).toBeGreaterThanOrEqual(2);

    // No slot was checked twice: consecutive results are about a second apart throughout.
    const rows = await testDb().probeResult.findMany({ where: { targetId }, orderBy: { checkedAt: "asc" }, select: { checkedAt: true } });
    const gaps = rows.slice(1).map((r, i) => r.checkedAt.getTime() - rows[i]!.checkedAt.getTime());
    expect(Math.min(...gaps)).toBeGreaterThan(500);

    // A clean stop releases the lease and exits 0.
    standby.child.kill("SIGTERM");
    expect(await standby.exited).toBe(0);
  });
});
