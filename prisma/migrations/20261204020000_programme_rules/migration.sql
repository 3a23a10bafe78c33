-- The programme's rules as data (issue 12): the entry deadline and the block offices' working hours, per state,
-- which a district may only narrow. The CHECKs hold the bounds of core/domain/deadline-rule.ts (DEADLINE_BOUNDS)
-- and keep a row's kind and figures consistent; "a district only narrows" compares two rows, so the service
-- enforces it (core/domain/programme-rules.ts).

CREATE TYPE "DeadlineKind" AS ENUM ('HOURS', 'BY_TIME');

CREATE TABLE "programme_rules" (
    "state_id" INTEGER NOT NULL,
    "deadline_kind" "DeadlineKind" NOT NULL,
    "deadline_hours" INTEGER,
    "deadline_days" INTEGER,
    "deadline_minute_of_day" INTEGER,
    "work_start_minute" INTEGER NOT NULL,
    "work_end_minute" INTEGER NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT,
    CONSTRAINT "programme_rules_pkey" PRIMARY KEY ("state_id"),
    CONSTRAINT "programme_rules_deadline_check" CHECK (
      ("deadline_kind" = 'HOURS' AND "deadline_hours" BETWEEN 1 AND 720 AND "deadline_days" IS NULL AND "deadline_minute_of_day" IS NULL)
      OR ("deadline_kind" = 'BY_TIME' AND "deadline_hours" IS NULL AND "deadline_days" BETWEEN 0 AND 30
          AND "deadline_minute_of_day" BETWEEN 0 AND 1439 AND NOT ("deadline_days" = 0 AND "deadline_minute_of_day" = 0))),
    CONSTRAINT "programme_rules_work_check" CHECK ("work_start_minute" >= 0 AND "work_end_minute" <= 1440 AND "work_start_minute" < "work_end_minute")
);
ALTER TABLE "programme_rules" ADD CONSTRAINT "programme_rules_state_id_fkey" FOREIGN KEY ("state_id") REFERENCES "states"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "district_programme_rules" (
    "district_id" INTEGER NOT NULL,
    "deadline_kind" "DeadlineKind" NOT NULL,
    "deadline_hours" INTEGER,
    "deadline_days" INTEGER,
    "deadline_minute_of_day" INTEGER,
    "work_start_minute" INTEGER NOT NULL,
    "work_end_minute" INTEGER NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT,
    CONSTRAINT "district_programme_rules_pkey" PRIMARY KEY ("district_id"),
    CONSTRAINT "district_programme_rules_deadline_check" CHECK (
      ("deadline_kind" = 'HOURS' AND "deadline_hours" BETWEEN 1 AND 720 AND "deadline_days" IS NULL AND "deadline_minute_of_day" IS NULL)
      OR ("deadline_kind" = 'BY_TIME' AND "deadline_hours" IS NULL AND "deadline_days" BETWEEN 0 AND 30
          AND "deadline_minute_of_day" BETWEEN 0 AND 1439 AND NOT ("deadline_days" = 0 AND "deadline_minute_of_day" = 0))),
    CONSTRAINT "district_programme_rules_work_check" CHECK ("work_start_minute" >= 0 AND "work_end_minute" <= 1440 AND "work_start_minute" < "work_end_minute")
);
ALTER TABLE "district_programme_rules" ADD CONSTRAINT "district_programme_rules_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every existing state keeps what the app did until now: 48 h after vaccination, work 08:00–22:00 IST.
INSERT INTO "programme_rules" ("state_id", "deadline_kind", "deadline_hours", "work_start_minute", "work_end_minute", "updated_at")
SELECT "id", 'HOURS', 48, 480, 1320, now() FROM "states";
