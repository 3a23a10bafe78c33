/**
 * Load test (issue 13): N signed-in users, each loading their page's data in a closed loop (no think time), for
 * BENCH_SECONDS. District and state officers load the overview page's tRPC batch, supervisors their block page's
 * batch, and everyone GET /api/v1/backlog in turn. Prints throughput, p50/p95/p99 per kind, 503s (with Retry-After
 * or not), timeouts, other errors, the server's RSS, and what /api/health said while it ran.
 *
 * Without BASE_URL it starts its own PostgreSQL with the demo data and one app instance (bench/lib/api-instance.ts:
 * the product's own /api/trpc, /api/v1/backlog and /api/health handlers in a plain Node server) and signs users
 * in with API tokens. With BASE_URL (e.g. a running `npm start`) it signs in through the next-auth credentials
 * flow with the demo password and uses the session cookies.
 *
 *   BENCH_USERS (200)  BENCH_SECONDS (30)  BENCH_TIMEOUT_MS (30000)  BENCH_HONOR_RETRY_AFTER (1: a user told 503
 *   waits Retry-After before its next request, as the browser does; 0: retries at once)  BASE_URL
 * All load goes to 127.0.0.1 (or BASE_URL), bounded in users and time.
 */
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/scripts/lib/free-port";
import { createDb } from "@/server/db/client";
import { createApiToken } from "@/server/auth/api-tokens";
import { seedDemoData } from "@/server/seed/seed-demo";
import { startBenchServer } from "@/bench/lib/server";
import { count, ms, table } from "@/bench/lib/timing";

const USERS = Number(process.env.BENCH_USERS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 30_000);
const HONOR_RETRY_AFTER = process.env.BENCH_HONOR_RETRY_AFTER !== "0";
const ID_HASH_KEY = "bench-load-hash-key-0123456789abcdef";
const DEMO_PASSWORD = "demo-pass-2021";
// A state's mix, roughly: half officers looking at the overview, half block supervisors on their block.
const OVERVIEW_ACCOUNTS = ["dio", "dio.banka", "sio.bihar"];
const BLOCK_ACCOUNTS = ["sup.pirpainti", "sup.sultanganj", "sup.amarpur"];

type Kind = "overview batch" | "block batch" | "GET /api/v1/backlog";
type Sample = { kind: Kind; ms: number; outcome: "ok" | "partial" | "503" | "503 no Retry-After" | "timeout" | "error"; status: number };
type User = { account: string; headers: Record<string, string>; blockId?: number };

/** A tRPC batch GET as httpBatchLink sends it (superjson: `{ json }` per input; no entry for an undefined input). */
function trpcBatch(calls: [string, unknown][]): string {
  const input: Record<string, { json: unknown }> = {};
  calls.forEach(([, value], i) => {
    if (value !== undefined) input[String(i)] = { json: value };
  });
  return `/api/trpc/${calls.map(([name]) => name).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
}

const overviewBatch = () => trpcBatch([["backlog.getSummary", undefined], ["performance.getForecasts", undefined], ["backlog.getPendingHistory", undefined], ["probes.listAlerts", { limit: 50 }]]);
const blockBatch = (blockId: number) =>
  trpcBatch([
    ["backlog.getSummary", { blockId }],
    ["backlog.listBlockCamps", { blockId }],
    ["performance.getBlockForecast", { blockId }],
    ["backlog.getPendingHistory", { blockId }],
    ["backlog.findPendingRecords", { blockId, status: "PENDING", page: 1, pageSize: 25, sort: "vaccinatedAt", direction: "asc" }],
  ]);

async function startInstance(databaseUrl: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = fork(path.join(import.meta.dirname, "lib", "api-instance.ts"), [String(port)], {
    execArgv: ["--conditions=react-server", "--import", "tsx"],
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "bench-secret-0123456789abcdef", TEEKA_ID_HASH_KEY: ID_HASH_KEY, LOG_LEVEL: "error", NODE_ENV: "production" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`instance exited with ${code}`)));
  });
  return { port, child };
}

/** next-auth's credentials flow over HTTP: csrf (and its cookie), then the callback; returns the cookie header. */
async function signInOverHttp(base: string, username: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD, csrfToken, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in of ${username} failed: HTTP ${res.status}`);
  return cookie();
}

async function firstBlockId(base: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${base}${trpcBatch([["blocks.list", undefined]])}`, { headers });
  const body = (await res.json()) as [{ result: { data: { json: { id: number }[] } } }];
  const id = body[0].result.data.json[0]?.id;
  if (!id) throw new Error(`no block for a supervisor (HTTP ${res.status})`);
  return id;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

async function request(base: string, user: User, kind: Kind, url: string, samples: Sample[]): Promise<number> {
  const started = performance.now();
  try {
    const res = await fetch(`${base}${url}`, { headers: user.headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.arrayBuffer();
    const elapsed = performance.now() - started;
    const retryAfter = res.headers.get("retry-after");
    if (res.status === 503) {
      samples.push({ kind, ms: elapsed, outcome: retryAfter ? "503" : "503 no Retry-After", status: 503 });
      return HONOR_RETRY_AFTER ? Number(retryAfter ?? 1) * 1000 * (0.5 + Math.random()) : 0;
    }
    // 207: a tRPC batch in which some procedures answered and others failed (e.g. some were told "busy").
    samples.push({ kind, ms: elapsed, outcome: res.status === 207 ? "partial" : res.ok ? "ok" : "error", status: res.status });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    samples.push({ kind, ms: performance.now() - started, outcome: timedOut ? "timeout" : "error", status: 0 });
  }
  return 0;
}

async function main(): Promise<void> {
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}`);
  console.log(`${USERS} users, closed loop, ${SECONDS} s, request timeout ${TIMEOUT_MS / 1000} s, Retry-After ${HONOR_RETRY_AFTER ? "honoured" : "ignored"}`);
  const cleanup: (() => Promise<void>)[] = [];
  let serverPid: number | undefined;
  try {
    let base = process.env.BASE_URL?.replace(/\/$/, "");
    const users: User[] = [];
    const accounts = Array.from({ length: USERS }, (_, i) => (i % 2 === 0 ? OVERVIEW_ACCOUNTS : BLOCK_ACCOUNTS)[Math.floor(i / 2) % 3]!);
    if (!base) {
      const server = await startBenchServer();
      cleanup.unshift(() => server.dispose());
      const db = createDb(server.url);
      cleanup.unshift(() => db.$disconnect());
      await seedDemoData(db, { now: new Date(), idHashKey: ID_HASH_KEY });
      const ids = new Map((await db.user.findMany({ where: { username: { in: [...OVERVIEW_ACCOUNTS, ...BLOCK_ACCOUNTS] } } })).map((u) => [u.username, u.id]));
      for (const account of accounts) {
        const { token } = await createApiToken(db, ids.get(account)!, `load ${users.length}`);
        users.push({ account, headers: { authorization: `Bearer ${token}` } });
      }
      const instance = await startInstance(server.url);
      serverPid = instance.child.pid;
      cleanup.unshift(() => new Promise((resolve) => (instance.child.exitCode !== null ? resolve() : (instance.child.once("exit", () => resolve()), instance.child.kill("SIGTERM")))));
      base = `http://127.0.0.1:${instance.port}`;
      console.log(`Own instance on ${base} (demo data, API tokens)`);
    } else {
      const cookies = new Map<string, string>();
      for (const account of new Set(accounts)) cookies.set(account, await signInOverHttp(base, account));
      for (const account of accounts) users.push({ account, headers: { cookie: cookies.get(account)! } });
      console.log(`Target ${base} (signed in through the credentials flow)`);
    }
    for (const user of users) if (BLOCK_ACCOUNTS.includes(user.account)) user.blockId = await firstBlockId(base, user.headers);

    const samples: Sample[] = [];
    const health: { status: number; body: string; ms: number }[] = [];
    const rss: number[] = [];
    const end = performance.now() + SECONDS * 1000;
    const healthLoop = (async () => {
      while (performance.now() < end) {
        const started = performance.now();
        try {
          const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
          const body = (await res.json()) as { status?: string; db?: string };
          health.push({ status: res.status, body: `${body.status}/${body.db}`, ms: performance.now() - started });
        } catch {
          health.push({ status: 0, body: "no answer in 10 s", ms: performance.now() - started });
        }
        const r = rssOf(serverPid);
        if (r !== null) rss.push(r);
        await sleep(1000);
      }
    })();
    const started = performance.now();
    await Promise.all(
      users.map(async (user, i) => {
        let turn = i;
        while (performance.now() < end) {
          const page = turn++ % 2 === 0;
          const [kind, url]: [Kind, string] = !page ? ["GET /api/v1/backlog", "/api/v1/backlog"] : user.blockId ? ["block batch", blockBatch(user.blockId)] : ["overview batch", overviewBatch()];
          const wait = await request(base, user, kind, url, samples);
          if (wait > 0) await sleep(Math.min(wait, end - performance.now()));
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    await healthLoop;

    const rows: string[][] = [];
    for (const kind of ["overview batch", "block batch", "GET /api/v1/backlog", "all"] as const) {
      const of = samples.filter((s) => kind === "all" || s.kind === kind);
      const ok = of.filter((s) => s.outcome === "ok").map((s) => s.ms).sort((a, b) => a - b);
      const busy = of.filter((s) => s.outcome.startsWith("503"));
      const busyMs = busy.map((s) => s.ms).sort((a, b) => a - b);
      rows.push([
        kind,
        count(of.length),
        count(ok.length),
        (ok.length / elapsed).toFixed(1),
        ms(percentile(ok, 0.5)),
        ms(percentile(ok, 0.95)),
        ms(percentile(ok, 0.99)),
        count(of.filter((s) => s.outcome === "partial").length),
        count(busy.length),
        busy.length ? ms(percentile(busyMs, 0.95)) : "-",
        count(of.filter((s) => s.outcome === "503 no Retry-After").length),
        count(of.filter((s) => s.outcome === "timeout").length),
        count(of.filter((s) => s.outcome === "error").length),
      ]);
    }
    console.log(`\nResults over ${elapsed.toFixed(1)} s (latencies in ms; p50/p95/p99 of the answered requests):\n`);
    console.log(table(["kind", "requests", "answered", "answered/s", "p50", "p95", "p99", "partial (207)", "503", "503 p95 ms", "503 w/o Retry-After", "timeouts", "other errors"], rows));
    const errors = new Map<number, number>();
    for (const s of samples) if (s.outcome === "error") errors.set(s.status, (errors.get(s.status) ?? 0) + 1);
    if (errors.size) console.log(`\nOther errors by status: ${[...errors].map(([s, n]) => `${s || "network"}: ${n}`).join(", ")}`);
    const healthCounts = new Map<string, number>();
    for (const h of health) healthCounts.set(`${h.status} ${h.body}`, (healthCounts.get(`${h.status} ${h.body}`) ?? 0) + 1);
    const healthMs = health.map((h) => h.ms).sort((a, b) => a - b);
    console.log(`\n/api/health during the run (${health.length} checks, p95 ${ms(percentile(healthMs, 0.95))} ms, max ${ms(healthMs.at(-1) ?? Number.NaN)} ms): ${[...healthCounts].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
    if (rss.length) console.log(`Server RSS: max ${Math.max(...rss).toFixed(0)} MB`);
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
