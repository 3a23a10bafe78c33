-- Rejected rows (import_rejections.raw) were stored as read, full ID numbers included; so could anomaly
-- evidence (anomalies.portal_row -> cells) and the reasons and errors that echo a cell. This masks what is
-- already stored with the rules of server/imports/id-redaction.ts (kept in step by
-- tests/integration/id-redaction.test.ts): an ID column keeps only its last 4 characters, and any
-- ID-shaped number elsewhere (12+ digits, or groups of four) keeps only its last 4 digits.
-- Running it again changes nothing.

CREATE FUNCTION teeka_redact_id_numbers(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT regexp_replace(
    regexp_replace(t, '(?<![0-9०-९])[0-9०-९]{8,}([0-9०-९]{4})(?![0-9०-९])', 'XXXXXXXX\1', 'g'),
    '(?<![0-9०-९])[0-9०-९]{4}(?:[ \u00A0-][0-9०-९]{4}){1,2}[ \u00A0-]([0-9०-९]{4})(?![0-9०-९])', 'XXXXXXXX\1', 'g')
$fn$;

CREATE FUNCTION teeka_mask_id_cell(v text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  compact text := regexp_replace(v, '[[:space:]-]', '', 'g');
  up text;
BEGIN
  IF compact = '' THEN RETURN v; END IF;
  IF compact !~ '^[0-9A-Za-z/*•]+$' THEN RETURN '(removed)'; END IF;
  up := upper(compact);
  IF up ~ '^[X*•]*[0-9A-Z]{4}$' THEN RETURN v; END IF;
  IF up ~ '[0-9A-Z]{4}$' THEN RETURN 'XXXXXXXX' || right(up, 4); END IF;
  RETURN '(removed)';
END
$fn$;

CREATE FUNCTION teeka_safe_cell(k text, v text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE
    WHEN k ~ '(^|_)(id_?(number|no|num|last4)|a?adhaa?r|uid|आधार)(_|$)' THEN teeka_mask_id_cell(v)
    WHEN k = 'mobile' AND regexp_replace(btrim(v), '[[:space:]().-]', '', 'g') ~ '^(\+91|91|0)?[6-9][0-9]{9}$' THEN v
    WHEN k = 'mobile' AND btrim(v) = '' THEN v
    ELSE teeka_redact_id_numbers(v)
  END
$fn$;

CREATE FUNCTION teeka_safe_cells(cells jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE WHEN jsonb_typeof(cells) <> 'object' THEN cells ELSE COALESCE(
    (SELECT jsonb_object_agg(key, CASE WHEN jsonb_typeof(value) = 'string' THEN to_jsonb(teeka_safe_cell(key, value #>> '{}')) ELSE value END)
       FROM jsonb_each(cells)),
    '{}'::jsonb) END
$fn$;

UPDATE "import_rejections"
   SET "raw" = teeka_safe_cells("raw"), "reason" = teeka_redact_id_numbers("reason")
 WHERE "raw" IS DISTINCT FROM teeka_safe_cells("raw") OR "reason" IS DISTINCT FROM teeka_redact_id_numbers("reason");

UPDATE "anomalies"
   SET "portal_row" = "portal_row"
         || jsonb_build_object('cells', teeka_safe_cells("portal_row" -> 'cells'))
         || CASE WHEN jsonb_typeof("portal_row" -> 'explanation') = 'string'
                 THEN jsonb_build_object('explanation', teeka_redact_id_numbers("portal_row" ->> 'explanation'))
                 ELSE '{}'::jsonb END
 WHERE jsonb_typeof("portal_row" -> 'cells') = 'object'
   AND ("portal_row" -> 'cells' IS DISTINCT FROM teeka_safe_cells("portal_row" -> 'cells')
        OR "portal_row" ->> 'explanation' IS DISTINCT FROM teeka_redact_id_numbers("portal_row" ->> 'explanation'));

UPDATE "import_batches" SET "error" = teeka_redact_id_numbers("error")
 WHERE "error" IS DISTINCT FROM teeka_redact_id_numbers("error");

DROP FUNCTION teeka_safe_cells(jsonb);
DROP FUNCTION teeka_safe_cell(text, text);
DROP FUNCTION teeka_mask_id_cell(text);
DROP FUNCTION teeka_redact_id_numbers(text);
