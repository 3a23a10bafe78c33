/**
 * Live-update latency (issue 5): over 200 status changes, the time from sending "mark this record ENTERED"
 * to the API until the `record.status` event arrives at a client subscribed to GET /api/v1/events — first with
 * the client on the same instance, then on a second instance that shares only the database (the event crosses
 * over PostgreSQL LISTEN/NOTIFY). Starts its own PostgreSQL, loads the demo data, runs two instance processes.
 * BENCH_CHANGES (default 200). Goal: p95 ≤ 1 s (peers poll every 30–60 s).
 */
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/scripts/lib/free-port";
import { createDb } from "@/server/db/client";
import { createApiToken } from "@/server/auth/api-tokens";
import { seedDemoData } from "@/server/seed/seed-demo";
import { startBenchServer } from "@/bench/lib/server";
import { ms, table } from "@/bench/lib/timing";

const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
const GOAL_P95_MS = 1000;
const ID_HASH_KEY = "bench-live-events-hash-key-0123456789";

async function startInstance(databaseUrl: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = fork(path.join(import.meta.dirname, "lib", "api-instance.ts"), [String(port)], {
    execArgv: ["--conditions=react-server", "--import", "tsx"],
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
    const ids = (await db.vaccinationRecord.findMany({ where: { status: "PENDING" }, select: { id: true }, take: 2 * CHANGES, orderBy: { id: "asc" } })).map((r) => r.id);
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
