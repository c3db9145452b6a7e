/**
 * @odeme/payments/postgres: the shared, durable idempotency store for a merchant with more than one
 * server. A subpath of its own, so a one-process user never loads it.
 */
export { createPostgresIdempotencyStore, postgresMigration, DEFAULT_TABLE, MIGRATION_LOCK_KEY } from "./idempotency/postgres-store.ts";
export type { PostgresIdempotencyStore, PostgresIdempotencyStoreOptions, SqlClient } from "./idempotency/postgres-store.ts";
