-- @odeme/payments idempotency records (createPostgresIdempotencyStore): one row per idempotency key.
CREATE TABLE IF NOT EXISTS odeme_idempotency (
  key text PRIMARY KEY,
  version integer NOT NULL,
  record jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
