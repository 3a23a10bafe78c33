-- Keeps block_status_counts exact, so the district summary reads 17 x 3 counters instead of scanning
-- every record. Statement-level triggers with transition tables cost one UPDATE per statement,
-- not one per row, which matters for bulk imports.

CREATE FUNCTION block_status_counts_after_insert() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO block_status_counts (block_id, status, count)
  SELECT block_id, status, count(*) FROM new_rows GROUP BY block_id, status
  ON CONFLICT (block_id, status) DO UPDATE SET count = block_status_counts.count + EXCLUDED.count;
  RETURN NULL;
END $$;

CREATE FUNCTION block_status_counts_after_delete() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE block_status_counts c SET count = c.count - d.n
  FROM (SELECT block_id, status, count(*) AS n FROM old_rows GROUP BY block_id, status) d
  WHERE c.block_id = d.block_id AND c.status = d.status;
  RETURN NULL;
END $$;

CREATE FUNCTION block_status_counts_after_update() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO block_status_counts (block_id, status, count)
  SELECT block_id, status, sum(n) FROM (
    SELECT block_id, status, count(*) AS n FROM new_rows GROUP BY block_id, status
    UNION ALL
    SELECT block_id, status, -count(*) AS n FROM old_rows GROUP BY block_id, status
  ) d GROUP BY block_id, status
  ON CONFLICT (block_id, status) DO UPDATE SET count = block_status_counts.count + EXCLUDED.count;
  RETURN NULL;
END $$;

CREATE TRIGGER vaccination_records_count_insert AFTER INSERT ON vaccination_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION block_status_counts_after_insert();
CREATE TRIGGER vaccination_records_count_delete AFTER DELETE ON vaccination_records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION block_status_counts_after_delete();
CREATE TRIGGER vaccination_records_count_update AFTER UPDATE ON vaccination_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION block_status_counts_after_update();

-- The backlog is the pending records only; this index keeps aging queries proportional to the backlog,
-- not to the whole register.
CREATE INDEX vaccination_records_pending_idx ON vaccination_records (block_id, vaccinated_at) WHERE status = 'PENDING';
CREATE INDEX vaccination_records_pending_camp_idx ON vaccination_records (camp_id, vaccinated_at) WHERE status = 'PENDING';
