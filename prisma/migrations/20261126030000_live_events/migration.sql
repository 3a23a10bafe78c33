-- Live updates (issue 5): every change that a dashboard shows is announced on the channel "teeka_events"
-- with pg_notify, by triggers, so that no writer (API, import, scheduler, seed, psql) can forget to, and
-- every app instance listening on the same database hears it. NOTIFY is delivered at commit, and not at all
-- on rollback, so a listener never sees a change that did not happen.
-- Payload: {"type", "blockId", "block", "count"?, ..., "at"}; blockId/block null for district-wide events.
-- Statement-level triggers send one notification per block per statement, not one per row.

CREATE FUNCTION teeka_event(kind text, block integer, extra jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('teeka_events', (jsonb_build_object(
    'type', kind,
    'blockId', block,
    'block', (SELECT name FROM blocks WHERE id = block),
    'at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  ) || extra)::text);
END $$;

CREATE FUNCTION teeka_events_records_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT block_id, count(*) AS n FROM new_rows GROUP BY block_id LOOP
    PERFORM teeka_event('record.created', r.block_id, jsonb_build_object('count', r.n));
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION teeka_events_records_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT n.block_id, count(*) AS n FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE o.status IS DISTINCT FROM n.status OR o.block_id IS DISTINCT FROM n.block_id
    GROUP BY n.block_id
  LOOP
    PERFORM teeka_event('record.status', r.block_id, jsonb_build_object('count', r.n));
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER vaccination_records_events_insert AFTER INSERT ON vaccination_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION teeka_events_records_inserted();
CREATE TRIGGER vaccination_records_events_update AFTER UPDATE ON vaccination_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION teeka_events_records_updated();

CREATE FUNCTION teeka_events_import_finished() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM teeka_event(CASE WHEN NEW.status = 'COMPLETED' THEN 'import.completed' ELSE 'import.failed' END, NEW.block_id,
    jsonb_build_object('importId', NEW.id, 'kind', NEW.kind, 'created', NEW.created, 'matched', NEW.matched));
  RETURN NULL;
END $$;

CREATE TRIGGER import_batches_events AFTER UPDATE OF status ON import_batches FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status <> 'RUNNING')
  EXECUTE FUNCTION teeka_events_import_finished();

CREATE FUNCTION teeka_events_probe_state() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM teeka_event('probe.state', NULL,
    jsonb_build_object('targetId', NEW.id, 'target', NEW.name, 'state', NEW.state, 'from', OLD.state));
  RETURN NULL;
END $$;

CREATE TRIGGER probe_targets_events AFTER UPDATE OF state ON probe_targets FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state)
  EXECUTE FUNCTION teeka_events_probe_state();

CREATE FUNCTION teeka_events_alert_created() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM teeka_event('alert.created', NEW.block_id, jsonb_build_object('alertId', NEW.id, 'kind', NEW.kind, 'message', NEW.message));
  RETURN NULL;
END $$;

CREATE TRIGGER alerts_events AFTER INSERT ON alerts FOR EACH ROW EXECUTE FUNCTION teeka_events_alert_created();

CREATE FUNCTION teeka_events_field_reports() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT block_id, count(*) AS n, bool_and(ok) AS all_ok FROM new_rows GROUP BY block_id LOOP
    PERFORM teeka_event('probe.field', r.block_id, jsonb_build_object('count', r.n, 'ok', r.all_ok));
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER field_probe_reports_events AFTER INSERT ON field_probe_reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION teeka_events_field_reports();

-- One "probe.result" per insert statement (the scheduler writes its results in batches); clients coalesce them.
CREATE FUNCTION teeka_events_probe_results() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM teeka_event('probe.result', NULL, jsonb_build_object('count', (SELECT count(*) FROM new_rows)));
  RETURN NULL;
END $$;

CREATE TRIGGER probe_results_events AFTER INSERT ON probe_results
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION teeka_events_probe_results();
