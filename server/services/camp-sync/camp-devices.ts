/**
 * The camp devices of a block (issue 14): what each device's last sync said, for the supervisor's "who has not
 * synced lately" view. The device reports how many records are still waiting on it; the server keeps its own clock
 * next to the device's, so a phone set to the wrong time is visible before its records are.
 */
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { scopeSql, type Scope } from "@/server/auth/scope";
import { istDateKey } from "@/core/time/ist";
import { CAMP_DRIFT_FLAG_MS, type CampDevice } from "@/core/contracts/camp-sync";

type Tx = Prisma.TransactionClient;

export type DeviceSync = { deviceId: string; label: string | null; deviceTime: Date; now: Date; clockDriftMs: number; waiting: number; created: number };

/** One row per (block, device): the latest sync's facts; "synced today" restarts on the first sync of an IST day. */
export async function recordDeviceSync(tx: Tx, place: { userId: number; districtId: number; blockId: number }, sync: DeviceSync): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO camp_devices (district_id, block_id, device_id, user_id, label, first_seen_at, last_sync_at, last_device_time, clock_drift_ms,
       waiting_reported, synced_day, synced_today)
     VALUES ($1, $2, $3::uuid, $4, $5, $6::timestamp(3), $6::timestamp(3), $7::timestamp(3), $8, $9, $10::date, $11)
     ON CONFLICT (district_id, block_id, device_id) DO UPDATE SET
       user_id = EXCLUDED.user_id,
       label = COALESCE(EXCLUDED.label, camp_devices.label),
       last_sync_at = EXCLUDED.last_sync_at,
       last_device_time = EXCLUDED.last_device_time,
       clock_drift_ms = EXCLUDED.clock_drift_ms,
       waiting_reported = EXCLUDED.waiting_reported,
       synced_today = CASE WHEN camp_devices.synced_day = EXCLUDED.synced_day THEN camp_devices.synced_today + EXCLUDED.synced_today ELSE EXCLUDED.synced_today END,
       synced_day = EXCLUDED.synced_day`,
    place.districtId,
    place.blockId,
    sync.deviceId,
    place.userId,
    sync.label,
    sync.now.toISOString(),
    sync.deviceTime.toISOString(),
    sync.clockDriftMs,
    sync.waiting,
    istDateKey(sync.now),
    sync.created,
  );
}

type Row = {
  device_id: string;
  label: string | null;
  block: string;
  operator: string;
  last_sync_at: Date;
  synced_day: string;
  synced_today: number;
  waiting_reported: number;
  clock_drift_ms: number;
};

const DAY_MS = 86_400_000;

/** The devices of the blocks in scope, the longest silent first. */
export async function listCampDevices(db: Db, scope: Scope, now: Date, blockId?: number): Promise<CampDevice[]> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT d.device_id::text AS device_id, d.label, b.name AS block, u.display_name AS operator, d.last_sync_at, d.synced_day::text AS synced_day,
      d.synced_today, d.waiting_reported, d.clock_drift_ms
    FROM camp_devices d JOIN blocks b ON b.district_id = d.district_id AND b.id = d.block_id JOIN users u ON u.id = d.user_id
    WHERE ${scopeSql(scope, { district: Prisma.sql`d.district_id`, block: Prisma.sql`d.block_id` })}
      ${blockId === undefined ? Prisma.empty : Prisma.sql`AND d.block_id = ${blockId}`}
    ORDER BY d.last_sync_at ASC, d.device_id
    LIMIT 1000`);
  const today = istDateKey(now);
  return rows.map((r) => ({
    deviceId: r.device_id,
    label: r.label,
    block: r.block,
    operator: r.operator,
    lastSyncAt: r.last_sync_at.toISOString(),
    syncedToday: r.synced_day === today ? r.synced_today : 0,
    waiting: r.waiting_reported,
    clockDriftMs: r.clock_drift_ms,
    driftFlagged: Math.abs(r.clock_drift_ms) > CAMP_DRIFT_FLAG_MS,
    daysSinceLastSync: Math.max(0, Math.floor((now.getTime() - r.last_sync_at.getTime()) / DAY_MS)),
  }));
}
