/**
 * How the district backlog summary scales with the size of the register.
 * Fills a throw-away PostgreSQL to each size in BENCH_SIZES (default 100000,1000000) and times the product
 * path against a naive full aggregate. Prints figures; asserts only that both give the same numbers.
 * BENCH_VACUUM=1 runs VACUUM before the timings (all pages all-visible, allowing index-only scans).
 * BENCH_BACKLOG=fixed: bigger sizes cover more days at the same daily volume (the register grows over time), so
 * the pending backlog stays at the smallest size's level instead of being ~2% of every size.
 * BENCH_SIZES=none skips these sizes. Then the state case (bench/lib/state-case.ts): BENCH_DISTRICTS (default 38)
 * districts of BENCH_PER_DISTRICT (default 100000) records each in one state; BENCH_DISTRICTS=0 skips it.
 */
import os from "node:os";
import pg from "pg";
import { createDb, type Db } from "@/server/db/client";
import type { Scope } from "@/server/auth/scope";
import { getBacklogSummary, sumFigures } from "@/server/services/backlog/backlog-summary";
import { SHAPE, insertReferenceData, refill } from "@/bench/lib/fill";
import { planSummary } from "@/bench/lib/plans";
import { assertSameFigures, naiveFigures, naiveQuery, summaryFigures } from "@/bench/lib/queries";
import { startBenchServer } from "@/bench/lib/server";
import { benchStateCase, stateCaseSize } from "@/bench/lib/state-case";
import { count, measure, ms, table, type Timing } from "@/bench/lib/timing";

const ITERATIONS = 60;
const WARMUP = 8;
const GOAL_RATIO = 2;
const FIXED_BACKLOG = process.env.BENCH_BACKLOG === "fixed";
/** The one district insertReferenceData() makes in the fresh database (ids start at 1). */
const BENCH_SCOPE: Scope = { kind: "district", stateId: 1, districtId: 1 };

type Method = { name: string; run: () => Promise<unknown> };
type Result = { size: number; method: string; timing: Timing };

function sizesFromEnv(): number[] {
  const raw = process.env.BENCH_SIZES ?? "100000,1000000";
  if (raw === "none") return [];
  const sizes = raw.split(",").map((s) => Number(s.trim().replaceAll("_", "")));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`BENCH_SIZES must be positive integers, got "${raw}"`);
  return [...sizes].sort((a, b) => a - b);
}

function methods(db: Db, pool: pg.Pool, now: Date): Method[] {
  return [
    { name: "product: getBacklogSummary via Prisma", run: () => getBacklogSummary(db, BENCH_SCOPE, now) },
    { name: "naive full aggregate via pg", run: () => pool.query(naiveQuery(now)) },
  ];
}

async function printMachine(pool: pg.Pool): Promise<void> {
  const cpus = os.cpus();
  const { rows } = await pool.query<{ version: string }>(`SELECT version()`);
  console.log(`Machine: ${cpus.length} cores (${cpus[0]?.model ?? "unknown CPU"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`);
  console.log(`PostgreSQL: ${rows[0]?.version ?? "unknown"}`);
}

async function printDataShape(pool: pg.Pool, size: number, now: Date): Promise<void> {
  const figures = sumFigures([...(await naiveFigures(pool, now)).values()]);
  const { rows } = await pool.query<{ total: string; pending_idx: string }>(
    `SELECT pg_size_pretty(pg_total_relation_size('vaccination_records')) AS total,
            pg_size_pretty(pg_relation_size('vaccination_records_pending_idx')) AS pending_idx`,
  );
  console.log(
    `  ${count(size)} records: ${count(figures.pending)} pending (${count(figures.overdue)} overdue), ${count(figures.rejected)} rejected; ` +
      `table+indexes ${rows[0]?.total}, pending index ${rows[0]?.pending_idx}`,
  );
}

async function benchSize(size: number, smallest: number, db: Db, pool: pg.Pool, filler: pg.ClientBase, now: Date): Promise<Result[]> {
  console.log(`\n== ${count(size)} records ==`);
  const fillStarted = performance.now();
  const days = FIXED_BACKLOG ? (SHAPE.days * size) / smallest : SHAPE.days;
  const log = (filled: number, target: number, rate: number) => console.log(`  filled ${count(filled)} / ${count(target)}  (${count(Math.round(rate))} rows/s)`);
  await refill(filler, size, now, log, days);
  console.log(`  fill + ${process.env.BENCH_VACUUM === "1" ? "VACUUM " : ""}ANALYZE took ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`);
  await printDataShape(pool, size, now);

  const product = summaryFigures(await getBacklogSummary(db, BENCH_SCOPE, now));
  assertSameFigures(product, await naiveFigures(pool, now), size);
  console.log(`  check: getBacklogSummary() = naive aggregate for all ${product.size} blocks (all statuses, buckets, overdue, due-soon)`);
  console.log(`  plan, naive: ${await planSummary(pool, naiveQuery(now))}`);

  const results: Result[] = [];
  for (const method of methods(db, pool, now)) {
    const timing = await measure(method.run, ITERATIONS, WARMUP);
    console.log(`  ${method.name.trim().padEnd(40)} p50 ${ms(timing.p50).padStart(7)} ms   p95 ${ms(timing.p95).padStart(7)} ms`);
    results.push({ size, method: method.name, timing });
  }
  return results;
}

function printReport(results: Result[], sizes: number[]): void {
  const first = sizes[0]!;
  const last = sizes[sizes.length - 1]!;
  console.log(`\n== Results (${ITERATIONS} timed runs after ${WARMUP} warm-up, one at a time; ms) ==`);
  console.log(table(["records", "method", "p50", "p95", "mean"], results.map((r) => [count(r.size), r.method, ms(r.timing.p50), ms(r.timing.p95), ms(r.timing.mean)]), 2));
  if (first === last) return;

  const at = (size: number, method: string) => results.find((r) => r.size === size && r.method === method)?.timing;
  const ratioRows = [...new Set(results.map((r) => r.method))].map((method) => {
    const a = at(first, method);
    const b = at(last, method);
    return [method, a && b ? `${(b.p50 / a.p50).toFixed(2)}x` : "-", a && b ? `${(b.p95 / a.p95).toFixed(2)}x` : "-"];
  });
  console.log(`\n== Growth ${count(last)} / ${count(first)} records (${(last / first).toFixed(0)}x data) ==`);
  console.log(table(["method", "p50 ratio", "p95 ratio"], ratioRows));
  console.log(
    FIXED_BACKLOG
      ? `(BENCH_BACKLOG=fixed: ${(last / first).toFixed(0)}x the days at the same daily volume, so the pending backlog stays the same)`
      : `(same 30 days at ${(last / first).toFixed(0)}x the daily volume: the pending backlog, ~2% of records, grows ${(last / first).toFixed(0)}x too)`,
  );

  const productMethod = results[0]?.method ?? "";
  const a = at(first, productMethod);
  const b = at(last, productMethod);
  const met = a !== undefined && b !== undefined && b.p50 <= GOAL_RATIO * a.p50;
  console.log(`\nsummary at ${count(last)} within ${GOAL_RATIO}x of ${count(first)} (p50, via Prisma): ${met ? "yes" : "no"}`);
}

async function run(url: string, sizes: number[]): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const filler = new pg.Client({ connectionString: url });
  // On Ctrl-C the server is stopped under idle connections; their errors must not crash the exit path.
  pool.on("error", () => undefined);
  filler.on("error", () => undefined);
  const db = createDb(url);
  try {
    await filler.connect();
    await printMachine(pool);
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    await insertReferenceData(filler, now);
    console.log(
      `Data: 17 units, uneven; inserted in time order over the last ${SHAPE.days} days; ~2% PENDING at 30 days (aged 0-${SHAPE.pendingMaxAgeHours} h, ` +
        `so on the newest pages), ${SHAPE.rejectedShare * 100}% REJECTED, rest ENTERED. ` +
        (FIXED_BACKLOG ? `BENCH_BACKLOG=fixed: more records = more days, same backlog.` : `Pending grows with the size.`),
    );
    const results: Result[] = [];
    for (const size of sizes) results.push(...(await benchSize(size, sizes[0] ?? size, db, pool, filler, now)));
    if (sizes.length) printReport(results, sizes);
    await benchStateCase(db, pool, filler, now, ITERATIONS, WARMUP);
  } finally {
    await db.$disconnect();
    await filler.end();
    await pool.end();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const sizes = sizesFromEnv();
  const state = stateCaseSize();
  console.log(
    `Teeka Monitor backlog summary benchmark, sizes: ${sizes.map(count).join(", ") || "none"}; state case: ${state.districts ? `${state.districts} districts x ${count(state.perDistrict)}` : "off"}`,
  );
  const server = await startBenchServer();
  try {
    await run(server.url, sizes);
  } finally {
    await server.dispose();
    console.log(`\nTotal runtime ${((performance.now() - started) / 1000).toFixed(1)} s (server stopped, ${server.root} removed)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
