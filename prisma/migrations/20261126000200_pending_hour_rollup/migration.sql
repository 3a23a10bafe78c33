-- Pending records per block per hour of vaccination. With it the aging summary reads a few thousand
-- hour rows instead of every pending record, so its cost no longer grows with the backlog.
CREATE TABLE "pending_hour_counts" (
    "block_id" INTEGER NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "pending_hour_counts_pkey" PRIMARY KEY ("block_id","hour")
);

-- ORDER BY takes counter row locks in one order, so concurrent imports cannot deadlock; emptied hours
-- are removed so the table stays as small as the backlog's spread in time.
CREATE FUNCTION pending_hour_counts_after_insert() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pending_hour_counts (block_id, hour, count)
  SELECT block_id, date_trunc('hour', vaccinated_at), count(*) FROM new_rows WHERE status = 'PENDING'
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (block_id, hour) DO UPDATE SET count = pending_hour_counts.count + EXCLUDED.count;
  RETURN NULL;
END $$;

CREATE FUNCTION pending_hour_counts_after_delete() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE pending_hour_counts p SET count = p.count - d.n
  FROM (SELECT block_id, date_trunc('hour', vaccinated_at) AS hour, count(*) AS n FROM old_rows
        WHERE status = 'PENDING' GROUP BY 1, 2) d
  WHERE p.block_id = d.block_id AND p.hour = d.hour;
  DELETE FROM pending_hour_counts p USING (SELECT DISTINCT block_id, date_trunc('hour', vaccinated_at) AS hour
    FROM old_rows WHERE status = 'PENDING') d
  WHERE p.block_id = d.block_id AND p.hour = d.hour AND p.count = 0;
  RETURN NULL;
END $$;

CREATE FUNCTION pending_hour_counts_after_update() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pending_hour_counts (block_id, hour, count)
  SELECT block_id, hour, sum(n) FROM (
    SELECT block_id, date_trunc('hour', vaccinated_at) AS hour, count(*) AS n FROM new_rows WHERE status = 'PENDING' GROUP BY 1, 2
    UNION ALL
    SELECT block_id, date_trunc('hour', vaccinated_at) AS hour, -count(*) AS n FROM old_rows WHERE status = 'PENDING' GROUP BY 1, 2
  ) d GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
  ON CONFLICT (block_id, hour) DO UPDATE SET count = pending_hour_counts.count + EXCLUDED.count;
  DELETE FROM pending_hour_counts p USING (SELECT DISTINCT block_id, date_trunc('hour', vaccinated_at) AS hour
    FROM old_rows WHERE status = 'PENDING') d
  WHERE p.block_id = d.block_id AND p.hour = d.hour AND p.count = 0;
  RETURN NULL;
END $$;

CREATE TRIGGER vaccination_records_pending_hours_insert AFTER INSERT ON vaccination_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pending_hour_counts_after_insert();
CREATE TRIGGER vaccination_records_pending_hours_delete AFTER DELETE ON vaccination_records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pending_hour_counts_after_delete();
CREATE TRIGGER vaccination_records_pending_hours_update AFTER UPDATE ON vaccination_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pending_hour_counts_after_update();

-- Databases that already hold records start from an exact count.
INSERT INTO pending_hour_counts (block_id, hour, count)
SELECT block_id, date_trunc('hour', vaccinated_at), count(*) FROM vaccination_records WHERE status = 'PENDING' GROUP BY 1, 2;

-- The status counters take their row locks in one order too.
CREATE OR REPLACE FUNCTION block_status_counts_after_insert() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO block_status_counts (block_id, status, count)
  SELECT block_id, status, count(*) FROM new_rows GROUP BY block_id, status ORDER BY block_id, status
  ON CONFLICT (block_id, status) DO UPDATE SET count = block_status_counts.count + EXCLUDED.count;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION block_status_counts_after_update() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO block_status_counts (block_id, status, count)
  SELECT block_id, status, sum(n) FROM (
    SELECT block_id, status, count(*) AS n FROM new_rows GROUP BY block_id, status
    UNION ALL
    SELECT block_id, status, -count(*) AS n FROM old_rows GROUP BY block_id, status
  ) d GROUP BY block_id, status ORDER BY block_id, status
  ON CONFLICT (block_id, status) DO UPDATE SET count = block_status_counts.count + EXCLUDED.count;
  RETURN NULL;
END $$;

-- The summary counts single records only in the hours a bucket edge falls in: a range scan on this index.
CREATE INDEX vaccination_records_pending_time_idx ON vaccination_records (vaccinated_at) WHERE status = 'PENDING';
