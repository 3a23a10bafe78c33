-- The vaccine catalogue becomes data, per state: a programme with other vaccines (or a third dose) needs no code
-- change. Records keep their values: the enum's labels become the catalogue's codes.

CREATE TABLE "vaccines" (
    "id" SERIAL NOT NULL,
    "state_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_hi" TEXT NOT NULL,
    "doses" SMALLINT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "vaccines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "vaccines_doses_check" CHECK ("doses" BETWEEN 1 AND 9),
    CONSTRAINT "vaccines_code_check" CHECK ("code" ~ '^[A-Z0-9_]{1,40}$')
);

CREATE UNIQUE INDEX "vaccines_state_id_code_key" ON "vaccines"("state_id", "code");

ALTER TABLE "vaccines" ADD CONSTRAINT "vaccines_state_id_fkey" FOREIGN KEY ("state_id") REFERENCES "states"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An installation that already has records keeps importing them: every existing state gets the three COVID
-- vaccines the enum had, two doses each. An empty database gets nothing (the demo seed or create-district adds a
-- state's catalogue when it adds the state).
INSERT INTO "vaccines" ("state_id", "code", "name", "name_hi", "doses", "aliases")
SELECT s."id", v."code", v."name", v."name_hi", v."doses", v."aliases"
FROM "states" s
CROSS JOIN (VALUES
    ('COVISHIELD', 'Covishield', 'कोविशील्ड', 2, ARRAY[]::TEXT[]),
    ('COVAXIN', 'Covaxin', 'कोवैक्सिन', 2, ARRAY['कोवैक्सीन']),
    ('SPUTNIK_V', 'Sputnik V', 'स्पुतनिक V', 2, ARRAY['Sputnik', 'स्पुतनिक वी'])
) AS v("code", "name", "name_hi", "doses", "aliases");

ALTER TABLE "vaccination_records" ALTER COLUMN "vaccine" TYPE TEXT USING "vaccine"::TEXT;

DROP TYPE "Vaccine";
