-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('DISTRICT_OFFICER', 'BLOCK_SUPERVISOR', 'DATA_OPERATOR');

-- CreateEnum
CREATE TYPE "RecordStatus" AS ENUM ('PENDING', 'ENTERED', 'REJECTED');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE', 'OTHER');

-- CreateEnum
CREATE TYPE "IdType" AS ENUM ('AADHAAR', 'VOTER_ID', 'PAN', 'DRIVING_LICENCE', 'PASSPORT', 'RATION_CARD', 'OTHER');

-- CreateEnum
CREATE TYPE "Vaccine" AS ENUM ('COVISHIELD', 'COVAXIN', 'SPUTNIK_V');

-- CreateTable
CREATE TABLE "districts" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,

    CONSTRAINT "districts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "blocks" (
    "id" SERIAL NOT NULL,
    "district_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "is_urban" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "blocks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sites" (
    "id" SERIAL NOT NULL,
    "block_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "sites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mega_camps" (
    "id" SERIAL NOT NULL,
    "district_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "date" DATE NOT NULL,

    CONSTRAINT "mega_camps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "camps" (
    "id" SERIAL NOT NULL,
    "site_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "mega_camp_id" INTEGER,
    "target" INTEGER,

    CONSTRAINT "camps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vaccination_records" (
    "id" SERIAL NOT NULL,
    "block_id" INTEGER NOT NULL,
    "camp_id" INTEGER NOT NULL,
    "register_serial" TEXT NOT NULL,
    "vaccinated_at" TIMESTAMP(3) NOT NULL,
    "dose" SMALLINT NOT NULL,
    "vaccine" "Vaccine" NOT NULL,
    "beneficiary_name" TEXT NOT NULL,
    "birth_year" SMALLINT NOT NULL,
    "sex" "Sex" NOT NULL,
    "mobile" TEXT,
    "id_type" "IdType" NOT NULL,
    "id_last4" CHAR(4) NOT NULL,
    "id_hash" TEXT NOT NULL,
    "status" "RecordStatus" NOT NULL DEFAULT 'PENDING',
    "entered_at" TIMESTAMP(3),
    "portal_ref" TEXT,
    "rejection_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "vaccination_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_changes" (
    "id" SERIAL NOT NULL,
    "record_id" INTEGER NOT NULL,
    "from_status" "RecordStatus",
    "to_status" "RecordStatus" NOT NULL,
    "changed_at" TIMESTAMP(3) NOT NULL,
    "changed_by_id" INTEGER,
    "note" TEXT,

    CONSTRAINT "status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "block_status_counts" (
    "block_id" INTEGER NOT NULL,
    "status" "RecordStatus" NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "block_status_counts_pkey" PRIMARY KEY ("block_id","status")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "block_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "app_settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "app_settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "districts_name_key" ON "districts"("name");

-- CreateIndex
CREATE UNIQUE INDEX "blocks_name_key" ON "blocks"("name");

-- CreateIndex
CREATE UNIQUE INDEX "sites_block_id_name_key" ON "sites"("block_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "mega_camps_name_key" ON "mega_camps"("name");

-- CreateIndex
CREATE INDEX "camps_mega_camp_id_idx" ON "camps"("mega_camp_id");

-- CreateIndex
CREATE UNIQUE INDEX "camps_site_id_date_key" ON "camps"("site_id", "date");

-- CreateIndex
CREATE INDEX "vaccination_records_camp_id_status_idx" ON "vaccination_records"("camp_id", "status");

-- CreateIndex
CREATE INDEX "vaccination_records_id_hash_dose_idx" ON "vaccination_records"("id_hash", "dose");

-- CreateIndex
CREATE UNIQUE INDEX "vaccination_records_block_id_register_serial_key" ON "vaccination_records"("block_id", "register_serial");

-- CreateIndex
CREATE INDEX "status_changes_record_id_changed_at_idx" ON "status_changes"("record_id", "changed_at");

-- CreateIndex
CREATE INDEX "status_changes_changed_at_idx" ON "status_changes"("changed_at");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- AddForeignKey
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sites" ADD CONSTRAINT "sites_block_id_fkey" FOREIGN KEY ("block_id") REFERENCES "blocks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mega_camps" ADD CONSTRAINT "mega_camps_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "camps" ADD CONSTRAINT "camps_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "camps" ADD CONSTRAINT "camps_mega_camp_id_fkey" FOREIGN KEY ("mega_camp_id") REFERENCES "mega_camps"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vaccination_records" ADD CONSTRAINT "vaccination_records_block_id_fkey" FOREIGN KEY ("block_id") REFERENCES "blocks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vaccination_records" ADD CONSTRAINT "vaccination_records_camp_id_fkey" FOREIGN KEY ("camp_id") REFERENCES "camps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "vaccination_records"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "block_status_counts" ADD CONSTRAINT "block_status_counts_block_id_fkey" FOREIGN KEY ("block_id") REFERENCES "blocks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_block_id_fkey" FOREIGN KEY ("block_id") REFERENCES "blocks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

