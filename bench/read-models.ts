/**
 * What the read models save (issue 13). Fills a throw-away PostgreSQL with BENCH_SIZE records (default 100,000) in
 * one district and times, for each read model, the computation every request used to make against an answer
 * served from the model, with a raw SQL floor measured in the same run (one count over the same rows). Then the
 * review meeting's herd: BENCH_HERD concurrent requests of one scope right after a change, computed each
 * (as before) and shared (now). And the staleness: from a change's commit to this instance dropping the answer.
 * Prints figures; asserts only that the served answer equals the computed one.
 */
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import { createDb } from "@/server/db/client";
import type { Scope } from "@/server/auth/scope";
import { createEventBus } from "@/server/events/event-bus";
import { configureReadModels, readModelStats } from "@/server/services/read-models/read-model-cache";
import { backlogSummaryOf, blockForecastsOf, pendingHistoryOf } from "@/server/services/read-models/dashboard-read-models";
import { getBacklogSummary } from "@/server/services/backlog/backlog-summary";
import { getBlockForecasts } from "@/server/services/performance/burn-down";
import { getPendingHistory } from "@/server/services/backlog/pending-history";
import { insertReferenceData, refill } from "@/bench/lib/fill";
import { startBenchServer } from "@/bench/lib/server";
import { count, measure, ms, table } from "@/bench/lib/timing";

const SIZE = Number(process.env.BENCH_SIZE ?? 100_000);
const HERD = Number(process.env.BENCH_HERD ?? 200);
const ITERATIONS = 30;
const WARMUP = 3;
const SCOPE: Scope = { kind: "district", stateId: 1, districtId: 1 };

async function main() {
  const server = await startBenchServer();
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  const filler = new pg.Client({ connectionString: server.url });
  const db = createDb(server.url);
  const bus = createEventBus(server.url);
  try {
    await filler.connect();
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    await insertReferenceData(filler, now);
    await refill(filler, SIZE, now, (filled, target) => process.stdout.write(`\r  filled ${count(filled)} / ${count(target)}`));
    console.log(`\n${count(SIZE)} records in one district; ${HERD} concurrent requests for the herd; Prisma pool of 10.`);
    await bus.ready();
    configureReadModels({ enabled: true, bus });

    const floor = await measure(() => pool.query(`SELECT count(*) FROM vaccination_records WHERE district_id = 1 AND status = 'PENDING'`), ITERATIONS, WARMUP);
    const models = [
      { name: "backlog summary", direct: () => getBacklogSummary(db, SCOPE, now), served: () => backlogSummaryOf(db, SCOPE, now) },
      { name: "forecasts", direct: () => getBlockForecasts(db, SCOPE, now), served: () => blockForecastsOf(db, SCOPE, now) },
      { name: "pending history (8 days)", direct: () => getPendingHistory(db, SCOPE, now, {}), served: () => pendingHistoryOf(db, SCOPE, now, {}) },
    ];
    const rows: string[][] = [];
    for (const m of models) {
      if (!isDeepStrictEqual(await m.served(), await m.direct())) throw new Error(`${m.name}: the served answer differs from the computed one`);
      const direct = await measure(m.direct, ITERATIONS, WARMUP);
      const served = await measure(m.served, ITERATIONS, WARMUP);
      // The herd right after a change: every request used to compute; now the first computes and the rest share it.
      await filler.query(`UPDATE vaccination_records SET status = 'ENTERED', entered_at = $1 WHERE id = (SELECT min(id) FROM vaccination_records WHERE status = 'PENDING')`, [now]);
      await new Promise((r) => setTimeout(r, 100));
      const t0 = performance.now();
      await Promise.all(Array.from({ length: HERD }, () => m.direct()));
      const herdDirect = performance.now() - t0;
      const t1 = performance.now();
      await Promise.all(Array.from({ length: HERD }, () => m.served()));
      const herdServed = performance.now() - t1;
      rows.push([m.name, ms(direct.p50), ms(direct.p95), ms(served.p50), ms(served.p95), `${(direct.p50 / floor.p50).toFixed(1)}x`, `${(served.p50 / floor.p50).toFixed(2)}x`, ms(herdDirect), ms(herdServed)]);
    }
    console.log(`\nfloor (raw SQL count of the district's pending): p50 ${ms(floor.p50)} ms, p95 ${ms(floor.p95)} ms`);
    console.log(table(["read model", "computed p50", "p95", "served p50", "p95", "computed/floor", "served/floor", `herd ${HERD} computed`, `herd ${HERD} served`], rows));

    // Staleness: from a change's commit to this instance dropping the answer (the NOTIFY's trip).
    const lags: number[] = [];
    for (let i = 0; i < 20; i++) {
      await backlogSummaryOf(db, SCOPE, now);
      const heard = new Promise<number>((resolve) => {
        const off = bus.subscribe((e) => {
          if (e.type === "record.status") {
            off();
            resolve(performance.now());
          }
        });
      });
      await filler.query(`UPDATE vaccination_records SET status = 'ENTERED', entered_at = $1 WHERE id = (SELECT min(id) FROM vaccination_records WHERE status = 'PENDING')`, [now]);
      const committed = performance.now();
      lags.push((await heard) - committed);
    }
    lags.sort((a, b) => a - b);
    console.log(`\nchange committed → this instance drops the answer: p50 ${ms(lags[10]!)} ms, max ${ms(lags.at(-1)!)} ms (20 changes)`);
    console.log(`cache: ${JSON.stringify(readModelStats())}`);
  } finally {
    configureReadModels({ enabled: false });
    await bus.close();
    await db.$disconnect();
    await filler.end();
    await pool.end();
    await server.dispose();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
