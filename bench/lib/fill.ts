import type pg from "pg";

const BLOCK_COUNT = 17;
const SITES_PER_BLOCK = 3;
const CAMP_DAYS = 10;
const CHUNK = 200_000;

/**
 * Records arrive in time order over the last 30 days (by default). A record aged a hours is still PENDING with probability
 * pendingPeak * (1 - a / pendingMaxAgeHours): ~2% of all records, a quarter of them past the 48 h deadline,
 * and, as in production, sitting on the most recent heap pages.
 */
export const SHAPE = {
  days: 30,
  pendingPeak: 0.3,
  pendingMaxAgeHours: 96,
  rejectedShare: 0.003,
} as const;

/**
 * One state with one district of 16 blocks + an urban unit (named "Block 01"…: the benchmark needs no real
 * places), sites and camps; plus a session-local lookup used by refill().
 */
export async function insertReferenceData(client: pg.ClientBase, now: Date): Promise<void> {
  await client.query(`INSERT INTO states (name, name_hi) VALUES ('Bench state', 'बेंच राज्य')`);
  await client.query(`INSERT INTO districts (state_id, name, name_hi, set_up_at) SELECT id, 'Bench district', 'बेंच ज़िला', $1 FROM states`, [now.toISOString()]);
  await client.query(
    `INSERT INTO blocks (district_id, name, name_hi, is_urban)
     SELECT (SELECT id FROM districts), 'Block ' || lpad(i::text, 2, '0'), 'प्रखंड ' || i, i = $1::int FROM generate_series(1, $1::int) i`,
    [BLOCK_COUNT],
  );
  await client.query(
    `INSERT INTO sites (district_id, block_id, name) SELECT b.district_id, b.id, b.name || ' site ' || s FROM blocks b, generate_series(1, $1::int) s`,
    [SITES_PER_BLOCK],
  );
  await client.query(
    `INSERT INTO camps (district_id, site_id, date, target) SELECT s.district_id, s.id, $1::date - d * 3, 300 FROM sites s, generate_series(0, $2::int - 1) d`,
    [now.toISOString().slice(0, 10), CAMP_DAYS],
  );
  await createBlockCampLookup(client);
  // Same data on every run, so figures are comparable between runs.
  await client.query(`SELECT setseed(0.42)`);
}

/**
 * The state case: more districts of the same state, each shaped like the first (17 blocks, sites, camps), so
 * refill(..., districts) spreads the records evenly over them. The first district keeps its ids.
 */
export async function addDistricts(client: pg.ClientBase, total: number, now: Date): Promise<void> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM districts`);
  for (let d = Number(rows[0]?.n ?? 0) + 1; d <= total; d++) {
    const { rows: made } = await client.query<{ id: number }>(
      `INSERT INTO districts (state_id, name, name_hi, set_up_at) SELECT id, 'Bench district ' || $1::int, 'बेंच ज़िला ' || $1::int, $2 FROM states RETURNING id`,
      [d, now.toISOString()],
    );
    const districtId = made[0]!.id;
    await client.query(
      `INSERT INTO blocks (district_id, name, name_hi, is_urban) SELECT $1::int, 'Block ' || lpad(i::text, 2, '0'), 'प्रखंड ' || i, i = $2::int FROM generate_series(1, $2::int) i`,
      [districtId, BLOCK_COUNT],
    );
    await client.query(
      `INSERT INTO sites (district_id, block_id, name) SELECT b.district_id, b.id, b.name || ' site ' || s FROM blocks b, generate_series(1, $2::int) s WHERE b.district_id = $1::int`,
      [districtId, SITES_PER_BLOCK],
    );
    await client.query(
      `INSERT INTO camps (district_id, site_id, date, target) SELECT s.district_id, s.id, $2::date - d * 3, 300 FROM sites s, generate_series(0, $3::int - 1) d WHERE s.district_id = $1::int`,
      [districtId, now.toISOString().slice(0, 10), CAMP_DAYS],
    );
  }
  await client.query(`DROP TABLE IF EXISTS bench_block_camps`);
  await createBlockCampLookup(client);
}

/** Blocks numbered 1… in id order (district by district), with their camps: what a record's block index picks. */
async function createBlockCampLookup(client: pg.ClientBase): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE bench_block_camps AS
    SELECT (row_number() OVER (ORDER BY b.id))::int AS idx, b.district_id, b.id AS block_id, array_agg(c.id ORDER BY c.id) AS camp_ids
    FROM blocks b JOIN sites s ON s.block_id = b.id JOIN camps c ON c.site_id = s.id
    GROUP BY b.district_id, b.id`);
}

// Volatile random() keeps each subquery from being flattened, so every row draws its numbers once.
// Row i of N is (N - i + jitter) slots old, so insertion order is vaccination order.
// Block index 1 + floor(17 * u^1.6) spreads records unevenly (~17% in the first block, ~4% in the last); with
// several districts, row i goes to district i mod D (17 blocks each), so every district gets the same shape.
const INSERT_CHUNK = `
INSERT INTO vaccination_records (district_id, block_id, camp_id, register_serial, vaccinated_at, dose, vaccine, beneficiary_name,
  birth_year, sex, mobile, id_type, id_last4, id_hash, status, entered_at, portal_ref, rejection_reason, created_at, updated_at)
SELECT bc.district_id, bc.block_id, bc.camp_ids[1 + r.i % cardinality(bc.camp_ids)], 'R' || lpad(r.i::text, 9, '0'), r.vaccinated_at,
  1 + r.i % 2, (ARRAY['COVISHIELD', 'COVAXIN', 'SPUTNIK_V'])[1 + r.i % 3], 'Beneficiary ' || r.i, 1940 + r.i % 66,
  CASE WHEN r.i % 100 = 0 THEN 'OTHER' WHEN r.i % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END::"Sex",
  CASE WHEN r.i % 4 = 0 THEN NULL ELSE '9' || lpad((r.i % 1000000000)::text, 9, '0') END,
  CASE WHEN r.i % 10 < 8 THEN 'AADHAAR' ELSE 'VOTER_ID' END::"IdType",
  lpad((r.i % 10000)::text, 4, '0'), md5('id-' || r.i), r.status, e.entered_at,
  CASE WHEN r.status = 'ENTERED' THEN 'CW' || r.i END,
  CASE WHEN r.status = 'REJECTED' THEN 'ID number mismatch' END,
  r.vaccinated_at, coalesce(e.entered_at, r.vaccinated_at)
FROM (
  SELECT g.i, g.u, $3::timestamp - g.age_h * interval '1 hour' AS vaccinated_at,
    CASE WHEN g.s < g.p_pending THEN 'PENDING' WHEN g.s < g.p_pending + $7::float8 THEN 'REJECTED' ELSE 'ENTERED' END::"RecordStatus" AS status
  FROM (
    SELECT x.i, x.u, x.s, x.age_h, greatest(0, $5::float8 * (1 - x.age_h / $6::float8)) AS p_pending
    FROM (
      SELECT i, random() AS u, random() AS s, ($2::int - i + random()) * ($4::float8 * 24 / $2::int) AS age_h
      FROM generate_series($1::int, $8::int) i
    ) x
  ) g
) r
CROSS JOIN LATERAL (SELECT CASE WHEN r.status = 'ENTERED' THEN least($3::timestamp, r.vaccinated_at + interval '18 hours') END AS entered_at) e
JOIN bench_block_camps bc ON bc.idx = (r.i % $9::int) * 17 + 1 + floor(17 * power(r.u, 1.6))::int
ORDER BY r.i`;

export type FillLog = (filled: number, target: number, rowsPerSecond: number) => void;

/**
 * Empties the register and refills it with `size` records in chunks (so progress can be shown), then ANALYZE.
 * Each size is a fresh register over `days`: appending to the smaller one would break the time order on disk.
 */
export async function refill(client: pg.ClientBase, size: number, now: Date, log: FillLog, days: number = SHAPE.days, districts = 1): Promise<void> {
  // TRUNCATE fires no DELETE trigger, so the counters are reset by hand. Autovacuum would set the
  // visibility map part-way through the timings and change the plans, so it is off for this table.
  await client.query(`BEGIN; TRUNCATE anomalies, status_changes, vaccination_records RESTART IDENTITY; DELETE FROM block_status_counts; DELETE FROM pending_hour_counts;
    ALTER TABLE vaccination_records SET (autovacuum_enabled = false); COMMIT`);
  for (let filled = 0; filled < size; ) {
    const upTo = Math.min(size, filled + CHUNK);
    const started = performance.now();
    await client.query(INSERT_CHUNK, [filled + 1, size, now.toISOString(), days, SHAPE.pendingPeak, SHAPE.pendingMaxAgeHours, SHAPE.rejectedShare, upTo, districts]);
    log(upTo, size, ((upTo - filled) * 1000) / (performance.now() - started));
    filled = upTo;
  }
  await client.query(process.env.BENCH_VACUUM === "1" ? `VACUUM (ANALYZE) vaccination_records` : `ANALYZE vaccination_records`);
  await client.query(`ANALYZE block_status_counts`);
  await client.query(`ANALYZE pending_hour_counts`);
}
