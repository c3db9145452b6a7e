-- @odeme/payments idempotency records (createPostgresIdempotencyStore): one row per idempotency key.
-- One statement, so the lock and the CREATE share one transaction even through a connection pool.
-- The advisory lock makes servers that migrate at the same moment wait for each other:
-- CREATE TABLE IF NOT EXISTS alone fails with a duplicate key in pg_type when two run at once.
DO $odeme$
BEGIN
  PERFORM pg_advisory_xact_lock(8026651956408312941);
  BEGIN
    CREATE TABLE IF NOT EXISTS "odeme_idempotency" (
      key text PRIMARY KEY,
      version integer NOT NULL,
      record jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  EXCEPTION
    -- Created at the same moment by someone not taking the lock: it exists now.
    WHEN unique_violation OR duplicate_table THEN NULL;
  END;
END
$odeme$;
