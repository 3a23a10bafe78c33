-- CreateEnum
CREATE TYPE "LookupAction" AS ENUM ('SEARCH', 'OPEN');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'HELPDESK';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en';

-- CreateTable
CREATE TABLE "helpdesk_lookups" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "action" "LookupAction" NOT NULL,
    "search_kind" TEXT,
    "search_text" TEXT,
    "result_count" INTEGER,
    "record_id" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "helpdesk_lookups_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "helpdesk_lookups_user_id_at_idx" ON "helpdesk_lookups"("user_id", "at");

-- CreateIndex
CREATE INDEX "helpdesk_lookups_at_idx" ON "helpdesk_lookups"("at");


-- The interface languages the app ships.
ALTER TABLE "users" ADD CONSTRAINT "users_locale_known" CHECK ("locale" IN ('en', 'hi'));
