/**
 * Live-update latency (issue 5): over 200 status changes, the time from sending "mark this record ENTERED"
 * to the API until the `record.status` event arrives at a client subscribed to GET /api/v1/events — first with
 * the client on the same instance, then on a second instance that shares only the database (the event crosses
 * over PostgreSQL LISTEN/NOTIFY). Starts its own PostgreSQL, loads the demo data, runs two instance processes.
 * BENCH_CHANGES (default 200). Goal: p95 ≤ 1 s (peers poll every 30–60 s).
 *
 * Then (issue 13) BENCH_STREAMS (default 2,000) streams open on one fresh instance, spread over seven accounts
 * (state, two districts, three blocks, an operator): the instance's memory per open stream (heap and RSS, after a
 * full GC, against the same instance with none open), and BENCH_FANOUT_EVENTS (20) block events each fanned out to
 * the streams that may see it — the server's fan-out time per event (registry: visibility once per scope key, then
 * enqueue) and the time until the last of those streams has it, measured at the clients; every seeing stream must
 * get each event exactly once and every other stream none.
 */
import { fork, type ChildProcess } from "node:child_process";
import { setMaxListeners } from "node:events";
import type { FanoutStats } from "@/server/events/stream-registry";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/scripts/lib/free-port";
import { createDb } from "@/server/db/client";
import { createApiToken } from "@/server/auth/api-tokens";
import { seedDemoData } from "@/server/seed/seed-demo";
import { startBenchServer } from "@/bench/lib/server";
import { count, ms, table } from "@/bench/lib/timing";

const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 2000);
const FANOUT_EVENTS = Number(process.env.BENCH_FANOUT_EVENTS ?? 20);
// Who holds the streams: these see a Pirpainti (Bhagalpur) event; the others must not.
const SEEING = ["dio", "sio.bihar", "sup.pirpainti", "op.pirpainti"];
const NOT_SEEING = ["dio.banka", "sup.sultanganj", "sup.amarpur"];
const GOAL_P95_MS = 1000;
const ID_HASH_KEY = "bench-live-events-hash-key-0123456789";

type InstanceStats = { memory: NodeJS.MemoryUsage; fanout: FanoutStats; heartbeats: number };

function statsOf(child: ChildProcess): Promise<InstanceStats> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if ((message as { type?: string }).type !== "stats") return;
      child.off("message", onMessage);
      resolve(message as InstanceStats);
    };
    child.on("message", onMessage);
    child.send("stats");
  });
}

async function startInstance(databaseUrl: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = fork(path.join(import.meta.dirname, "lib", "api-instance.ts"), [String(port)], {
    execArgv: ["--conditions=react-server", "--import", "tsx", "--expose-gc"],
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "bench-secret-0123456789abcdef", TEEKA_ID_HASH_KEY: ID_HASH_KEY, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`instance exited with ${code}`)));
  });
  return { port, child };
}

/** Subscribes to /api/v1/events and resolves waiters on each record.status event. */
async function subscribe(port: number, token: string) {
  const abort = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
  const pending: { waiter: ((at: number) => void) | null } = { waiter: null };
  let synced: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (synced = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const arrived = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.includes("event: sync")) synced();
          if (message.includes("event: record.status")) pending.waiter?.(arrived);
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
  await ready;
  return {
    next: () => new Promise<number>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error("no event within 5 s")), 5_000);
      pending.waiter = (at) => {
        clearTimeout(timeout);
        pending.waiter = null;
        resolve(at);
      };
    }),
    close: () => abort.abort(),
  };
}

/** One open stream that counts the record.status events it receives (and resolves `synced` on its first sync). */
async function countingStream(port: number, token: string, signal: AbortSignal, onEvent: () => void) {
  // Opening a stream is a request like any other: when the instance is busy it says 503 + Retry-After; try again then.
  let res = await fetch(`http://127.0.0.1:${port}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal });
  for (let attempt = 0; res.status === 503 && attempt < 20; attempt++) {
    await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 1) * 1000 * Math.random()));
    res = await fetch(`http://127.0.0.1:${port}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal });
  }
  if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
  const state = { received: 0 };
  let synced: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (synced = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.includes("event: sync")) synced();
          if (message.includes("event: record.status")) {
            state.received++;
            onEvent();
          }
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
  await ready;
  return state;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function manyStreams(databaseUrl: string, db: ReturnType<typeof createDb>, token: (username: string) => Promise<string>, changePort: number, instances: ChildProcess[]): Promise<void> {
  const accounts = [...SEEING, ...NOT_SEEING];
  const tokens = new Map<string, string>();
  for (const username of accounts) tokens.set(username, await token(username));
  const pirpainti = (await db.vaccinationRecord.findMany({ where: { status: "PENDING", block: { name: "Pirpainti" } }, select: { id: true }, take: FANOUT_EVENTS, orderBy: { id: "asc" } })).map((r) => r.id);
  if (pirpainti.length < FANOUT_EVENTS) throw new Error(`only ${pirpainti.length} pending Pirpainti records; lower BENCH_FANOUT_EVENTS`);
  const c = await startInstance(databaseUrl);
  instances.push(c.child);
  // Warm the instance's code paths with one stream, then measure it idle.
  const warm = new AbortController();
  await countingStream(c.port, tokens.get("dio")!, warm.signal, () => undefined);
  warm.abort();
  await new Promise((r) => setTimeout(r, 500));
  const idle = await statsOf(c.child);

  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one signal ends every stream of the run
  let delivered = 0;
  let waiter: { target: number; resolve: () => void } | null = null;
  const onEvent = () => {
    delivered++;
    if (waiter && delivered >= waiter.target) waiter.resolve();
  };
  const streams: { account: string; state: { received: number } }[] = [];
  const openStarted = performance.now();
  for (let i = 0; i < STREAMS; i += 100) {
    const batch = Array.from({ length: Math.min(100, STREAMS - i) }, (_, j) => accounts[(i + j) % accounts.length]!);
    const opened = await Promise.all(batch.map(async (account) => ({ account, state: await countingStream(c.port, tokens.get(account)!, abort.signal, onEvent) })));
    streams.push(...opened);
  }
  const openSeconds = (performance.now() - openStarted) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  const open = await statsOf(c.child);
  const seeing = streams.filter((s) => SEEING.includes(s.account)).length;

  const last: number[] = [];
  const fanout: number[] = [];
  let serial = 0;
  for (const id of pirpainti) {
    const before = await statsOf(c.child);
    const target = delivered + seeing;
    const all = new Promise<void>((resolve) => (waiter = { target, resolve }));
    const sent = performance.now();
    const res = await fetch(`http://127.0.0.1:${changePort}/api/v1/records/status`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.get("dio")}`, "content-type": "application/json" },
      body: JSON.stringify({ items: [{ id, status: "ENTERED", portalRef: `CWN-FAN${String(++serial).padStart(7, "0")}` }] }),
    });
    if (!res.ok) throw new Error(`status change: HTTP ${res.status} ${await res.text()}`);
    await Promise.race([all, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${delivered - target + seeing} of ${seeing} streams got the event within 10 s`)), 10_000))]);
    last.push(performance.now() - sent);
    const after = await statsOf(c.child);
    fanout.push(after.fanout.totalFanoutMs - before.fanout.totalFanoutMs);
  }
  await new Promise((r) => setTimeout(r, 500)); // time for a duplicate or a wrongly routed copy
  const wrong = streams.filter((s) => (SEEING.includes(s.account) ? s.state.received !== FANOUT_EVENTS : s.state.received !== 0)).length;
  const final = await statsOf(c.child);
  abort.abort();

  last.sort((x, y) => x - y);
  fanout.sort((x, y) => x - y);
  console.log(`\n${count(STREAMS)} open event streams on one instance (opened in ${openSeconds.toFixed(1)} s; ${final.fanout.keys} scope keys; keep-alive: 1 shared timer for ${final.heartbeats} streams):\n`);
  console.log(
    table(
      ["measure", "value"],
      [
        ["heap used, idle → open (MB)", `${mb(idle.memory.heapUsed)} → ${mb(open.memory.heapUsed)}`],
        ["RSS, idle → open (MB)", `${mb(idle.memory.rss)} → ${mb(open.memory.rss)}`],
        ["heap per open stream (KB)", ((open.memory.heapUsed - idle.memory.heapUsed) / STREAMS / 1024).toFixed(1)],
        ["RSS per open stream (KB)", ((open.memory.rss - idle.memory.rss) / STREAMS / 1024).toFixed(1)],
        [`events, each to ${count(seeing)} of ${count(STREAMS)} streams`, String(FANOUT_EVENTS)],
        ["server fan-out per event, p50 / max (ms)", `${ms(percentile(fanout, 0.5))} / ${ms(fanout.at(-1)!)}`],
        ["change → last stream has it, p50 / p95 / max (ms)", `${ms(percentile(last, 0.5))} / ${ms(percentile(last, 0.95))} / ${ms(last.at(-1)!)}`],
        ["streams with a missing, duplicate or wrongly routed event", String(wrong)],
      ],
    ),
  );
  if (wrong > 0) throw new Error(`${wrong} streams got the wrong events`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

async function main(): Promise<void> {
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}`);
  const server = await startBenchServer();
  const db = createDb(server.url);
  const instances: ChildProcess[] = [];
  try {
    await seedDemoData(db, { now: new Date(), idHashKey: ID_HASH_KEY });
    const token = async (username: string) => (await createApiToken(db, (await db.user.findUniqueOrThrow({ where: { username } })).id, "bench")).token;
    // The DIO marks pending records of any block (the demo has 2,150) and also watches the district stream.
    const dio = await token("dio");
    const operator = dio;
    const ids = (await db.vaccinationRecord.findMany({ where: { status: "PENDING", block: { name: { not: "Pirpainti" } } }, select: { id: true }, take: 2 * CHANGES, orderBy: { id: "asc" } })).map((r) => r.id);
    if (ids.length < 2 * CHANGES) throw new Error(`only ${ids.length} pending records; lower BENCH_CHANGES`);
    const a = await startInstance(server.url);
    const b = await startInstance(server.url);
    instances.push(a.child, b.child);

    const rows: string[][] = [];
    let serial = 0;
    for (const [label, subscriberPort, recordIds] of [["one instance (change and stream on A)", a.port, ids.slice(0, CHANGES)], ["two instances (change on A, stream on B)", b.port, ids.slice(CHANGES)]] as const) {
      const stream = await subscribe(subscriberPort, dio);
      const samples: number[] = [];
      for (const id of recordIds) {
        const arrival = stream.next();
        const sent = performance.now();
        const res = await fetch(`http://127.0.0.1:${a.port}/api/v1/records/status`, {
          method: "POST",
          headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" },
          body: JSON.stringify({ items: [{ id, status: "ENTERED", portalRef: `CWN-BENCH${String(++serial).padStart(6, "0")}` }] }),
        });
        if (!res.ok) throw new Error(`status change: HTTP ${res.status} ${await res.text()}`);
        samples.push((await arrival) - sent);
      }
      stream.close();
      samples.sort((x, y) => x - y);
      const p95 = percentile(samples, 0.95);
      rows.push([label, String(samples.length), ms(percentile(samples, 0.5)), ms(p95), ms(samples.at(-1)!), p95 <= GOAL_P95_MS ? "met" : "NOT met"]);
    }
    console.log(`\nChange → event at a subscribed client (ms), ${CHANGES} changes each, sent one after another:\n`);
    console.log(table(["setup", "changes", "p50", "p95", "max", `goal p95 ≤ ${GOAL_P95_MS} ms`], rows));

    if (STREAMS > 0) await manyStreams(server.url, db, token, a.port, instances);
  } finally {
    // Instances first, so that their LISTEN connections do not see the database go away.
    await Promise.all(instances.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once("exit", resolve), child.kill("SIGTERM"))))));
    await db.$disconnect();
    await server.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
