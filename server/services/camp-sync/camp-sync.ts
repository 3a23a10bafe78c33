/**
 * A camp device's sync (issue 14): each record the device made offline is checked with the register import's own
 * rules, lands as a PENDING vaccination record of the caller's block (so the counters and live events move as for
 * an import), and is answered on its own: created, already present (its client id was synced before), or rejected
 * with a reason the person at the camp can act on. The whole batch is one transaction, so a batch cut off midway
 * leaves nothing half-written, and sending it again creates nothing twice.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";
import { englishText } from "@/server/errors/app-error";
import { hashIdNumber } from "@/server/services/imports/id-number";
import { parseCampEntry, type CampEntry, type CampEntryCells } from "@/core/domain/camp-entry";
import { CAMP_DRIFT_FLAG_MS, type CampRecordResult, type CampSyncBody, type CampSyncResult } from "@/core/contracts/camp-sync";
import { campIdsFor } from "@/server/services/camp-sync/camp-places";
import { recordDeviceSync } from "@/server/services/camp-sync/camp-devices";
import { campVaccinesOf } from "@/server/services/camp-sync/camp-vaccines";
import { vaccineCatalogue } from "@/core/domain/vaccine-catalogue";

type Tx = Prisma.TransactionClient;

/** The caller's place: the block always comes from the signed-in user, never from the body. */
export type CampActor = { userId: number; districtId: number; blockId: number };
export type CampSyncOptions = { now: Date; idHashKey: string };

// The same key as the register import's lock (register-import.ts): camp syncs and imports take turns, because the
// "same person and dose" rule has no unique index to lean on.
const IMPORT_LOCK_KEY = 2_021_061_601;

type Record = CampSyncBody["records"][number];
type Prepared = { index: number; record: Record; row: CampEntry; idHash: string };

export async function syncCampRecords(db: Db, actor: CampActor, body: CampSyncBody, options: CampSyncOptions): Promise<CampSyncResult> {
  const receivedAt = options.now;
  const clockDriftMs = clamp(Date.parse(body.deviceTime) - receivedAt.getTime());
  const results = await db.$transaction((tx) => syncInTransaction(tx, actor, body, { ...options, clockDriftMs }), { timeout: 60_000, maxWait: 30_000 });
  const count = (status: CampRecordResult["status"]) => results.filter((r) => r.status === status).length;
  return {
    receivedAt: receivedAt.toISOString(),
    clockDriftMs,
    driftFlagged: Math.abs(clockDriftMs) > CAMP_DRIFT_FLAG_MS,
    created: count("created"),
    alreadyPresent: count("alreadyPresent"),
    rejected: count("rejected"),
    results,
  };
}

async function syncInTransaction(tx: Tx, actor: CampActor, body: CampSyncBody, options: CampSyncOptions & { clockDriftMs: number }): Promise<CampRecordResult[]> {
  const { now, clockDriftMs } = options;
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock($1::bigint)`, IMPORT_LOCK_KEY);
  const [block] = await tx.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM blocks WHERE district_id = $1 AND id = $2`, actor.districtId, actor.blockId);
  const blockName = block?.name ?? String(actor.blockId);
  const results: CampRecordResult[] = body.records.map((r) => ({ clientId: r.clientId, status: "rejected" }));
  const reject = (i: number, reasonKey: NonNullable<CampRecordResult["reasonKey"]>, params: Record_<string>) => {
    const shown = reasonKey === "serialTaken" ? { ...params, by: englishText(`camp.${params.by}` as "camp.byDevice") } : params;
    results[i] = { clientId: body.records[i]!.clientId, status: "rejected", reasonKey, reason: englishText(`camp.${reasonKey}`, shown), params };
  };

  // Synced before (by any device of the district: a client id is a uuid, so it is this record).
  const known = await tx.$queryRawUnsafe<{ client_id: string }[]>(
    `SELECT client_id::text FROM camp_records WHERE district_id = $1 AND client_id = ANY($2::uuid[])`,
    actor.districtId,
    body.records.map((r) => r.clientId),
  );
  const present = new Set(known.map((k) => k.client_id));
  const vaccines = vaccineCatalogue(await campVaccinesOf(tx, actor.districtId));

  const prepared: Prepared[] = [];
  const seenClients = new Set<string>();
  body.records.forEach((record, index) => {
    if (present.has(record.clientId) || seenClients.has(record.clientId)) {
      results[index] = { clientId: record.clientId, status: "alreadyPresent" };
      return;
    }
    seenClients.add(record.clientId);
    if (record.blockId !== undefined && record.blockId !== actor.blockId) return reject(index, "otherBlock", { block: blockName });
    const parsed = parseCampEntry(cellsOf(record), vaccinatedAt(record, clockDriftMs, now), now, vaccines);
    if (!parsed.ok) return reject(index, "invalid", { detail: parsed.problems.map((p) => p.reason).join("; ") });
    // The whole number goes into the keyed hash (as an import's full-number row does) and is dropped with the request.
    prepared.push({ index, record, row: parsed.entry, idHash: hashIdNumber(parsed.entry.idNumber, options.idHashKey) });
  });

  const accepted = await withoutClashes(tx, actor, prepared, reject);
  const created = await insertCampRecords(tx, actor, body.deviceId, accepted, { now, clockDriftMs });
  for (const p of accepted) {
    if (created.has(p.record.clientId)) results[p.index] = { clientId: p.record.clientId, status: "created" };
    // Only a writer that does not take the lock (none today) could have taken the serial meanwhile.
    else reject(p.index, "serialTaken", { serial: p.row.registerSerial, by: "byDevice" });
  }
  const settled = results.filter((r) => r.status !== "rejected").length;
  await recordDeviceSync(tx, actor, { deviceId: body.deviceId, label: body.label ?? null, deviceTime: new Date(body.deviceTime), now, clockDriftMs, waiting: Math.max(0, body.waiting - settled), created: created.size });
  return results;
}

type Record_<T> = { [key: string]: T };

/** Refuses a serial another entry of the block already has, and a dose the same person already has in the district. */
async function withoutClashes(tx: Tx, actor: CampActor, prepared: Prepared[], reject: (i: number, key: "serialTaken" | "sameDose", params: Record_<string>) => void): Promise<Prepared[]> {
  if (prepared.length === 0) return [];
  const serials = await tx.$queryRawUnsafe<{ register_serial: string; device_id: string | null }[]>(
    `SELECT r.register_serial, c.device_id::text AS device_id FROM vaccination_records r
     LEFT JOIN camp_records c ON c.district_id = r.district_id AND c.record_id = r.id
     WHERE r.district_id = $1 AND r.block_id = $2 AND r.register_serial = ANY($3::text[])`,
    actor.districtId,
    actor.blockId,
    prepared.map((p) => p.row.registerSerial),
  );
  const serialOwner = new Map(serials.map((s) => [s.register_serial, s.device_id]));
  const doses = await tx.$queryRawUnsafe<{ id_hash: string; dose: number }[]>(
    `SELECT DISTINCT r.id_hash, r.dose::int AS dose FROM vaccination_records r
     JOIN unnest($2::text[], $3::int[]) AS t(id_hash, dose) ON r.district_id = $1 AND r.id_hash = t.id_hash AND r.dose = t.dose`,
    actor.districtId,
    prepared.map((p) => p.idHash),
    prepared.map((p) => p.row.dose),
  );
  const takenDoses = new Set(doses.map((d) => `${d.id_hash}\u0000${d.dose}`));
  const batchSerials = new Set<string>();
  return prepared.filter((p) => {
    const serial = p.row.registerSerial;
    const dose = `${p.idHash}\u0000${p.row.dose}`;
    if (serialOwner.has(serial) || batchSerials.has(serial)) {
      const owner = serialOwner.get(serial);
      reject(p.index, "serialTaken", { serial, by: batchSerials.has(serial) ? "byThisDevice" : owner === undefined || owner === null ? "byImport" : "byDevice" });
      return false;
    }
    if (takenDoses.has(dose)) {
      reject(p.index, "sameDose", { name: p.row.beneficiaryName, dose: String(p.row.dose) });
      return false;
    }
    batchSerials.add(serial);
    takenDoses.add(dose);
    return true;
  });
}

/** One statement: the records (PENDING), their first status change and their client ids; returns the client ids written. */
async function insertCampRecords(tx: Tx, actor: CampActor, deviceId: string, accepted: Prepared[], at: { now: Date; clockDriftMs: number }): Promise<Set<string>> {
  if (accepted.length === 0) return new Set();
  const campIds = await campIdsFor(tx, actor, accepted.map((p) => ({ site: p.row.site, campDate: p.row.campDate })));
  const rows = JSON.stringify(
    accepted.map((p, i) => {
      const r = p.row;
      return [campIds[i], r.registerSerial, r.vaccinatedAt.toISOString(), r.dose, r.vaccine, r.beneficiaryName, r.birthYear, r.sex, r.mobile, r.idType, r.idLast4, p.idHash, p.record.clientId, new Date(p.record.deviceTime).toISOString()];
    }),
  );
  const written = await tx.$queryRawUnsafe<{ client_id: string }[]>(
    `WITH input AS (
       SELECT (r->>0)::int AS camp_id, r->>1 AS register_serial, (r->>2)::timestamp(3) AS vaccinated_at, (r->>3)::smallint AS dose,
         (r->>4) AS vaccine, r->>5 AS beneficiary_name, (r->>6)::smallint AS birth_year, (r->>7)::"Sex" AS sex, r->>8 AS mobile,
         (r->>9)::"IdType" AS id_type, r->>10 AS id_last4, r->>11 AS id_hash, (r->>12)::uuid AS client_id, (r->>13)::timestamp(3) AS device_time
       FROM jsonb_array_elements($1::jsonb) AS r
     ),
     inserted AS (
       INSERT INTO vaccination_records (district_id, block_id, camp_id, register_serial, vaccinated_at, dose, vaccine, beneficiary_name, birth_year,
         sex, mobile, id_type, id_last4, id_hash, status, created_at, updated_at)
       SELECT $2::int, $3::int, camp_id, register_serial, vaccinated_at, dose, vaccine, beneficiary_name, birth_year,
         sex, mobile, id_type, id_last4, id_hash, 'PENDING', $4::timestamp(3), $4::timestamp(3) FROM input
       ON CONFLICT (district_id, block_id, register_serial) DO NOTHING
       RETURNING id, register_serial
     ),
     history AS (
       INSERT INTO status_changes (district_id, record_id, from_status, to_status, changed_at, changed_by_id, source)
       SELECT $2::int, id, NULL, 'PENDING', $4::timestamp(3), $5::int, 'CAMP_SYNC' FROM inserted
     )
     INSERT INTO camp_records (district_id, client_id, record_id, block_id, device_id, device_time, received_at, clock_drift_ms)
     SELECT $2::int, t.client_id, i.id, $3::int, $6::uuid, t.device_time, $4::timestamp(3), $7::int FROM inserted i JOIN input t USING (register_serial)
     RETURNING client_id::text`,
    rows,
    actor.districtId,
    actor.blockId,
    at.now.toISOString(),
    actor.userId,
    deviceId,
    at.clockDriftMs,
  );
  return new Set(written.map((w) => w.client_id));
}

/**
 * When the dose was given, by the server's clock: the device's time corrected by the offset its clock had at this
 * sync (a phone set 2 hours ahead does not make a dose "in the future"); never later than now.
 */
function vaccinatedAt(record: Record, clockDriftMs: number, now: Date): Date {
  const corrected = Date.parse(record.deviceTime) - (Math.abs(clockDriftMs) > CAMP_DRIFT_FLAG_MS ? clockDriftMs : 0);
  return new Date(Math.min(corrected, now.getTime()));
}

function cellsOf(record: Record): CampEntryCells {
  return {
    register_serial: record.registerSerial,
    site: record.site,
    beneficiary_name: record.name,
    birth_year: String(record.birthYear),
    gender: record.sex,
    mobile: record.mobile ?? "",
    id_type: record.idType,
    id_number: record.idNumber,
    dose: String(record.dose),
    vaccine: record.vaccine,
  };
}

function clamp(ms: number): number {
  return Math.max(-2_000_000_000, Math.min(2_000_000_000, Math.round(ms)));
}
