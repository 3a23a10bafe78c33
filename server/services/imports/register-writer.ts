/**
 * Set-based writes of an import: one INSERT ... SELECT per batch of records (with its
 * PENDING history rows in the same statement), and one per batch of rejections. Statement-level triggers
 * keep the counter tables exact, once per batch instead of once per row.
 */
import "server-only";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Beneficiary } from "@/core/domain/beneficiary";

type Tx = Prisma.TransactionClient;

export type PreparedRecord = Beneficiary & {
  rowNumber: number;
  blockId: number;
  site: string;
  campDate: string;
  registerSerial: string;
  vaccinatedAt: Date;
  dose: number;
  /** A code of the state's vaccine catalogue (the parser checked it). */
  vaccine: string;
  idHash: string;
};

/** `districtId`: the import's district; every row written carries it, and duplicates are looked for within it. */
export type WriteContext = { importId: number; districtId: number; actorId: number; now: Date };

/**
 * Inserts the records that are new and returns how many went in. A record is already present when its
 * block already has its register serial (the unique key) or when the same person (ID hash) already has a
 * record of that dose; both are checked against everything committed and everything this transaction wrote
 * before. The caller removes duplicates within the batch itself (one statement cannot see its own rows).
 */
export async function insertRecords(tx: Tx, records: readonly PreparedRecord[], campIds: readonly number[], ctx: WriteContext): Promise<number> {
  if (records.length === 0) return 0;
  // One JSON parameter (an array of row arrays) instead of one array parameter per column: the client
  // passes a single string through, which costs a fraction of serialising 13 arrays of 5,000 values.
  const rows = JSON.stringify(
    records.map((r, i) => [
      r.blockId,
      campIds[i],
      r.registerSerial,
      r.vaccinatedAt.toISOString(),
      r.dose,
      r.vaccine,
      r.beneficiaryName,
      r.birthYear,
      r.sex,
      r.mobile,
      r.idType,
      r.idLast4,
      r.idHash,
    ]),
  );
  const result = await tx.$queryRawUnsafe<{ created: number }[]>(
    `WITH input AS (
       SELECT (r->>0)::int AS block_id, (r->>1)::int AS camp_id, r->>2 AS register_serial, (r->>3)::timestamp(3) AS vaccinated_at,
         (r->>4)::smallint AS dose, r->>5 AS vaccine, r->>6 AS beneficiary_name, (r->>7)::smallint AS birth_year,
         (r->>8)::"Sex" AS sex, r->>9 AS mobile, (r->>10)::"IdType" AS id_type, r->>11 AS id_last4, r->>12 AS id_hash
       FROM jsonb_array_elements($1::jsonb) AS r
     ),
     inserted AS (
       INSERT INTO vaccination_records (district_id, block_id, camp_id, register_serial, vaccinated_at, dose, vaccine, beneficiary_name, birth_year,
         sex, mobile, id_type, id_last4, id_hash, status, created_at, updated_at, import_id)
       SELECT $5::int, t.block_id, t.camp_id, t.register_serial, t.vaccinated_at, t.dose, t.vaccine, t.beneficiary_name, t.birth_year,
         t.sex, t.mobile, t.id_type, t.id_last4, t.id_hash, 'PENDING', $2::timestamp(3), $2::timestamp(3), $3::int FROM input t
       -- LATERAL ... LIMIT 1 keeps this an index probe per row; as NOT EXISTS the planner may pick an anti
       -- join that reads the whole table for every batch.
       LEFT JOIN LATERAL (SELECT 1 AS hit FROM vaccination_records r WHERE r.district_id = $5::int AND r.id_hash = t.id_hash AND r.dose = t.dose LIMIT 1) same ON true
       WHERE same.hit IS NULL
       ON CONFLICT (district_id, block_id, register_serial) DO NOTHING
       RETURNING id
     ),
     history AS (
       INSERT INTO status_changes (district_id, record_id, from_status, to_status, changed_at, changed_by_id, source)
       SELECT $5::int, id, NULL, 'PENDING', $2::timestamp(3), $4::int, 'REGISTER_IMPORT' FROM inserted
       RETURNING 1
     )
     SELECT count(*)::int AS created FROM history`,
    rows,
    ctx.now.toISOString(),
    ctx.importId,
    ctx.actorId,
    ctx.districtId,
  );
  return result[0]?.created ?? 0;
}

export type Rejection = { rowNumber: number; column: string | null; reason: string; raw: Record<string, string> };

/** One JSON parameter rather than a jsonb[] array: no array-literal escaping of arbitrary cell text. */
export async function insertRejections(tx: Tx, batch: { importId: number; districtId: number }, rejections: readonly Rejection[]): Promise<void> {
  if (rejections.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO import_rejections (district_id, import_id, row_number, "column", reason, raw)
     SELECT $3::int, $1::int, x.row_number, x."column", x.reason, x.raw
     FROM jsonb_to_recordset($2::jsonb) AS x(row_number int, "column" text, reason text, raw jsonb)`,
    batch.importId,
    JSON.stringify(rejections.map((r) => ({ row_number: r.rowNumber, column: r.column, reason: r.reason, raw: r.raw }))),
    batch.districtId,
  );
}
