/**
 * The probe scheduler and alerts against the local portal simulator and the real database. The scheduler runs
 * only on targets this file creates (`onlyTargetIds`, names "it-sched-…"), which are deleted at the end; the
 * alert settings are restored to what they were.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAlertSettings, setAlertSettings, type AlertSettings } from "@/server/services/alerts/alert-settings";
import { startPortalSimulator, type PortalSimulator } from "@/scripts/lib/portal-simulator";
import { startProbeScheduler, type ProbeScheduler } from "@/server/jobs/probes/scheduler";
import { createAlertEngine, type AlertEngine } from "@/server/jobs/probes/alerts";
import { rollUpProbeResults } from "@/server/jobs/probes/rollups";
import { testDb, demoStateId } from "@/tests/helpers/callers";

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (o: object, m: string) => console.error(m, o) };
const INTERVAL_S = 1;
const RETRIES = 1;

let flaky: PortalSimulator;
let hanging: PortalSimulator;
let healthy: PortalSimulator;
let receiver: http.Server;
let receiverUrl = "";
const posts: { type: string; incident: { startedAt: string; endedAt: string | null; durationSeconds: number; firstError: string | null } }[] = [];
let savedSettings: AlertSettings;
const ids = { flaky: 0, hanging: 0, healthy: 0 };
let scheduler: ProbeScheduler;
let alerts: AlertEngine;
const startedAt = Date.now();

async function createTarget(name: string, url: string, over: { timeoutMs?: number } = {}): Promise<number> {
  const t = await testDb().probeTarget.create({
    data: { stateId: await demoStateId(), name: `it-sched-${name}-${randomBytes(3).toString("hex")}`, url, expectedStatus: [200], intervalSeconds: INTERVAL_S, timeoutMs: over.timeoutMs ?? 700, slowMs: 500, retries: RETRIES },
  });
  return t.id;
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  [flaky, hanging, healthy] = await Promise.all([startPortalSimulator({ mode: "up" }), startPortalSimulator({ mode: "hang" }), startPortalSimulator({ mode: "up" })]);
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      posts.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  savedSettings = await getAlertSettings(testDb(), await demoStateId());
  await setAlertSettings(testDb(), await demoStateId(), { webhookUrl: receiverUrl, downAfterMinutes: 0 });
  ids.flaky = await createTarget("flaky", flaky.url);
  ids.hanging = await createTarget("hanging", hanging.url, { timeoutMs: 3000 });
  ids.healthy = await createTarget("healthy", healthy.url);
  alerts = createAlertEngine({ db: testDb(), log: quiet, webhookBackoffMs: [100, 200] });
  scheduler = startProbeScheduler({
    db: testDb(),
    log: quiet,
    onlyTargetIds: Object.values(ids),
    reloadMs: 500,
    flushMs: 250,
    onOutcome: (o) => alerts.onOutcome({ ...o, state: o.step.state, stateSince: o.step.memory.since, error: o.result.error, at: o.result.checkedAt }),
  });
});

afterAll(async () => {
  await scheduler?.stop();
  await alerts?.stop();
  await testDb().alert.deleteMany({ where: { targetId: { in: Object.values(ids) } } });
  await testDb().probeTarget.deleteMany({ where: { id: { in: Object.values(ids) } } });
  if (savedSettings) await setAlertSettings(testDb(), await demoStateId(), savedSettings);
  await Promise.all([flaky?.close(), hanging?.close(), healthy?.close()]);
  await new Promise<void>((r) => receiver?.close(() => r()));
});

const targetRow = (id: number) => testDb().probeTarget.findUniqueOrThrow({ where: { id } });

describe("probe scheduler against the simulator", () => {
  it("goes UP, opens a DOWN incident within interval × (retries + 1) + margin, and closes it with its duration", async () => {
    await until("flaky UP", async () => (await targetRow(ids.flaky)).state === "UP", 5000);

    flaky.setMode("down");
    const downAt = Date.now();
    const down = await until("DOWN with an outage start", async () => {
      const t = await targetRow(ids.flaky);
      return t.state === "DOWN" && t.outageStartedAt ? t : null;
    }, 8000);
    const elapsed = Date.now() - downAt;
    // Up to one interval until the next check, retries + 1 failing checks, the flush delay and polling.
    expect(elapsed).toBeLessThan(INTERVAL_S * 1000 * (RETRIES + 1) + 1000 + 1000);
    const open = await testDb().probeSegment.findFirstOrThrow({ where: { targetId: ids.flaky, endedAt: null } });
    expect(open).toMatchObject({ state: "DOWN", firstError: "HTTP 503 (expected 200)" });
    expect(open.startedAt).toEqual(down.outageStartedAt);

    await new Promise((r) => setTimeout(r, 1500));
    flaky.setMode("up");
    const up = await until("UP again", async () => {
      const t = await targetRow(ids.flaky);
      return t.state === "UP" ? t : null;
    }, 5000);
    expect(up.outageStartedAt).toBeNull();
    const closed = await testDb().probeSegment.findFirstOrThrow({ where: { targetId: ids.flaky, state: "DOWN" } });
    expect(closed.endedAt).not.toBeNull();
    const durationS = (closed.endedAt!.getTime() - closed.startedAt.getTime()) / 1000;
    expect(durationS).toBeGreaterThanOrEqual(1.5);
    expect(durationS).toBeLessThan(6);

    // Alerts: exactly one DOWN and one RECOVERED for the incident, and the webhook got exactly those two.
    await until("webhook deliveries", async () => posts.length >= 2, 5000);
    await alerts.idle();
    const rows = await testDb().alert.findMany({ where: { targetId: ids.flaky }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.kind)).toEqual(["PROBE_DOWN", "PROBE_RECOVERED"]);
    expect(rows.map((r) => r.dedupeKey)).toEqual([`probe:${ids.flaky}:${closed.startedAt.toISOString()}:down`, `probe:${ids.flaky}:${closed.startedAt.toISOString()}:recovered`]);
    expect(rows.every((r) => r.webhookStatus === "SENT" && r.webhookAttempts === 1 && r.webhookSentAt !== null)).toBe(true);
    expect(rows[0]!.message).toMatch(/^it-sched-flaky-\w+ has been DOWN for \d+ s \(since .+ IST\): HTTP 503 \(expected 200\)$/);
    expect(rows[1]!.message).toMatch(/has recovered after \d+ s of outage/);
    const mine = posts.filter((p) => p.incident.startedAt === closed.startedAt.toISOString());
    expect(mine.map((p) => p.type)).toEqual(["probe.down", "probe.recovered"]);
    expect(posts).toHaveLength(2);
    expect(mine[1]!.incident).toMatchObject({ endedAt: closed.endedAt!.toISOString(), firstError: "HTTP 503 (expected 200)" });
    expect(mine[1]!.incident.durationSeconds).toBe(Math.floor(durationS));
  });

  it("a hanging target never delays a healthy one", async () => {
    // Each check of the hanging target takes its full 3 s timeout; two of them make it DOWN.
    const hang = await until("the hanging target DOWN", async () => {
      const t = await targetRow(ids.hanging);
      return t.state === "DOWN" ? t : null;
    }, 12_000);
    await scheduler.flush();
    expect(hang.lastError).toBe("timed out after 3000 ms");
    // The healthy target was checked every second all along: no gap longer than 1.3 s.
    const results = await testDb().probeResult.findMany({ where: { targetId: ids.healthy }, orderBy: { checkedAt: "asc" }, select: { checkedAt: true, state: true } });
    const gaps = results.slice(1).map((r, i) => r.checkedAt.getTime() - results[i]!.checkedAt.getTime());
    expect(Math.max(...gaps)).toBeLessThan(1300);
    expect(results.every((r) => r.state === "UP")).toBe(true);
    const expected = (Date.now() - startedAt) / 1000;
    expect(results.length).toBeGreaterThanOrEqual(Math.floor(expected * 0.75));
    const stats = scheduler.stats();
    expect(stats.lateness.p95).toBeLessThan(100);
    expect(stats.checksSkipped).toBeGreaterThan(0); // the 3 s timeout outlasts the 1 s interval
    expect(stats.errors).toBe(0);
  });

  it("the rolled-up minute and hour buckets match the raw rows", async () => {
    await scheduler.flush();
    const targetIds = Object.values(ids);
    await rollUpProbeResults(testDb(), { from: new Date(startedAt - 60_000), to: new Date(), targetIds });
    for (const grain of ["MINUTE", "HOUR"] as const) {
      const unit = grain === "MINUTE" ? 60_000 : 3_600_000;
      const raw = await testDb().probeResult.findMany({ where: { targetId: { in: targetIds } } });
      const byKey = new Map<string, number>();
      for (const r of raw) {
        const b = Math.floor((r.checkedAt.getTime() + 19_800_000) / unit) * unit - 19_800_000;
        const key = `${r.targetId}@${new Date(b).toISOString()}`;
        byKey.set(key, (byKey.get(key) ?? 0) + 1);
      }
      const rollups = await testDb().probeRollup.findMany({ where: { targetId: { in: targetIds }, grain } });
      expect(new Map(rollups.map((r) => [`${r.targetId}@${r.bucketStart.toISOString()}`, r.checks]))).toEqual(byKey);
    }
  });
});
