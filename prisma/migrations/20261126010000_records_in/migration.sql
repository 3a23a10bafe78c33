-- Issue 3: register and portal imports, the anomaly queue, undo of status changes, import-created sites.


CREATE TYPE "ImportKind" AS ENUM ('REGISTER', 'PORTAL');

CREATE TYPE "ImportStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

CREATE TYPE "AnomalyKind" AS ENUM ('DOSE_MISMATCH', 'NO_REGISTER_ROW', 'AMBIGUOUS_MATCH', 'DATE_MISMATCH');

CREATE TYPE "AnomalyStatus" AS ENUM ('OPEN', 'RESOLVED');

CREATE TYPE "AnomalyResolution" AS ENUM ('ACCEPT_PORTAL', 'KEEP_REGISTER', 'DUPLICATE');

ALTER TABLE "sites" ADD COLUMN "confirmed" BOOLEAN NOT NULL DEFAULT true, ADD COLUMN "created_by_import_id" INTEGER;

ALTER TABLE "vaccination_records" ADD COLUMN "import_id" INTEGER;

ALTER TABLE "status_changes" ADD COLUMN "undone_at" TIMESTAMP(3), ADD COLUMN "undo_of_id" INTEGER;

CREATE TABLE "import_batches" (
    "id" SERIAL NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_sha256" TEXT,
    "uploaded_by_id" INTEGER NOT NULL,
    "block_id" INTEGER,
    "status" "ImportStatus" NOT NULL DEFAULT 'RUNNING',
    "rows_read" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "anomalies" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "import_rejections" (
    "id" SERIAL NOT NULL,
    "import_id" INTEGER NOT NULL,
    "row_number" INTEGER NOT NULL,
    "column" TEXT,
    "reason" TEXT NOT NULL,
    "raw" JSONB NOT NULL,

    CONSTRAINT "import_rejections_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "anomalies" (
    "id" SERIAL NOT NULL,
    "kind" "AnomalyKind" NOT NULL,
    "status" "AnomalyStatus" NOT NULL DEFAULT 'OPEN',
    "block_id" INTEGER,
    "record_id" INTEGER,
    "candidate_ids" INTEGER[],
    "portal_ref" TEXT,
    "portal_row" JSONB NOT NULL,
    "import_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolution" "AnomalyResolution",
    "resolution_note" TEXT,
    "resolved_by_id" INTEGER,
    "resolved_at" TIMESTAMP(3),

    CONSTRAINT "anomalies_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "import_batches_uploaded_by_id_started_at_idx" ON "import_batches"("uploaded_by_id", "started_at");

CREATE INDEX "import_rejections_import_id_row_number_idx" ON "import_rejections"("import_id", "row_number");

CREATE INDEX "anomalies_status_block_id_idx" ON "anomalies"("status", "block_id");

CREATE INDEX "anomalies_portal_ref_idx" ON "anomalies"("portal_ref");

ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "import_rejections" ADD CONSTRAINT "import_rejections_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "import_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "anomalies" ADD CONSTRAINT "anomalies_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "vaccination_records"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Partial: only open anomalies are listed and counted often.
CREATE INDEX "anomalies_open_record_idx" ON "anomalies"("record_id") WHERE "status" = 'OPEN';
