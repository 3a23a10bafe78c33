-- CreateEnum
CREATE TYPE "ProbeState" AS ENUM ('UP', 'DEGRADED', 'PENDING', 'DOWN', 'MAINTENANCE');

-- CreateEnum
CREATE TYPE "ProbeMethod" AS ENUM ('GET', 'HEAD');

-- CreateEnum
CREATE TYPE "RollupGrain" AS ENUM ('MINUTE', 'HOUR', 'DAY');

-- CreateEnum
CREATE TYPE "FieldProbeSource" AS ENUM ('BROWSER', 'SCRIPT');

-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('PROBE_DOWN', 'PROBE_RECOVERED');

-- CreateEnum
CREATE TYPE "WebhookStatus" AS ENUM ('NONE', 'PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "probe_targets" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "method" "ProbeMethod" NOT NULL DEFAULT 'GET',
    "expected_status" INTEGER[],
    "keyword" TEXT,
    "interval_seconds" INTEGER NOT NULL,
    "timeout_ms" INTEGER NOT NULL,
    "slow_ms" INTEGER NOT NULL,
    "retries" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "state" "ProbeState",
    "state_since" TIMESTAMP(3),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "outage_started_at" TIMESTAMP(3),
    "last_checked_at" TIMESTAMP(3),
    "last_latency_ms" INTEGER,
    "last_status_code" INTEGER,
    "last_error" TEXT,

    CONSTRAINT "probe_targets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "probe_results" (
    "id" BIGSERIAL NOT NULL,
    "target_id" INTEGER NOT NULL,
    "checked_at" TIMESTAMP(3) NOT NULL,
    "state" "ProbeState" NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "slow" BOOLEAN NOT NULL DEFAULT false,
    "keyword_missing" BOOLEAN NOT NULL DEFAULT false,
    "status_code" INTEGER,
    "latency_ms" INTEGER,
    "error" TEXT,

    CONSTRAINT "probe_results_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "probe_segments" (
    "id" BIGSERIAL NOT NULL,
    "target_id" INTEGER NOT NULL,
    "state" "ProbeState" NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),
    "first_error" TEXT,

    CONSTRAINT "probe_segments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "probe_rollups" (
    "target_id" INTEGER NOT NULL,
    "grain" "RollupGrain" NOT NULL,
    "bucket_start" TIMESTAMP(3) NOT NULL,
    "checks" INTEGER NOT NULL,
    "up_checks" INTEGER NOT NULL,
    "degraded_checks" INTEGER NOT NULL,
    "pending_checks" INTEGER NOT NULL,
    "down_checks" INTEGER NOT NULL,
    "maintenance_checks" INTEGER NOT NULL,
    "latency_count" INTEGER NOT NULL,
    "latency_sum_ms" DOUBLE PRECISION NOT NULL,
    "latency_max_ms" INTEGER,
    "latency_p50_ms" INTEGER,
    "latency_p95_ms" INTEGER,

    CONSTRAINT "probe_rollups_pkey" PRIMARY KEY ("target_id","grain","bucket_start")
);

-- CreateTable
CREATE TABLE "probe_maintenance_windows" (
    "id" SERIAL NOT NULL,
    "target_id" INTEGER NOT NULL,
    "starts_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "probe_maintenance_windows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "field_probe_reports" (
    "id" BIGSERIAL NOT NULL,
    "block_id" INTEGER NOT NULL,
    "target_id" INTEGER,
    "reported_by_id" INTEGER,
    "checked_at" TIMESTAMP(3) NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "latency_ms" INTEGER,
    "error" TEXT,
    "source" "FieldProbeSource" NOT NULL,

    CONSTRAINT "field_probe_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" SERIAL NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "target_id" INTEGER,
    "block_id" INTEGER,
    "message" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "webhook_status" "WebhookStatus" NOT NULL DEFAULT 'NONE',
    "webhook_attempts" INTEGER NOT NULL DEFAULT 0,
    "webhook_last_error" TEXT,
    "webhook_sent_at" TIMESTAMP(3),

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "probe_targets_name_key" ON "probe_targets"("name");

-- CreateIndex
CREATE INDEX "probe_results_target_id_checked_at_idx" ON "probe_results"("target_id", "checked_at");

-- CreateIndex
CREATE INDEX "probe_results_checked_at_idx" ON "probe_results"("checked_at");

-- CreateIndex
CREATE INDEX "probe_segments_target_id_started_at_idx" ON "probe_segments"("target_id", "started_at");

-- CreateIndex
CREATE INDEX "probe_maintenance_windows_target_id_starts_at_idx" ON "probe_maintenance_windows"("target_id", "starts_at");

-- CreateIndex
CREATE INDEX "field_probe_reports_block_id_checked_at_idx" ON "field_probe_reports"("block_id", "checked_at");

-- CreateIndex
CREATE INDEX "field_probe_reports_checked_at_idx" ON "field_probe_reports"("checked_at");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_dedupe_key_key" ON "alerts"("dedupe_key");

-- CreateIndex
CREATE INDEX "alerts_created_at_idx" ON "alerts"("created_at");

-- AddForeignKey
ALTER TABLE "probe_results" ADD CONSTRAINT "probe_results_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "probe_targets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe_segments" ADD CONSTRAINT "probe_segments_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "probe_targets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe_rollups" ADD CONSTRAINT "probe_rollups_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "probe_targets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe_maintenance_windows" ADD CONSTRAINT "probe_maintenance_windows_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "probe_targets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "field_probe_reports" ADD CONSTRAINT "field_probe_reports_block_id_fkey" FOREIGN KEY ("block_id") REFERENCES "blocks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "field_probe_reports" ADD CONSTRAINT "field_probe_reports_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "probe_targets"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "probe_targets"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- At most one open stretch per target (the scheduler closes the old one before opening the next).
CREATE UNIQUE INDEX "probe_segments_one_open_per_target" ON "probe_segments"("target_id") WHERE "ended_at" IS NULL;

-- A maintenance window must end after it starts.
ALTER TABLE "probe_maintenance_windows" ADD CONSTRAINT "probe_maintenance_windows_order" CHECK ("ends_at" > "starts_at");
