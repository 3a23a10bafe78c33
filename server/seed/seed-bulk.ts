/**
 * Bulk SQL for the demo seed: ~95k records and ~190k status changes go in as a handful of
 * `INSERT ... SELECT FROM unnest(arrays)` statements, which loads in seconds where row-by-row ORM calls take
 * minutes. block_status_counts is left to the triggers, which fire once per statement.
 */
import "server-only";
import type { DbClient, ReferenceData } from "@/server/seed/reference-data";
import { dateKey } from "@/server/seed/ist-time";
import type { DemoRecord, DemoScenario } from "@/server/seed/scenario-types";

const BATCH = 10_000;

export type InsertLog = (message: string) => void;

export async function insertScenario(
  tx: DbClient,
  scenario: DemoScenario,
  ref: ReferenceData,
  operatorByBlock: ReadonlyMap<number, number>,
  log: InsertLog,
): Promise<void> {
  const megaCampIds = await insertMegaCamps(tx, scenario, ref.districtId);
  const siteIds = await insertSites(tx, scenario, ref);
  const campIds = await insertCamps(tx, scenario, ref.districtId, siteIds, megaCampIds);
  const blockIdOf = (record: DemoRecord) => mustGet(ref.blockIds, record.unit, "block");
  let changes = 0;
  for (let start = 0; start < scenario.records.length; start += BATCH) {
    const batch = scenario.records.slice(start, start + BATCH);
    changes += await insertRecordsWithHistory(tx, batch, { districtId: ref.districtId, blockIdOf, campIds, operatorByBlock });
  }
  log(`Inserted ${scenario.records.length} vaccination records and ${changes} status changes for ${scenario.district}`);
}

async function insertMegaCamps(tx: DbClient, scenario: DemoScenario, districtId: number): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const megaCamp of scenario.megaCamps) {
    const row = await tx.megaCamp.upsert({
      where: { districtId_name: { districtId, name: megaCamp.name } },
      create: { districtId, name: megaCamp.name, date: megaCamp.date },
      update: { date: megaCamp.date },
    });
    ids.set(megaCamp.key, row.id);
  }
  return ids;
}

const siteKey = (unit: string, site: string) => `${unit}\u0000${site}`;

async function insertSites(tx: DbClient, scenario: DemoScenario, ref: ReferenceData): Promise<Map<string, number>> {
  const rows = await tx.$queryRawUnsafe<{ id: number; block_id: number; name: string }[]>(
    `INSERT INTO sites (district_id, block_id, name) SELECT $3::int, * FROM unnest($1::int[], $2::text[])
     ON CONFLICT (district_id, block_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id, block_id, name`,
    scenario.sites.map((s) => mustGet(ref.blockIds, s.unit, "block")),
    scenario.sites.map((s) => s.name),
    ref.districtId,
  );
  const unitOfBlock = new Map([...ref.blockIds].map(([name, id]) => [id, name]));
  return new Map(rows.map((r) => [siteKey(mustGet(unitOfBlock, r.block_id, "block id"), r.name), r.id]));
}

/** Camp ids in the order of scenario.camps. */
async function insertCamps(
  tx: DbClient,
  scenario: DemoScenario,
  districtId: number,
  siteIds: ReadonlyMap<string, number>,
  megaCampIds: ReadonlyMap<string, number>,
): Promise<number[]> {
  const siteIdList = scenario.camps.map((c) => mustGet(siteIds, siteKey(c.unit, c.site), "site"));
  const dates = scenario.camps.map((c) => dateKey(c.date));
  const rows = await tx.$queryRawUnsafe<{ id: number; site_id: number; date: string }[]>(
    `INSERT INTO camps (district_id, site_id, date, mega_camp_id, target) SELECT $5::int, * FROM unnest($1::int[], $2::date[], $3::int[], $4::int[])
     ON CONFLICT (district_id, site_id, date) DO UPDATE SET mega_camp_id = EXCLUDED.mega_camp_id, target = EXCLUDED.target
     RETURNING id, site_id, date::text AS date`,
    siteIdList,
    dates,
    scenario.camps.map((c) => (c.megaCamp ? mustGet(megaCampIds, c.megaCamp, "mega camp") : null)),
    scenario.camps.map((c) => c.target),
    districtId,
  );
  const byKey = new Map(rows.map((r) => [`${r.site_id}/${r.date}`, r.id]));
  return scenario.camps.map((_, i) => mustGet(byKey, `${siteIdList[i]}/${dates[i]}`, "camp"));
}

type BatchContext = {
  districtId: number;
  blockIdOf: (record: DemoRecord) => number;
  campIds: readonly number[];
  operatorByBlock: ReadonlyMap<number, number>;
};

/**
 * Ids come from the table's own sequence up front, so the status changes can name their record directly
 * instead of being matched back by (block, serial) with an index probe per change.
 */
async function insertRecordsWithHistory(tx: DbClient, records: readonly DemoRecord[], ctx: BatchContext): Promise<number> {
  const ids = await reserveRecordIds(tx, records.length);
  await tx.$executeRawUnsafe(
    `INSERT INTO vaccination_records (district_id, id, block_id, camp_id, register_serial, vaccinated_at, dose, vaccine, beneficiary_name,
       birth_year, sex, mobile, id_type, id_last4, id_hash, status, entered_at, portal_ref, rejection_reason, created_at, updated_at)
     SELECT $21::int, * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::timestamp(3)[], $6::smallint[], $7::text[],
       $8::text[], $9::smallint[], $10::"Sex"[], $11::text[], $12::"IdType"[], $13::text[], $14::text[], $15::"RecordStatus"[],
       $16::timestamp(3)[], $17::text[], $18::text[], $19::timestamp(3)[], $20::timestamp(3)[])`,
    ids,
    ...recordColumns(records, ctx),
    ctx.districtId,
  );
  const changes = records.flatMap((record, i) => record.history.map((change) => ({ id: ids[i]!, record, change })));
  return tx.$executeRawUnsafe(
    `INSERT INTO status_changes (district_id, record_id, from_status, to_status, changed_at, changed_by_id, note, source)
     SELECT $7::int, *, 'SEED'::"ChangeSource" FROM unnest($1::int[], $2::"RecordStatus"[], $3::"RecordStatus"[], $4::timestamp(3)[], $5::int[], $6::text[])`,
    changes.map((c) => c.id),
    changes.map((c) => c.change.from),
    changes.map((c) => c.change.to),
    changes.map((c) => c.change.at.toISOString()),
    changes.map((c) => ctx.operatorByBlock.get(ctx.blockIdOf(c.record)) ?? null),
    changes.map((c) => c.change.note),
    ctx.districtId,
  );
}

async function reserveRecordIds(tx: DbClient, count: number): Promise<number[]> {
  const rows = await tx.$queryRawUnsafe<{ id: number }[]>(
    `SELECT nextval(pg_get_serial_sequence('vaccination_records', 'id'))::int AS id FROM generate_series(1, $1::int)`,
    count,
  );
  return rows.map((row) => row.id);
}

function recordColumns(records: readonly DemoRecord[], ctx: BatchContext): unknown[][] {
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return [
    records.map(ctx.blockIdOf),
    records.map((r) => mustIndex(ctx.campIds, r.campIndex)),
    records.map((r) => r.registerSerial),
    records.map((r) => iso(r.vaccinatedAt)),
    records.map((r) => r.dose),
    records.map((r) => r.vaccine),
    records.map((r) => r.beneficiaryName),
    records.map((r) => r.birthYear),
    records.map((r) => r.sex),
    records.map((r) => r.mobile),
    records.map((r) => r.idType),
    records.map((r) => r.idLast4),
    records.map((r) => r.idHash),
    records.map((r) => r.status),
    records.map((r) => iso(r.enteredAt)),
    records.map((r) => r.portalRef),
    records.map((r) => r.rejectionReason),
    records.map((r) => iso(r.createdAt)),
    records.map((r) => iso(r.updatedAt)),
  ];
}

function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo seed: unknown ${what} ${String(key)}`);
  return value;
}

function mustIndex<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`demo seed: no item at index ${index}`);
  return item;
}
