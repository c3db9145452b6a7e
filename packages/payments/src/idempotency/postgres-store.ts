/**
 * A shared, durable idempotency store on Postgres: what a merchant with more than one server uses.
 * One table, one row per key; `create` is `INSERT … ON CONFLICT DO NOTHING`, `compareAndSet` is
 * `UPDATE … WHERE key = $1 AND version = $2`, so Postgres decides every race on a key's record.
 *
 * It takes any client with `query(text, params)` that returns `{ rows }`: a node-postgres `Pool`
 * or `Client`, PGlite, or a wrapper around yours. Run the migration once (`store.migrate()`, or
 * the SQL of `postgresMigration()`, also shipped as src/idempotency/postgres-migration.sql).
 *
 * ```ts
 * import pg from "pg";
 * import { createPayments } from "@odeme/payments";
 * import { createPostgresIdempotencyStore } from "@odeme/payments/postgres";
 *
 * const store = createPostgresIdempotencyStore({ client: new pg.Pool() });
 * await store.migrate();
 * const payments = createPayments({ iyzico: {...}, idempotencyStore: store });
 * ```
 */
import type { IdempotencyRecord, IdempotencyStore } from "./store.ts";

/** The one method the store calls; node-postgres and PGlite both fit. */
export interface SqlClient {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface PostgresIdempotencyStoreOptions {
  client: SqlClient;
  /** Table name, optionally schema-qualified (`payments.odeme_idempotency`). Default `odeme_idempotency`. */
  table?: string;
}

export interface PostgresIdempotencyStore extends IdempotencyStore {
  get(key: string): Promise<IdempotencyRecord | undefined>;
  create(key: string, record: IdempotencyRecord): Promise<boolean>;
  compareAndSet(key: string, expectedVersion: number, record: IdempotencyRecord): Promise<boolean>;
  /** Creates the table if it does not exist (the SQL of `postgresMigration`). */
  migrate(): Promise<void>;
}

export const DEFAULT_TABLE = "odeme_idempotency";

/** Lower-case SQL identifiers only: the name is put into the SQL text, so nothing else may pass. */
const TABLE = /^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/;

function checkTable(table: string): string {
  if (!TABLE.test(table)) {
    throw new TypeError(
      `createPostgresIdempotencyStore: table must be a lower-case SQL identifier, optionally schema-qualified (e.g. "odeme_idempotency"); got ${JSON.stringify(table)}.`,
    );
  }
  return table;
}

/** The migration: one table keyed by the idempotency key. `updated_at` lets you purge old keys. */
export function postgresMigration(table: string = DEFAULT_TABLE): string {
  return `-- @odeme/payments idempotency records (createPostgresIdempotencyStore): one row per idempotency key.
CREATE TABLE IF NOT EXISTS ${checkTable(table)} (
  key text PRIMARY KEY,
  version integer NOT NULL,
  record jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
}

export function createPostgresIdempotencyStore(options: PostgresIdempotencyStoreOptions): PostgresIdempotencyStore {
  const { client } = options;
  if (client === null || typeof client !== "object" || typeof client.query !== "function") {
    throw new TypeError(
      "createPostgresIdempotencyStore: client must have query(text, params), e.g. a node-postgres Pool or a PGlite instance.",
    );
  }
  const table = checkTable(options.table ?? DEFAULT_TABLE);
  // The record goes in as JSON text and comes back as text, so no client's JSON parsing settings matter.
  const select = `SELECT version, record::text AS record FROM ${table} WHERE key = $1`;
  const insert = `INSERT INTO ${table} (key, version, record) VALUES ($1, $2, $3::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key`;
  const update = `UPDATE ${table} SET version = $3, record = $4::jsonb, updated_at = now() WHERE key = $1 AND version = $2 RETURNING key`;

  return {
    async get(key) {
      const { rows } = await client.query(select, [key]);
      const row = rows[0] as { version: number | string; record: string } | undefined;
      if (row === undefined) return undefined;
      // The column is what the CAS compares, so it is the version, whatever the JSON says.
      return { ...(JSON.parse(row.record) as IdempotencyRecord), version: Number(row.version) };
    },
    async create(key, record) {
      const { rows } = await client.query(insert, [key, record.version, JSON.stringify(record)]);
      return rows.length === 1;
    },
    async compareAndSet(key, expectedVersion, record) {
      const { rows } = await client.query(update, [key, expectedVersion, record.version, JSON.stringify(record)]);
      return rows.length === 1;
    },
    async migrate() {
      await client.query(postgresMigration(table));
    },
  };
}
