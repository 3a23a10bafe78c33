-- Any district, a whole state (issue 12). The hierarchy becomes data (states → districts → blocks → sites, block
-- aliases), every fact table carries its district_id, and every key the imports and the reconciliation rely on
-- starts with it: a database distributed by district (Citus) would shard the fact tables on district_id and keep
-- states, districts, blocks and block_aliases as reference tables, with no change of keys (README, "Scale").
--
-- An installation that already holds a district (the single-district app: Bhagalpur) is moved into the state of
-- Bihar, which this migration creates only then; an empty database gets no reference data from a migration.

ALTER TYPE "Role" ADD VALUE 'STATE_OFFICER' BEFORE 'DISTRICT_OFFICER';

CREATE TABLE "states" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "lgd_code" TEXT,
    CONSTRAINT "states_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "states_name_key" ON "states"("name");
CREATE UNIQUE INDEX "states_lgd_code_key" ON "states"("lgd_code");

INSERT INTO "states" ("name", "name_hi")
SELECT 'Bihar', 'बिहार' WHERE EXISTS (SELECT 1 FROM "districts") OR EXISTS (SELECT 1 FROM "probe_targets");

-- ── Districts and blocks ────────────────────────────────────────────────────────────────────────────────────────
ALTER TABLE "districts" ADD COLUMN "state_id" INTEGER, ADD COLUMN "lgd_code" TEXT, ADD COLUMN "set_up_at" TIMESTAMP(3);
UPDATE "districts" SET "state_id" = (SELECT min("id") FROM "states"), "set_up_at" = now();
ALTER TABLE "districts" ALTER COLUMN "state_id" SET NOT NULL;
DROP INDEX "districts_name_key";
CREATE UNIQUE INDEX "districts_state_id_name_key" ON "districts"("state_id", "name");
ALTER TABLE "districts" ADD CONSTRAINT "districts_state_id_fkey" FOREIGN KEY ("state_id") REFERENCES "states"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "blocks" ADD COLUMN "lgd_code" TEXT;
DROP INDEX "blocks_name_key";
CREATE UNIQUE INDEX "blocks_district_id_name_key" ON "blocks"("district_id", "name");
CREATE UNIQUE INDEX "blocks_district_id_id_key" ON "blocks"("district_id", "id");

CREATE TABLE "block_aliases" (
    "id" SERIAL NOT NULL,
    "district_id" INTEGER NOT NULL,
    "block_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    CONSTRAINT "block_aliases_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "block_aliases_block_id_idx" ON "block_aliases"("block_id");
CREATE UNIQUE INDEX "block_aliases_district_id_key_key" ON "block_aliases"("district_id", "key");
ALTER TABLE "block_aliases" ADD CONSTRAINT "block_aliases_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "block_aliases" ADD CONSTRAINT "block_aliases_district_id_block_id_fkey" FOREIGN KEY ("district_id", "block_id") REFERENCES "blocks"("district_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ── Fact tables: add district_id, fill it from the row's block (or parent), then require it ─────────────────────
ALTER TABLE "sites" ADD COLUMN "district_id" INTEGER;
UPDATE "sites" s SET "district_id" = b."district_id" FROM "blocks" b WHERE b."id" = s."block_id";
ALTER TABLE "sites" ALTER COLUMN "district_id" SET NOT NULL;

ALTER TABLE "camps" ADD COLUMN "district_id" INTEGER;
UPDATE "camps" c SET "district_id" = s."district_id" FROM "sites" s WHERE s."id" = c."site_id";
ALTER TABLE "camps" ALTER COLUMN "district_id" SET NOT NULL;

-- The record triggers are off while the column is filled: the update changes no counted value.
ALTER TABLE "vaccination_records" DISABLE TRIGGER USER;
ALTER TABLE "vaccination_records" ADD COLUMN "district_id" INTEGER;
UPDATE "vaccination_records" r SET "district_id" = b."district_id" FROM "blocks" b WHERE b."id" = r."block_id";
ALTER TABLE "vaccination_records" ALTER COLUMN "district_id" SET NOT NULL;
ALTER TABLE "vaccination_records" ENABLE TRIGGER USER;

ALTER TABLE "status_changes" ADD COLUMN "district_id" INTEGER;
UPDATE "status_changes" c SET "district_id" = r."district_id" FROM "vaccination_records" r WHERE r."id" = c."record_id";
ALTER TABLE "status_changes" ALTER COLUMN "district_id" SET NOT NULL;

ALTER TABLE "block_status_counts" ADD COLUMN "district_id" INTEGER;
UPDATE "block_status_counts" c SET "district_id" = b."district_id" FROM "blocks" b WHERE b."id" = c."block_id";
ALTER TABLE "block_status_counts" ALTER COLUMN "district_id" SET NOT NULL;
ALTER TABLE "block_status_counts" DROP CONSTRAINT "block_status_counts_pkey",
  ADD CONSTRAINT "block_status_counts_pkey" PRIMARY KEY ("district_id", "block_id", "status");

ALTER TABLE "pending_hour_counts" ADD COLUMN "district_id" INTEGER;
UPDATE "pending_hour_counts" c SET "district_id" = b."district_id" FROM "blocks" b WHERE b."id" = c."block_id";
ALTER TABLE "pending_hour_counts" ALTER COLUMN "district_id" SET NOT NULL;
ALTER TABLE "pending_hour_counts" DROP CONSTRAINT "pending_hour_counts_pkey",
  ADD CONSTRAINT "pending_hour_counts_pkey" PRIMARY KEY ("district_id", "block_id", "hour");

ALTER TABLE "field_probe_reports" ADD COLUMN "district_id" INTEGER;
UPDATE "field_probe_reports" f SET "district_id" = b."district_id" FROM "blocks" b WHERE b."id" = f."block_id";
ALTER TABLE "field_probe_reports" ALTER COLUMN "district_id" SET NOT NULL;

-- Users: a block role's district is its block's; district-wide roles of a single-district install are its district's.
ALTER TABLE "users" ADD COLUMN "state_id" INTEGER, ADD COLUMN "district_id" INTEGER;
UPDATE "users" u SET "district_id" = b."district_id" FROM "blocks" b WHERE b."id" = u."block_id";
UPDATE "users" SET "district_id" = (SELECT min("id") FROM "districts") WHERE "district_id" IS NULL;

-- Imports belonged to the uploader's district (there was one).
ALTER TABLE "import_batches" ADD COLUMN "district_id" INTEGER;
UPDATE "import_batches" i SET "district_id" = COALESCE(
  (SELECT b."district_id" FROM "blocks" b WHERE b."id" = i."block_id"),
  (SELECT u."district_id" FROM "users" u WHERE u."id" = i."uploaded_by_id"),
  (SELECT min("id") FROM "districts"));
ALTER TABLE "import_batches" ALTER COLUMN "district_id" SET NOT NULL;

ALTER TABLE "import_rejections" ADD COLUMN "district_id" INTEGER;
UPDATE "import_rejections" j SET "district_id" = i."district_id" FROM "import_batches" i WHERE i."id" = j."import_id";
ALTER TABLE "import_rejections" ALTER COLUMN "district_id" SET NOT NULL;

ALTER TABLE "anomalies" ADD COLUMN "district_id" INTEGER;
UPDATE "anomalies" a SET "district_id" = COALESCE(
  (SELECT b."district_id" FROM "blocks" b WHERE b."id" = a."block_id"),
  (SELECT i."district_id" FROM "import_batches" i WHERE i."id" = a."import_id"),
  (SELECT min("id") FROM "districts"));
ALTER TABLE "anomalies" ALTER COLUMN "district_id" SET NOT NULL;

ALTER TABLE "helpdesk_lookups" ADD COLUMN "district_id" INTEGER;
UPDATE "helpdesk_lookups" h SET "district_id" = COALESCE(
  (SELECT u."district_id" FROM "users" u WHERE u."id" = h."user_id"), (SELECT min("id") FROM "districts"));
ALTER TABLE "helpdesk_lookups" ALTER COLUMN "district_id" SET NOT NULL;

-- Probe targets are the state's, shared by its districts.
ALTER TABLE "probe_targets" ADD COLUMN "state_id" INTEGER;
UPDATE "probe_targets" SET "state_id" = (SELECT min("id") FROM "states");
ALTER TABLE "probe_targets" ALTER COLUMN "state_id" SET NOT NULL;
DROP INDEX "probe_targets_name_key";
CREATE UNIQUE INDEX "probe_targets_state_id_name_key" ON "probe_targets"("state_id", "name");
ALTER TABLE "probe_targets" ADD CONSTRAINT "probe_targets_state_id_fkey" FOREIGN KEY ("state_id") REFERENCES "states"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Alerts: a probe alert concerns its target's state, a block alert its block's district.
ALTER TABLE "alerts" ADD COLUMN "state_id" INTEGER, ADD COLUMN "district_id" INTEGER;
UPDATE "alerts" a SET "district_id" = b."district_id" FROM "blocks" b WHERE b."id" = a."block_id";
UPDATE "alerts" a SET "state_id" = COALESCE((SELECT t."state_id" FROM "probe_targets" t WHERE t."id" = a."target_id"), (SELECT min("id") FROM "states"))
WHERE a."district_id" IS NULL;
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_one_owner" CHECK (num_nonnulls("state_id", "district_id") = 1);
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_state_id_fkey" FOREIGN KEY ("state_id") REFERENCES "states"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Alert settings were the installation's; they are now a state's (the targets they concern are the state's).
UPDATE "app_settings" SET "key" = 'alerts.state:' || (SELECT min("id") FROM "states") || '.' || substring("key" from 8)
WHERE "key" IN ('alerts.webhookUrl', 'alerts.downAfterMinutes') AND EXISTS (SELECT 1 FROM "states");

-- ── Keys and indexes that start with the district ───────────────────────────────────────────────────────────────
ALTER TABLE "sites" DROP CONSTRAINT "sites_block_id_fkey";
ALTER TABLE "camps" DROP CONSTRAINT "camps_site_id_fkey";
ALTER TABLE "vaccination_records" DROP CONSTRAINT "vaccination_records_block_id_fkey";
ALTER TABLE "vaccination_records" DROP CONSTRAINT "vaccination_records_camp_id_fkey";
ALTER TABLE "status_changes" DROP CONSTRAINT "status_changes_record_id_fkey";
ALTER TABLE "block_status_counts" DROP CONSTRAINT "block_status_counts_block_id_fkey";
ALTER TABLE "users" DROP CONSTRAINT "users_block_id_fkey";
ALTER TABLE "import_rejections" DROP CONSTRAINT "import_rejections_import_id_fkey";
ALTER TABLE "field_probe_reports" DROP CONSTRAINT "field_probe_reports_block_id_fkey";

DROP INDEX "sites_block_id_name_key";
CREATE UNIQUE INDEX "sites_district_id_block_id_name_key" ON "sites"("district_id", "block_id", "name");
CREATE UNIQUE INDEX "sites_district_id_id_key" ON "sites"("district_id", "id");

DROP INDEX "mega_camps_name_key";
CREATE UNIQUE INDEX "mega_camps_district_id_name_key" ON "mega_camps"("district_id", "name");

DROP INDEX "camps_site_id_date_key";
CREATE UNIQUE INDEX "camps_district_id_site_id_date_key" ON "camps"("district_id", "site_id", "date");
CREATE UNIQUE INDEX "camps_district_id_id_key" ON "camps"("district_id", "id");

DROP INDEX "vaccination_records_block_id_register_serial_key";
DROP INDEX "vaccination_records_id_hash_dose_idx";
DROP INDEX "vaccination_records_portal_ref_idx";
CREATE UNIQUE INDEX "vaccination_records_district_id_block_id_register_serial_key" ON "vaccination_records"("district_id", "block_id", "register_serial");
CREATE UNIQUE INDEX "vaccination_records_district_id_id_key" ON "vaccination_records"("district_id", "id");
CREATE INDEX "vaccination_records_district_id_id_hash_dose_idx" ON "vaccination_records"("district_id", "id_hash", "dose");
CREATE INDEX "vaccination_records_district_id_portal_ref_idx" ON "vaccination_records"("district_id", "portal_ref");
-- The backlog indexes lead with the district too, so one district's summary reads only its own pending rows.
DROP INDEX "vaccination_records_pending_idx";
DROP INDEX "vaccination_records_pending_time_idx";
CREATE INDEX "vaccination_records_pending_idx" ON "vaccination_records" ("district_id", "block_id", "vaccinated_at") WHERE "status" = 'PENDING';
CREATE INDEX "vaccination_records_pending_time_idx" ON "vaccination_records" ("district_id", "vaccinated_at") WHERE "status" = 'PENDING';

CREATE UNIQUE INDEX "import_batches_district_id_id_key" ON "import_batches"("district_id", "id");
CREATE INDEX "import_batches_district_id_started_at_idx" ON "import_batches"("district_id", "started_at");

DROP INDEX "anomalies_status_block_id_idx";
DROP INDEX "anomalies_portal_ref_idx";
CREATE INDEX "anomalies_district_id_status_block_id_idx" ON "anomalies"("district_id", "status", "block_id");
CREATE INDEX "anomalies_district_id_portal_ref_idx" ON "anomalies"("district_id", "portal_ref");

DROP INDEX "field_probe_reports_block_id_checked_at_idx";
CREATE INDEX "field_probe_reports_district_id_block_id_checked_at_idx" ON "field_probe_reports"("district_id", "block_id", "checked_at");

CREATE INDEX "helpdesk_lookups_district_id_at_idx" ON "helpdesk_lookups"("district_id", "at");

-- A fact row's district is its block's (or parent's): the foreign keys name both columns.
ALTER TABLE "sites" ADD CONSTRAINT "sites_district_id_block_id_fkey" FOREIGN KEY ("district_id", "block_id") REFERENCES "blocks"("district_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "camps" ADD CONSTRAINT "camps_district_id_site_id_fkey" FOREIGN KEY ("district_id", "site_id") REFERENCES "sites"("district_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "vaccination_records" ADD CONSTRAINT "vaccination_records_district_id_block_id_fkey" FOREIGN KEY ("district_id", "block_id") REFERENCES "blocks"("district_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "vaccination_records" ADD CONSTRAINT "vaccination_records_district_id_camp_id_fkey" FOREIGN KEY ("district_id", "camp_id") REFERENCES "camps"("district_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_district_id_record_id_fkey" FOREIGN KEY ("district_id", "record_id") REFERENCES "vaccination_records"("district_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "block_status_counts" ADD CONSTRAINT "block_status_counts_district_id_block_id_fkey" FOREIGN KEY ("district_id", "block_id") REFERENCES "blocks"("district_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "pending_hour_counts" ADD CONSTRAINT "pending_hour_counts_district_id_block_id_fkey" FOREIGN KEY ("district_id", "block_id") REFERENCES "blocks"("district_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "field_probe_reports" ADD CONSTRAINT "field_probe_reports_district_id_block_id_fkey" FOREIGN KEY ("district_id", "block_id") REFERENCES "blocks"("district_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "import_rejections" ADD CONSTRAINT "import_rejections_district_id_import_id_fkey" FOREIGN KEY ("district_id", "import_id") REFERENCES "import_batches"("district_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "anomalies" ADD CONSTRAINT "anomalies_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "helpdesk_lookups" ADD CONSTRAINT "helpdesk_lookups_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "users" ADD CONSTRAINT "users_state_id_fkey" FOREIGN KEY ("state_id") REFERENCES "states"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "users" ADD CONSTRAINT "users_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "users" ADD CONSTRAINT "users_district_id_block_id_fkey" FOREIGN KEY ("district_id", "block_id") REFERENCES "blocks"("district_id", "id") ON DELETE SET NULL ON UPDATE CASCADE;
-- A user's place fits the role: a state officer has a state and nothing below it, district-wide roles a district and
-- no block, block roles no state. A missing place is allowed (it gives the empty scope: deny by default).
ALTER TABLE "users" ADD CONSTRAINT "users_place_fits_role" CHECK (CASE "role"::text
  WHEN 'STATE_OFFICER' THEN "district_id" IS NULL AND "block_id" IS NULL
  WHEN 'DISTRICT_OFFICER' THEN "state_id" IS NULL AND "block_id" IS NULL
  WHEN 'HELPDESK' THEN "state_id" IS NULL AND "block_id" IS NULL
  ELSE "state_id" IS NULL END);

-- ── Counters keyed by district ──────────────────────────────────────────────────────────────────────────────────
CREATE OR REPLACE FUNCTION block_status_counts_after_insert() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO block_status_counts (district_id, block_id, status, count)
  SELECT district_id, block_id, status, count(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (district_id, block_id, status) DO UPDATE SET count = block_status_counts.count + EXCLUDED.count;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION block_status_counts_after_delete() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE block_status_counts c SET count = c.count - d.n
  FROM (SELECT district_id, block_id, status, count(*) AS n FROM old_rows GROUP BY 1, 2, 3) d
  WHERE c.district_id = d.district_id AND c.block_id = d.block_id AND c.status = d.status;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION block_status_counts_after_update() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO block_status_counts (district_id, block_id, status, count)
  SELECT district_id, block_id, status, sum(n) FROM (
    SELECT district_id, block_id, status, count(*) AS n FROM new_rows GROUP BY 1, 2, 3
    UNION ALL
    SELECT district_id, block_id, status, -count(*) AS n FROM old_rows GROUP BY 1, 2, 3
  ) d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (district_id, block_id, status) DO UPDATE SET count = block_status_counts.count + EXCLUDED.count;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION pending_hour_counts_after_insert() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pending_hour_counts (district_id, block_id, hour, count)
  SELECT district_id, block_id, date_trunc('hour', vaccinated_at), count(*) FROM new_rows WHERE status = 'PENDING'
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (district_id, block_id, hour) DO UPDATE SET count = pending_hour_counts.count + EXCLUDED.count;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION pending_hour_counts_after_delete() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE pending_hour_counts p SET count = p.count - d.n
  FROM (SELECT district_id, block_id, date_trunc('hour', vaccinated_at) AS hour, count(*) AS n FROM old_rows
        WHERE status = 'PENDING' GROUP BY 1, 2, 3) d
  WHERE p.district_id = d.district_id AND p.block_id = d.block_id AND p.hour = d.hour;
  DELETE FROM pending_hour_counts p USING (SELECT DISTINCT district_id, block_id, date_trunc('hour', vaccinated_at) AS hour
    FROM old_rows WHERE status = 'PENDING') d
  WHERE p.district_id = d.district_id AND p.block_id = d.block_id AND p.hour = d.hour AND p.count = 0;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION pending_hour_counts_after_update() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pending_hour_counts (district_id, block_id, hour, count)
  SELECT district_id, block_id, hour, sum(n) FROM (
    SELECT district_id, block_id, date_trunc('hour', vaccinated_at) AS hour, count(*) AS n FROM new_rows WHERE status = 'PENDING' GROUP BY 1, 2, 3
    UNION ALL
    SELECT district_id, block_id, date_trunc('hour', vaccinated_at) AS hour, -count(*) AS n FROM old_rows WHERE status = 'PENDING' GROUP BY 1, 2, 3
  ) d GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (district_id, block_id, hour) DO UPDATE SET count = pending_hour_counts.count + EXCLUDED.count;
  DELETE FROM pending_hour_counts p USING (SELECT DISTINCT district_id, block_id, date_trunc('hour', vaccinated_at) AS hour
    FROM old_rows WHERE status = 'PENDING') d
  WHERE p.district_id = d.district_id AND p.block_id = d.block_id AND p.hour = d.hour AND p.count = 0;
  RETURN NULL;
END $$;

-- ── Live events say whose they are: {"type", "stateId", "districtId", "blockId", "block", ..., "at"} ─────────────
-- A district's events carry its district (and state); the state's (probe targets, probe alerts) carry the state only.
CREATE FUNCTION teeka_event(kind text, state integer, district integer, block integer, extra jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('teeka_events', (jsonb_build_object(
    'type', kind,
    'stateId', COALESCE(state, (SELECT state_id FROM districts WHERE id = district)),
    'districtId', district,
    'blockId', block,
    'block', (SELECT name FROM blocks WHERE id = block),
    'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  ) || extra)::text);
END $$;

CREATE OR REPLACE FUNCTION teeka_events_records_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT district_id, block_id, count(*) AS n FROM new_rows GROUP BY 1, 2 LOOP
    PERFORM teeka_event('record.created', NULL, r.district_id, r.block_id, jsonb_build_object('count', r.n));
  END LOOP;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION teeka_events_records_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT n.district_id, n.block_id, count(*) AS n FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE o.status IS DISTINCT FROM n.status OR o.block_id IS DISTINCT FROM n.block_id
    GROUP BY 1, 2
  LOOP
    PERFORM teeka_event('record.status', NULL, r.district_id, r.block_id, jsonb_build_object('count', r.n));
  END LOOP;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION teeka_events_import_finished() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM teeka_event(CASE WHEN NEW.status = 'COMPLETED' THEN 'import.completed' ELSE 'import.failed' END, NULL,
    NEW.district_id, NEW.block_id,
    jsonb_build_object('importId', NEW.id, 'kind', NEW.kind, 'created', NEW.created, 'matched', NEW.matched));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION teeka_events_probe_state() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM teeka_event('probe.state', NEW.state_id, NULL, NULL,
    jsonb_build_object('targetId', NEW.id, 'target', NEW.name, 'state', NEW.state, 'from', OLD.state));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION teeka_events_alert_created() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM teeka_event('alert.created', NEW.state_id, NEW.district_id, NEW.block_id,
    jsonb_build_object('alertId', NEW.id, 'kind', NEW.kind, 'message', NEW.message));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION teeka_events_field_reports() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT district_id, block_id, count(*) AS n, bool_and(ok) AS all_ok FROM new_rows GROUP BY 1, 2 LOOP
    PERFORM teeka_event('probe.field', NULL, r.district_id, r.block_id, jsonb_build_object('count', r.n, 'ok', r.all_ok));
  END LOOP;
  RETURN NULL;
END $$;

-- One "probe.result" per target state per insert statement (the scheduler writes its results in batches).
CREATE OR REPLACE FUNCTION teeka_events_probe_results() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT t.state_id, count(*) AS n FROM new_rows n JOIN probe_targets t ON t.id = n.target_id GROUP BY 1 LOOP
    PERFORM teeka_event('probe.result', r.state_id, NULL, NULL, jsonb_build_object('count', r.n));
  END LOOP;
  RETURN NULL;
END $$;

DROP FUNCTION teeka_event(text, integer, jsonb);
