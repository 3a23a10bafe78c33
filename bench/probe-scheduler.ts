/**
 * `npm run bench:probes [-- --seconds 60 --targets 200 --interval 5]`: the probe worker (lease + scheduler +
 * store + alerts, as in production) checking 200 targets on the local portal simulator at a 5 s interval.
 * The simulator runs in a child process and PostgreSQL is a throw-away embedded server, so the CPU and memory
 * figures are those of the probing process alone.
 *
 * Prints CPU % of one core (process.cpuUsage over the run), peak RSS and extra RSS over the pre-start
 * baseline, schedule lateness p50/p95/max, and checks done vs expected.
 * Goals (issue 4): ≤ 2 % CPU, ≤ 100 MB extra RSS, p95 lateness ≤ 250 ms.
 *
 * `npm run bench:probes -- --micro [--checks 3000]`: no database, no scheduler; CPU per `runCheck` (µs of
 * user + system time, two checks in flight) against the same simulator process, for a keyword GET, a plain GET
 * and a HEAD. Shows the cost of the check alone, to compare with the whole worker's per-check cost.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "@/server/db/client";
import { runCheck, type CheckTarget } from "@/server/jobs/probes/check";
import { SIM_KEYWORD } from "@/scripts/lib/portal-simulator";
import { startProbeWorker } from "@/server/jobs/probes/worker";
import { freePort } from "@/scripts/lib/free-port";
import { startBenchServer } from "@/bench/lib/server";
import { count, table } from "@/bench/lib/timing";

const GOALS = { cpuPercent: 2, extraRssMb: 100, p95LatenessMs: 250 };
const MB = 1024 * 1024;
const ROOT = path.resolve(import.meta.dirname, "..");

function options() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "60" },
      targets: { type: "string", default: "200" },
      interval: { type: "string", default: "5" },
      micro: { type: "boolean", default: false },
      checks: { type: "string", default: "3000" },
    },
  });
  const num = (name: string, raw: string) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
    return n;
  };
  return {
    seconds: num("seconds", values.seconds),
    targets: num("targets", values.targets),
    interval: num("interval", values.interval),
    micro: values.micro,
    checks: num("checks", values.checks),
  };
}

async function startSimulatorProcess(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/portal-sim.ts", "--port", String(port), "--mode", "up"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`portal simulator exited (${code})`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("portal simulator on")) resolve();
    });
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

const silent = { debug: () => undefined, info: () => undefined, warn: (o: object, m: string) => console.warn(m, o), error: (o: object, m: string) => console.error(m, o) };


/** CPU per check of runCheck alone (see the header). */
async function micro(checks: number) {
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`runCheck CPU per check, ${count(checks)} checks per case, 2 in flight …`);
  const sim = await startSimulatorProcess();
  const base = { url: sim.url, expectedStatus: [200], timeoutMs: 3000, slowMs: 1000 };
  const cases: [string, CheckTarget][] = [
    ["GET + keyword (body read)", { ...base, method: "GET", keyword: SIM_KEYWORD }],
    ["GET, no keyword", { ...base, method: "GET", keyword: null }],
    ["HEAD", { ...base, method: "HEAD", keyword: null }],
  ];
  const rows: string[][] = [];
  const run = async (target: CheckTarget, n: number) => {
    let failures = 0;
    const lane = async (k: number) => {
      for (let i = k; i < n; i += 2) if (!(await runCheck({ ...target, url: `${sim.url}?target=${i % 200}` })).ok) failures++;
    };
    await Promise.all([lane(0), lane(1)]);
    return failures;
  };
  try {
    // Warm every path up first, so the first case does not pay for the JIT.
    for (const [, target] of cases) await run(target, Math.min(1000, checks));
    for (const [name, target] of cases) {
      global.gc?.();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const failures = await run(target, checks);
      const cpu = process.cpuUsage(cpu0);
      const wall = performance.now() - t0;
      const perCheckUs = (cpu.user + cpu.system) / checks;
      rows.push([name, perCheckUs.toFixed(0), ((perCheckUs * 40) / 10_000).toFixed(2), ((wall * 1000) / checks).toFixed(0), String(failures)]);
    }
  } finally {
    await sim.stop();
  }
  console.log("");
  console.log(table(["case", "CPU µs/check", "% of a core at 40/s", "wall µs/check", "failures"], rows));
}

async function main() {
  const opts = options();
  if (opts.micro) return micro(opts.checks);
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}`);
  console.log(`Probing ${opts.targets} targets every ${opts.interval} s for ${opts.seconds} s (keyword check on, body read) …`);
  const server = await startBenchServer();
  const sim = await startSimulatorProcess();
  const db = createDb(server.url);
  try {
    const state = await db.state.create({ data: { name: "Bench state", nameHi: "बेंच राज्य" } });
    await db.probeTarget.createMany({
      data: Array.from({ length: opts.targets }, (_, i) => ({
        stateId: state.id,
        name: `bench-${String(i + 1).padStart(3, "0")}`,
        url: `${sim.url}?target=${i + 1}`,
        expectedStatus: [200],
        keyword: SIM_KEYWORD,
        intervalSeconds: opts.interval,
        timeoutMs: 3000,
        slowMs: 1000,
        retries: 1,
      })),
    });
    await db.$queryRaw`SELECT 1`; // connect the pool before the baseline
    global.gc?.();
    const baselineRss = process.memoryUsage().rss;
    let peakRss = baselineRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const worker = startProbeWorker({ databaseUrl: server.url, db, log: silent, leaseRetryMs: 500, blockRisk: false });
    // The second half shows the steady state, after the JIT has warmed up and the start-up transitions are written.
    await new Promise((r) => setTimeout(r, (opts.seconds * 1000) / 2));
    const cpuHalf = process.cpuUsage();
    const tHalf = performance.now();
    await new Promise((r) => setTimeout(r, (opts.seconds * 1000) / 2));
    const cpuSecondHalf = process.cpuUsage(cpuHalf);
    const secondHalfMs = performance.now() - tHalf;
    const stats = worker.scheduler()?.stats();
    const cpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - t0;
    await worker.stop();
    clearInterval(sampler);

    const results = await db.probeResult.count();
    const states = await db.probeTarget.groupBy({ by: ["state"], _count: true });
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
    const expected = Math.floor(opts.seconds / opts.interval) * opts.targets;
    const extraRssMb = (peakRss - baselineRss) / MB;
    const lateness = stats?.lateness;
    console.log("");
    console.log(
      table(
        ["figure", "value", "goal"],
        [
          ["CPU, % of one core", cpuPercent.toFixed(2), `≤ ${GOALS.cpuPercent}`],
          ["  second half only (steady state)", (((cpuSecondHalf.user + cpuSecondHalf.system) / 1000 / secondHalfMs) * 100).toFixed(2), ""],
          ["  user / system ms", `${Math.round(cpu.user / 1000)} / ${Math.round(cpu.system / 1000)}`, ""],
          ["peak RSS, MB", (peakRss / MB).toFixed(1), ""],
          ["extra RSS over baseline, MB", extraRssMb.toFixed(1), `≤ ${GOALS.extraRssMb}`],
          ["lateness p50, ms", (lateness?.p50 ?? Number.NaN).toFixed(1), ""],
          ["lateness p95, ms", (lateness?.p95 ?? Number.NaN).toFixed(1), `≤ ${GOALS.p95LatenessMs}`],
          ["lateness max, ms", (lateness?.max ?? Number.NaN).toFixed(1), ""],
          ["checks done / expected", `${count(stats?.checksDone ?? 0)} / ${count(expected)}`, ""],
          ["results written", count(results), ""],
          ["skipped slots / errors", `${stats?.checksSkipped ?? 0} / ${stats?.errors ?? 0}`, ""],
        ],
      ),
    );
    console.log(`states: ${states.map((s) => `${s.state ?? "none"} ${s._count}`).join(", ")}`);
    const ok = cpuPercent <= GOALS.cpuPercent && extraRssMb <= GOALS.extraRssMb && (lateness?.p95 ?? Infinity) <= GOALS.p95LatenessMs;
    console.log(ok ? "All goals met." : "Some goals NOT met.");
  } finally {
    await db.$disconnect();
    await sim.stop();
    await server.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
