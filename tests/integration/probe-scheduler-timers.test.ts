/**
 * The probe scheduler's repeating jobs (reload, rollup) hold one timer each however often they run: each run
 * replaces its job's timer instead of adding one, so a scheduler that runs for months holds no more handles than
 * one just started. The scheduler here probes no target (`onlyTargetIds: []`), so it writes nothing; its jobs
 * run every few milliseconds against the real database.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { startProbeScheduler, type ProbeScheduler } from "@/server/jobs/probes/scheduler";
import { testDb } from "@/tests/helpers/callers";

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (o: object, m: string) => console.error(m, o) };
let scheduler: ProbeScheduler | undefined;

afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

/** The test database, counting the target reloads (the reload job's one raw query per run). */
function countingDb(): { db: Db; reloads: () => number } {
  let reloads = 0;
  const db = new Proxy(testDb(), {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key !== "$queryRaw" || typeof value !== "function") return value;
      return (strings: TemplateStringsArray, ...values: unknown[]) => {
        if (strings.join("?").includes("FROM probe_targets")) reloads += 1;
        return (value as (...args: unknown[]) => unknown).call(target, strings, ...values);
      };
    },
  });
  return { db, reloads: () => reloads };
}

async function until(what: string, check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("the probe scheduler's job timers", () => {
  it("stay one per job while the jobs run hundreds of times, and none are held once stopped", async () => {
    const { db, reloads } = countingDb();
    scheduler = startProbeScheduler({ db, log: quiet, onlyTargetIds: [], reloadMs: 2, rollupEveryMs: 5, flushMs: 50 });
    const held: number[] = [];
    for (const runs of [1, 50, 100, 200, 300]) {
      await until(`${runs} reloads`, () => reloads() >= runs, 20_000);
      held.push(scheduler.stats().jobTimers);
    }
    console.log(`after ${reloads()} reloads: job timers held ${held.join(", ")}`);
    // Reload and rollup (a scoped scheduler never prunes): two, from the first run to the last.
    expect(held).toEqual([2, 2, 2, 2, 2]);
    expect(scheduler.stats().errors).toBe(0);
    await scheduler.stop();
    expect(scheduler.stats().jobTimers).toBe(0);
    // Stopped means stopped: no job runs again.
    const after = reloads();
    await new Promise((r) => setTimeout(r, 50));
    expect(reloads()).toBe(after);
  });
});
