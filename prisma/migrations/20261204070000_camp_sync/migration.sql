-- The camp register on a phone (issue 14): camp staff record vaccinations offline and the device syncs them.

-- Camp staff tied to one block: records vaccinations on the camp app, sees nothing else. The users_place_fits_role
-- check already treats every role it does not name as a block role (no state of its own).
ALTER TYPE "Role" ADD VALUE IF NOT EXISTS 'VACCINATOR';

-- A record's first change when a camp device synced it.
ALTER TYPE "ChangeSource" ADD VALUE IF NOT EXISTS 'CAMP_SYNC';

-- One device (a client-generated uuid) working for one block: what its last sync told the server. The device
-- reports how many records are still waiting on it; the server keeps its own receive time next to the device's
-- clock, so the supervisor sees a clock that is off and a device that has not synced for days.
CREATE TABLE "camp_devices" (
  "district_id" INTEGER NOT NULL,
  "block_id" INTEGER NOT NULL,
  "device_id" UUID NOT NULL,
  "user_id" INTEGER NOT NULL,
  "label" TEXT,
  "first_seen_at" TIMESTAMP(3) NOT NULL,
  "last_sync_at" TIMESTAMP(3) NOT NULL,
  "last_device_time" TIMESTAMP(3) NOT NULL,
  "clock_drift_ms" INTEGER NOT NULL,
  "waiting_reported" INTEGER NOT NULL DEFAULT 0,
  -- The IST day that synced_today counts (it restarts at 0 on the first sync of a new day).
  "synced_day" DATE NOT NULL,
  "synced_today" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "camp_devices_pkey" PRIMARY KEY ("district_id", "block_id", "device_id")
);
ALTER TABLE "camp_devices" ADD CONSTRAINT "camp_devices_block_fkey" FOREIGN KEY ("district_id", "block_id") REFERENCES "blocks"("district_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "camp_devices" ADD CONSTRAINT "camp_devices_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Which vaccination record a camp device's record became: the client id makes a sync idempotent (a batch sent
-- twice finds its records here and creates nothing twice). A side table keeps the register's own columns as they are.
CREATE TABLE "camp_records" (
  "district_id" INTEGER NOT NULL,
  "client_id" UUID NOT NULL,
  "record_id" INTEGER NOT NULL,
  "block_id" INTEGER NOT NULL,
  "device_id" UUID NOT NULL,
  "device_time" TIMESTAMP(3) NOT NULL,
  "received_at" TIMESTAMP(3) NOT NULL,
  -- The device clock's offset from the server's when the record arrived (positive: the device is ahead).
  "clock_drift_ms" INTEGER NOT NULL,
  CONSTRAINT "camp_records_pkey" PRIMARY KEY ("district_id", "client_id")
);
CREATE UNIQUE INDEX "camp_records_record_key" ON "camp_records"("district_id", "record_id");
CREATE INDEX "camp_records_device_idx" ON "camp_records"("district_id", "block_id", "device_id", "received_at");
ALTER TABLE "camp_records" ADD CONSTRAINT "camp_records_record_fkey" FOREIGN KEY ("district_id", "record_id") REFERENCES "vaccination_records"("district_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
