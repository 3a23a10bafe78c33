-- Server-side sessions (security review, issue 10): a copied session cookie stops working at sign-out, when the
-- user is disabled or their password is changed, and after the idle timeout.

-- CreateEnum
CREATE TYPE "SessionEndReason" AS ENUM ('SIGN_OUT', 'DISABLED', 'PASSWORD_CHANGED', 'IDLE', 'EXPIRED');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "disabled_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "user_sessions" (
    "id" UUID NOT NULL,
    "user_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),
    "end_reason" "SessionEndReason",
    "user_agent" TEXT,

    CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "user_sessions_user_id_idx" ON "user_sessions"("user_id");

-- AddForeignKey
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An ended session always says why.
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_end_reason_with_end" CHECK (("ended_at" IS NULL) = ("end_reason" IS NULL));
