-- How each status change was made, as a column of its own: the timeliness report told portal imports apart from
-- people by `note LIKE 'portal export%'`, which any change of wording would have broken silently. Every writer
-- sets the column from now on (it has no default).
CREATE TYPE "ChangeSource" AS ENUM ('REGISTER_IMPORT', 'PORTAL_IMPORT', 'APP', 'API', 'ANOMALY_RESOLUTION', 'UNDO', 'SEED');

ALTER TABLE "status_changes" ADD COLUMN "source" "ChangeSource";

-- Existing rows, one last time from the notes, exactly as the writers have always worded them:
--   undo of change #N (and undo_of_id set)               the undo of a mark
--   portal export, import #N (row N)                      a matched portal export row
--   anomaly #N (KIND) resolved: portal version accepted…  an anomaly resolved by accepting the portal's version
--   API                                                    POST /api/v1/records/status
--   marked entered / marked rejected                       a mark in the app
-- The rest carry no such note: a record's first change (to PENDING) was made by the register import that created
-- it (the record names its import) or else by the demo seed, which also wrote every other change without one.
UPDATE "status_changes" s SET "source" = (CASE
    WHEN s."undo_of_id" IS NOT NULL OR s."note" LIKE 'undo of change #%' THEN 'UNDO'
    WHEN s."note" LIKE 'portal export%' THEN 'PORTAL_IMPORT'
    WHEN s."note" LIKE 'anomaly #% resolved: portal version accepted%' THEN 'ANOMALY_RESOLUTION'
    WHEN s."note" = 'API' THEN 'API'
    WHEN s."note" IN ('marked entered', 'marked rejected') THEN 'APP'
    WHEN s."from_status" IS NULL AND r."import_id" IS NOT NULL THEN 'REGISTER_IMPORT'
    ELSE 'SEED'
  END)::"ChangeSource"
FROM "vaccination_records" r
WHERE r."id" = s."record_id";

ALTER TABLE "status_changes" ALTER COLUMN "source" SET NOT NULL;
