-- A running import writes a heartbeat; a RUNNING batch whose heartbeat is stale lost its server and is
-- marked FAILED (server/services/import-batches.ts). Batches already RUNNING count from their start, so
-- those left behind by a crash before this migration are swept too.
ALTER TABLE "import_batches" ADD COLUMN "heartbeat_at" TIMESTAMP(3);
UPDATE "import_batches" SET "heartbeat_at" = "started_at" WHERE "status" = 'RUNNING';
