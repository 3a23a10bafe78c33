/**
 * Loads the demo story into the database once, and on later starts keeps it current: the anchor ("now" of the
 * story) is stored in app_settings, and when whole days have passed, every demo timestamp moves forward by
 * that many days so the backlog still looks like this morning's. One transaction under an advisory lock,
 * so two processes starting together cannot seed twice. The portal-probe story (probe-history.ts) is written
 * with the records, and written again for the new anchor whenever they move. A demo district that has no records
 * yet (a database seeded before it was part of the demo) gets its story at the current anchor.
 */
import "server-only";
import { hashPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
import { hashIdNumber } from "@/server/services/imports/id-number";
import type { Role } from "@/server/generated/prisma/enums";
import { buildDemoScenario } from "@/server/seed/demo-scenario";
import { DAY_MS } from "@/server/seed/ist-time";
import { type DbClient, type DemoPlaces, type ReferenceData, ensureDemoPlaces } from "@/server/seed/reference-data";
import { BHAGALPUR_PLAN, DEMO_PLANS, type DistrictPlan } from "@/server/seed/scenario-plan";
import { BANKA, BHAGALPUR } from "@/server/seed/demo-places";
import type { DemoScenario } from "@/server/seed/scenario-types";
import { ensureDemoProbeHistory } from "@/server/seed/probe-history";
import { insertScenario } from "@/server/seed/seed-bulk";
import { shiftScenario, storyAnchor } from "@/server/seed/story-clock";

export const DEMO_ANCHOR_KEY = "demo.anchor";
export const DEMO_PASSWORD = "demo-pass-2021";
// Any constant works; it only has to be the same in every process that seeds this database.
const SEED_LOCK_KEY = 1_621_062_021;
const TRANSACTION_TIMEOUT_MS = 180_000;
// Moves camp dates out of the way first: a one-step shift can collide with the next camp at the same site.
const DATE_PARKING_DAYS = 400_000;

/** `district: null` for the state officer (the demo state's); `block` for block roles. */
type DemoUser = { username: string; displayName: string; role: Role; district: string | null; block: string | null };

export const DEMO_USERS: readonly DemoUser[] = [
  { username: "sio.bihar", displayName: "State Immunization Officer, Bihar", role: "STATE_OFFICER", district: null, block: null },
  { username: "dio", displayName: "District Immunization Officer", role: "DISTRICT_OFFICER", district: BHAGALPUR.name, block: null },
  { username: "sup.pirpainti", displayName: "Block Supervisor, Pirpainti", role: "BLOCK_SUPERVISOR", district: BHAGALPUR.name, block: "Pirpainti" },
  { username: "sup.sultanganj", displayName: "Block Supervisor, Sultanganj", role: "BLOCK_SUPERVISOR", district: BHAGALPUR.name, block: "Sultanganj" },
  { username: "op.pirpainti", displayName: "Data Operator, Pirpainti", role: "DATA_OPERATOR", district: BHAGALPUR.name, block: "Pirpainti" },
  { username: "helpdesk", displayName: "Helpdesk, District Health Office", role: "HELPDESK", district: BHAGALPUR.name, block: null },
  { username: "dio.banka", displayName: "District Immunization Officer, Banka", role: "DISTRICT_OFFICER", district: BANKA.name, block: null },
  { username: "sup.amarpur", displayName: "Block Supervisor, Amarpur", role: "BLOCK_SUPERVISOR", district: BANKA.name, block: "Amarpur" },
];

export type SeedDemoOptions = { now: Date; idHashKey: string; log?: (message: string) => void };
export type SeedDemoResult = { created: boolean; shiftedDays: number };

export async function seedDemoData(db: Db, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const log = options.log ?? (() => undefined);
  // bcrypt and the generator are slow-ish, so they run before the transaction opens, and only when needed.
  const passwordHashes = await hashMissingPasswords(db);
  const hashId = (idNumber: string) => hashIdNumber(idNumber, options.idHashKey);
  /** One district's story as of `now` (its anchor is `now`'s story anchor, moved to `now`). */
  const build = (plan: DistrictPlan, now: Date): DemoScenario => {
    const started = performance.now();
    const anchor = storyAnchor(now);
    const scenario = shiftScenario(buildDemoScenario(anchor, hashId, plan), now.getTime() - anchor.getTime());
    log(`Generated ${scenario.records.length} demo records for ${plan.district} in ${elapsed(started)}`);
    return scenario;
  };
  const prebuilt = (await readAnchor(db)) ? null : DEMO_PLANS.map((plan) => build(plan, options.now));
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      const places = await ensureDemoPlaces(tx, options.now);
      const operatorByBlock = await ensureDemoUsers(tx, places, passwordHashes);
      const anchor = await readAnchor(tx);
      const home = placeOf(places, BHAGALPUR_PLAN.district);
      if (anchor) {
        const shiftedDays = await keepCurrent(tx, anchor, options.now, log);
        // The probe story is written again for the moved anchor (and once for data seeded before it existed).
        const storyNow = new Date(anchor.getTime() + shiftedDays * DAY_MS);
        await insertMissingDistricts(tx, places, operatorByBlock, (plan) => build(plan, storyNow), log);
        await ensureDemoProbeHistory(tx, { now: storyNow, ...home, regenerate: shiftedDays > 0, log });
        return { created: false, shiftedDays };
      }
      const scenarios = prebuilt ?? DEMO_PLANS.map((plan) => build(plan, options.now));
      const started = performance.now();
      for (const scenario of scenarios) await insertScenario(tx, scenario, placeOf(places, scenario.district), operatorByBlock, log);
      await ensureDemoProbeHistory(tx, { now: scenarios[0]!.anchor, ...home, regenerate: true, log });
      log(`Wrote the demo data in ${elapsed(started)}`);
      await writeAnchor(tx, scenarios[0]!.anchor);
      return { created: true, shiftedDays: 0 };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
}

const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function readAnchor(db: DbClient): Promise<Date | null> {
  const row = await db.appSetting.findUnique({ where: { key: DEMO_ANCHOR_KEY } });
  if (!row) return null;
  const anchor = new Date(row.value);
  if (Number.isNaN(anchor.getTime())) throw new Error(`app_settings "${DEMO_ANCHOR_KEY}" is not a date: ${row.value}`);
  return anchor;
}

async function writeAnchor(db: DbClient, anchor: Date): Promise<void> {
  const value = anchor.toISOString();
  await db.appSetting.upsert({ where: { key: DEMO_ANCHOR_KEY }, create: { key: DEMO_ANCHOR_KEY, value }, update: { value } });
}

async function hashMissingPasswords(db: Db): Promise<Map<string, string>> {
  const existing = await db.user.findMany({ where: { username: { in: DEMO_USERS.map((u) => u.username) } }, select: { username: true } });
  const have = new Set(existing.map((u) => u.username));
  const missing = DEMO_USERS.filter((u) => !have.has(u.username));
  const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)));
  return new Map(missing.map((u, i) => [u.username, hashes[i]!]));
}

function placeOf(places: DemoPlaces, district: string): ReferenceData {
  const place = places.districts.get(district);
  if (!place) throw new Error(`demo seed: ${district} is not a demo district`);
  return place;
}

/** Districts of the demo without a single record yet get their story (at the current anchor). */
async function insertMissingDistricts(
  tx: DbClient,
  places: DemoPlaces,
  operatorByBlock: ReadonlyMap<number, number>,
  build: (plan: DistrictPlan) => DemoScenario,
  log: (message: string) => void,
): Promise<void> {
  for (const plan of DEMO_PLANS) {
    const place = placeOf(places, plan.district);
    if (await tx.vaccinationRecord.findFirst({ where: { districtId: place.districtId }, select: { id: true } })) continue;
    await insertScenario(tx, build(plan), place, operatorByBlock, log);
  }
}

/** Creates missing demo accounts (existing ones keep their password); returns each block's data operator. */
async function ensureDemoUsers(tx: DbClient, places: DemoPlaces, passwordHashes: ReadonlyMap<string, string>): Promise<Map<number, number>> {
  for (const user of DEMO_USERS) {
    const passwordHash = passwordHashes.get(user.username);
    if (!passwordHash) continue;
    const district = user.district ? placeOf(places, user.district) : null;
    const place = {
      stateId: district ? null : places.stateId,
      districtId: district?.districtId ?? null,
      blockId: user.block && district ? (district.blockIds.get(user.block) ?? null) : null,
    };
    await tx.user.upsert({
      where: { username: user.username },
      create: { username: user.username, displayName: user.displayName, role: user.role, ...place, passwordHash },
      update: {},
    });
  }
  const operators = await tx.user.findMany({ where: { role: "DATA_OPERATOR", blockId: { not: null } }, orderBy: { id: "asc" } });
  const byBlock = new Map<number, number>();
  for (const op of operators) if (op.blockId !== null && !byBlock.has(op.blockId)) byBlock.set(op.blockId, op.id);
  return byBlock;
}

async function keepCurrent(tx: DbClient, anchor: Date, now: Date, log: (message: string) => void): Promise<number> {
  const days = Math.floor((now.getTime() - anchor.getTime()) / DAY_MS);
  if (days < 1) return 0;
  await shiftDemoTimestamps(tx, days, now);
  await writeAnchor(tx, new Date(anchor.getTime() + days * DAY_MS));
  log(`Moved the demo data ${days} day(s) forward`);
  return days;
}

/**
 * Capped at `now`: a change someone made in the app after the anchor could otherwise land in the future.
 * LEAST ignores NULLs, hence the CASE for entered_at.
 */
async function shiftDemoTimestamps(tx: DbClient, days: number, now: Date): Promise<void> {
  const moved = (column: string) => `LEAST(${column} + $1::int * interval '1 day', $2::timestamp(3))`;
  const nowIso = now.toISOString();
  await tx.$executeRawUnsafe(
    `UPDATE vaccination_records SET vaccinated_at = ${moved("vaccinated_at")},
       entered_at = CASE WHEN entered_at IS NULL THEN NULL ELSE ${moved("entered_at")} END,
       created_at = ${moved("created_at")}, updated_at = ${moved("updated_at")}`,
    days,
    nowIso,
  );
  await tx.$executeRawUnsafe(`UPDATE status_changes SET changed_at = ${moved("changed_at")}`, days, nowIso);
  await tx.$executeRawUnsafe(`UPDATE camps SET date = date + $1::int`, DATE_PARKING_DAYS + days);
  await tx.$executeRawUnsafe(`UPDATE camps SET date = date - $1::int`, DATE_PARKING_DAYS);
  await tx.$executeRawUnsafe(`UPDATE mega_camps SET date = date + $1::int`, days);
}
