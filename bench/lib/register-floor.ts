/**
 * The floors for the import benchmark: the same records loaded by raw COPY into vaccination_records (same
 * indexes, foreign keys and counter triggers) with nothing parsed, validated or looked up; and the same plus
 * a COPY of their status_changes rows, which is everything the import itself has to write.
 */
import { pipeline } from "node:stream/promises";
import { Readable, Writable } from "node:stream";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

export const RECORD_COLUMNS =
  "id, district_id, block_id, camp_id, register_serial, vaccinated_at, dose, vaccine, beneficiary_name, birth_year, sex, mobile, id_type, id_last4, id_hash, status, created_at, updated_at, import_id";

const HISTORY_COLUMNS = "district_id, record_id, from_status, to_status, changed_at, changed_by_id, source";

export type Dump = { records: Buffer; history: Buffer };

/** The imported records and their history rows in COPY text format, to load again. */
export async function dumpImported(client: pg.PoolClient): Promise<Dump> {
  return {
    records: await dump(client, `SELECT ${RECORD_COLUMNS} FROM vaccination_records ORDER BY id`),
    history: await dump(client, `SELECT ${HISTORY_COLUMNS} FROM status_changes ORDER BY id`),
  };
}

async function dump(client: pg.PoolClient, select: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await pipeline(client.query(copyTo(`COPY (${select}) TO STDOUT`)), sink);
  return Buffer.concat(chunks);
}

export async function copyRecords(client: pg.PoolClient, data: Dump, withHistory: boolean): Promise<void> {
  await client.query("BEGIN");
  await pipeline(Readable.from([data.records]), client.query(copyFrom(`COPY vaccination_records (${RECORD_COLUMNS}) FROM STDIN`)));
  if (withHistory) await pipeline(Readable.from([data.history]), client.query(copyFrom(`COPY status_changes (${HISTORY_COLUMNS}) FROM STDIN`)));
  await client.query("COMMIT");
}

/**
 * Empties what an import wrote; with keepPlaces the camps it made stay (the COPY floor needs their ids).
 * TRUNCATE fires no DELETE triggers, so the counters are reset by hand.
 */
export async function resetImported(client: pg.PoolClient, keepPlaces = false): Promise<void> {
  await client.query(`TRUNCATE vaccination_records, status_changes, anomalies, import_rejections, import_batches RESTART IDENTITY`);
  await client.query(`DELETE FROM block_status_counts`);
  await client.query(`DELETE FROM pending_hour_counts`);
  if (keepPlaces) return;
  await client.query(`DELETE FROM camps`);
  await client.query(`DELETE FROM sites WHERE created_by_import_id IS NOT NULL`);
}
