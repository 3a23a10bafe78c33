/**
 * How fast a district-size register (95,000 lines: two mega camps, every block) goes through importRegister,
 * read from disk as a stream, against a raw COPY of the same records. Starts its own PostgreSQL.
 * BENCH_ROWS (default 95000) and BENCH_RUNS (default 3) change the size and the repetitions.
 * Goal: ≤ 3 s wall, ≥ 50% of the raw COPY rate, peak RSS ≤ 300 MB.
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "@/server/db/client";
import { BHAGALPUR } from "@/server/seed/demo-places";
import { importRegister } from "@/server/services/imports/register-import";
import { ensureDemoPlaces } from "@/server/seed/reference-data";
import { benchSites, writeRegisterCsv } from "@/bench/lib/register-data";
import { copyRecords, dumpImported, resetImported } from "@/bench/lib/register-floor";
import { startBenchServer } from "@/bench/lib/server";
import { count, table } from "@/bench/lib/timing";

const ROWS = Number(process.env.BENCH_ROWS ?? 95_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NOW = new Date("2021-06-23T06:30:00Z");
const MEGA_CAMP_DATES = ["2021-06-16", "2021-06-21"];
const GOAL = { seconds: 3, floorShare: 0.5, rssMb: 300 };
const MB = 1_000_000;

/** Peak resident memory of this process while `fn` runs, sampled every 50 ms. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const value = await fn();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { value, peakRss };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}`);
  const server = await startBenchServer();
  const db = createDb(server.url);
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  const dir = await mkdtemp(path.join(os.tmpdir(), "teeka-import-bench-"));
  try {
    const ref = (await db.$transaction((tx) => ensureDemoPlaces(tx, NOW))).districts.get(BHAGALPUR.name)!;
    for (const date of MEGA_CAMP_DATES) {
      await db.megaCamp.create({ data: { districtId: ref.districtId, name: `Mega camp ${date}`, date: new Date(date) } });
    }
    for (const unit of BHAGALPUR.blocks.map((b) => b.name)) {
      await db.site.createMany({ data: benchSites(unit).map((name) => ({ districtId: ref.districtId, blockId: ref.blockIds.get(unit)!, name })) });
    }
    const dio = await db.user.create({ data: { username: "dio", displayName: "DIO", passwordHash: "-", role: "DISTRICT_OFFICER", districtId: ref.districtId } });
    const file = path.join(dir, "register.csv");
    let started = performance.now();
    await writeRegisterCsv(file, { rows: ROWS, megaCampDates: MEGA_CAMP_DATES });
    const size = (await stat(file)).size;
    console.log(`Register: ${count(ROWS)} lines, ${(size / MB).toFixed(1)} MB, written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const pgVersion = (await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v;
    console.log(`PostgreSQL ${pgVersion}; baseline RSS ${(process.memoryUsage().rss / MB).toFixed(0)} MB\n`);

    const client = await pool.connect();
    const imports: { seconds: number; peakRss: number }[] = [];
    try {
      for (let run = 1; run <= RUNS; run++) {
        await resetImported(client);
        started = performance.now();
        const { value: result, peakRss } = await withPeakRss(() =>
          importRegister(db, { userId: dio.id, role: dio.role, stateId: ref.stateId, districtId: ref.districtId, blockId: null }, { bytes: createReadStream(file), fileName: "register.csv" }, { now: NOW, idHashKey: "bench-key" }),
        );
        const seconds = (performance.now() - started) / 1000;
        if (result.created !== ROWS) throw new Error(`run ${run}: expected ${ROWS} created, got ${JSON.stringify({ ...result, errors: result.errors.slice(0, 3) })}`);
        imports.push({ seconds, peakRss });
      }
      const dump = await dumpImported(client);
      const copies: number[] = [];
      const copiesWithHistory: number[] = [];
      for (let run = 1; run <= RUNS; run++) {
        for (const [withHistory, times] of [[false, copies], [true, copiesWithHistory]] as const) {
          await resetImported(client, true);
          started = performance.now();
          await copyRecords(client, dump, withHistory);
          times.push((performance.now() - started) / 1000);
        }
      }
      report(imports, copies, copiesWithHistory);
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
    await db.$disconnect();
    await rm(dir, { recursive: true, force: true });
    await server.dispose();
  }
}

function report(imports: { seconds: number; peakRss: number }[], copies: number[], copiesWithHistory: number[]): void {
  const rate = (s: number) => count(Math.round(ROWS / s));
  const rows = [
    ...imports.map((r, i) => [`importRegister (CSV from disk) #${i + 1}`, r.seconds.toFixed(2), rate(r.seconds), (r.peakRss / MB).toFixed(0)]),
    ...copies.map((s, i) => [`floor: raw COPY of the same records #${i + 1}`, s.toFixed(2), rate(s), "-"]),
    ...copiesWithHistory.map((s, i) => [`raw COPY of the records + their status_changes #${i + 1}`, s.toFixed(2), rate(s), "-"]),
  ];
  console.log(table(["method", "wall s", "rows/s", "peak RSS MB"], rows));
  const best = Math.min(...imports.map((r) => r.seconds));
  const floor = Math.min(...copies);
  const peak = Math.max(...imports.map((r) => r.peakRss)) / MB;
  const share = floor / best;
  const ok = best <= GOAL.seconds && share >= GOAL.floorShare && peak <= GOAL.rssMb;
  console.log(
    `\nGoal: ≤ ${GOAL.seconds} s, ≥ ${GOAL.floorShare * 100}% of the raw rate, RSS ≤ ${GOAL.rssMb} MB — ` +
      `best ${best.toFixed(2)} s, ${(share * 100).toFixed(0)}% of raw COPY, peak RSS ${peak.toFixed(0)} MB: ${ok ? "MET" : "NOT MET"}`,
  );
  const withHistory = Math.min(...copiesWithHistory);
  console.log(
    `Writing the history rows too (which the import must): raw COPY takes ${withHistory.toFixed(2)} s; ` +
      `the import runs at ${((withHistory / best) * 100).toFixed(0)}% of that rate.`,
  );
}

await main();
