/**
 * The state case (issue 12): one state of BENCH_DISTRICTS districts (default 38) with BENCH_PER_DISTRICT records
 * each (default 100,000: 3.8M), the state officer's summary next to one district's, each also as a ratio against
 * a floor measured in the same run: a raw SQL count of the same scope's pending rows on the pending index (the
 * least any summary must read). BENCH_DISTRICTS=0 skips the case.
 */
import type pg from "pg";
import type { Db } from "@/server/db/client";
import type { Scope } from "@/server/auth/scope";
import { getBacklogSummary, sumFigures } from "@/server/services/backlog/backlog-summary";
import { addDistricts, refill } from "@/bench/lib/fill";
import { assertSameFigures, naiveFigures, summaryFigures } from "@/bench/lib/queries";
import { planSummary } from "@/bench/lib/plans";
import { count, measure, ms, table, type Timing } from "@/bench/lib/timing";

const GOAL_RATIO = 2;
const GOAL_P95_MS = 100;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return n;
}

export function stateCaseSize(): { districts: number; perDistrict: number } {
  return { districts: positiveInt("BENCH_DISTRICTS", 38), perDistrict: positiveInt("BENCH_PER_DISTRICT", 100_000) };
}

const floorQuery = (districtIds: number[]) => ({
  text: `SELECT count(*) FROM vaccination_records WHERE status = 'PENDING' AND district_id = ANY($1::int[])`,
  values: [districtIds],
});

export async function benchStateCase(db: Db, pool: pg.Pool, filler: pg.ClientBase, now: Date, iterations: number, warmup: number): Promise<void> {
  const { districts, perDistrict } = stateCaseSize();
  if (districts === 0 || perDistrict === 0) return;
  const size = districts * perDistrict;
  console.log(`\n== State case: ${districts} districts x ${count(perDistrict)} records = ${count(size)} in one state ==`);
  const started = performance.now();
  await addDistricts(filler, districts, now);
  const log = (filled: number, target: number, rate: number) => console.log(`  filled ${count(filled)} / ${count(target)}  (${count(Math.round(rate))} rows/s)`);
  await refill(filler, size, now, log, undefined, districts);
  console.log(`  fill + ANALYZE took ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM districts ORDER BY id`);
  const districtIds = rows.map((r) => r.id);
  const stateScope: Scope = { kind: "state", stateId: 1, districtIds };
  const districtScope: Scope = { kind: "district", stateId: 1, districtId: districtIds[0]! };

  // The state's figures are the whole register's, block by block, and the sum of its districts' summaries.
  const state = await getBacklogSummary(db, stateScope, now);
  assertSameFigures(summaryFigures(state), await naiveFigures(pool, now), size);
  const perDistrictSummaries = await Promise.all(districtIds.map((id) => getBacklogSummary(db, { kind: "district", stateId: 1, districtId: id }, now)));
  const summed = sumFigures(perDistrictSummaries.map((s) => s.district));
  if (JSON.stringify(summed) !== JSON.stringify(state.district)) throw new Error(`state summary ${JSON.stringify(state.district)} ≠ sum of its districts ${JSON.stringify(summed)}`);
  console.log(`  check: state summary = naive aggregate for all ${state.blocks.length} blocks, and = the sum of the ${districts} district summaries`);
  console.log(`  ${count(state.district.pending)} pending in the state (${count(state.district.overdue)} overdue); ${count(perDistrictSummaries[0]!.district.pending)} in district 1`);
  console.log(`  plan, state floor: ${await planSummary(pool, floorQuery(districtIds))}`);

  const runs: { name: string; run: () => Promise<unknown> }[] = [
    { name: "state summary (getBacklogSummary)", run: () => getBacklogSummary(db, stateScope, now) },
    { name: "one district's summary", run: () => getBacklogSummary(db, districtScope, now) },
    { name: "floor: pending count, state", run: () => pool.query(floorQuery(districtIds)) },
    { name: "floor: pending count, district", run: () => pool.query(floorQuery([districtIds[0]!])) },
  ];
  const t: Timing[] = [];
  for (const r of runs) {
    t.push(await measure(r.run, iterations, warmup));
    console.log(`  ${r.name.padEnd(36)} p50 ${ms(t.at(-1)!.p50).padStart(7)} ms   p95 ${ms(t.at(-1)!.p95).padStart(7)} ms`);
  }
  const [st, di, fs, fd] = t as [Timing, Timing, Timing, Timing];
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  console.log(`\n== State case results (${iterations} timed runs after ${warmup} warm-up; ms) ==`);
  console.log(
    table(
      ["", "state", "one district", "state / district", "state / its floor", "district / its floor"],
      [
        ["p50", ms(st.p50), ms(di.p50), x(st.p50, di.p50), x(st.p50, fs.p50), x(di.p50, fd.p50)],
        ["p95", ms(st.p95), ms(di.p95), x(st.p95, di.p95), x(st.p95, fs.p95), x(di.p95, fd.p95)],
      ],
    ),
  );
  console.log(`floors (raw pending count on the pending index): state p50 ${ms(fs.p50)} / p95 ${ms(fs.p95)} ms, district p50 ${ms(fd.p50)} / p95 ${ms(fd.p95)} ms`);
  console.log(`state overview within ${GOAL_RATIO}x of one district (p95): ${st.p95 <= GOAL_RATIO * di.p95 ? "yes" : "no"}`);
  console.log(`state overview under ${GOAL_P95_MS} ms p95: ${st.p95 < GOAL_P95_MS ? "yes" : "no"}`);
}
