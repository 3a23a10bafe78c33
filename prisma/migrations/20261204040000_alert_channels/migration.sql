-- Alerts that reach people (issue 16): provider channels, the delivery outbox, and users' contact details.
CREATE TYPE "AlertChannelKind" AS ENUM ('EMAIL', 'SMS', 'WHATSAPP', 'TELEGRAM');
CREATE TYPE "NotificationKind" AS ENUM ('DIGEST_BLOCK', 'DIGEST_DISTRICT', 'BLOCK_AT_RISK', 'BLOCK_BACK_ON_TRACK', 'PROBE_DOWN', 'PROBE_RECOVERED', 'ESCALATION', 'TEST');
CREATE TYPE "DeliveryStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED', 'CANCELLED');

CREATE TABLE "alert_channels" (
    "id" SERIAL NOT NULL,
    "state_id" INTEGER,
    "district_id" INTEGER,
    "kind" "AlertChannelKind" NOT NULL,
    "config" JSONB NOT NULL,
    "secret_ciphertext" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" INTEGER,
    CONSTRAINT "alert_channels_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alert_channels_one_owner" CHECK (num_nonnulls("state_id", "district_id") = 1),
    CONSTRAINT "alert_channels_state_id_fkey" FOREIGN KEY ("state_id") REFERENCES "states"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "alert_channels_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- NULLS NOT DISTINCT: one channel per owner and kind although one of the two owner columns is always null.
CREATE UNIQUE INDEX "alert_channels_state_id_district_id_kind_key" ON "alert_channels"("state_id", "district_id", "kind") NULLS NOT DISTINCT;

CREATE TABLE "alert_deliveries" (
    "id" SERIAL NOT NULL,
    "state_id" INTEGER,
    "district_id" INTEGER,
    "channel" "AlertChannelKind" NOT NULL,
    "channel_id" INTEGER,
    "recipient_user_id" INTEGER,
    "to_address" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL,
    "provider_status" INTEGER,
    "provider_message_id" TEXT,
    "error" TEXT,
    "alert_id" INTEGER,
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "sent_at" TIMESTAMP(3),
    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alert_deliveries_one_owner" CHECK (num_nonnulls("state_id", "district_id") = 1)
);
CREATE UNIQUE INDEX "alert_deliveries_dedupe_key_key" ON "alert_deliveries"("dedupe_key");
CREATE INDEX "alert_deliveries_status_next_attempt_at_idx" ON "alert_deliveries"("status", "next_attempt_at");
CREATE INDEX "alert_deliveries_district_id_created_at_idx" ON "alert_deliveries"("district_id", "created_at");
CREATE INDEX "alert_deliveries_state_id_created_at_idx" ON "alert_deliveries"("state_id", "created_at");

CREATE TABLE "user_contacts" (
    "user_id" INTEGER NOT NULL,
    "mobile" TEXT,
    "email" TEXT,
    "telegram_chat_id" TEXT,
    "language" TEXT NOT NULL,
    "quiet_start" INTEGER,
    "quiet_end" INTEGER,
    "channels" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "user_contacts_pkey" PRIMARY KEY ("user_id"),
    CONSTRAINT "user_contacts_quiet_hours" CHECK (("quiet_start" IS NULL) = ("quiet_end" IS NULL) AND coalesce("quiet_start", 0) BETWEEN 0 AND 1439 AND coalesce("quiet_end", 0) BETWEEN 0 AND 1439)
);
