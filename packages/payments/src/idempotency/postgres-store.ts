/**
 * A shared, durable idempotency store on Postgres: what a merchant with more than one server uses.
 * One table, one row per key; `create` is `INSERT … ON CONFLICT DO NOTHING`, `compareAndSet` is
 * `UPDATE … WHERE key = $1 AND version = $2`, so Postgres decides every race on a key's record.
 *
 * It takes any client with `query(text, params)` that returns `{ rows }`: a node-postgres `Pool`
 * or `Client`, PGlite, or a wrapper around yours. Run the migration on start-up (`store.migrate()`,
 * safe on every server at once) or with your migration tool (the SQL of `postgresMigration()`, also
 * exported as the file `@odeme/payments/postgres-migration.sql`).
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
  /**
   * Creates the table if it does not exist (the SQL of `postgresMigration`), then checks that the
   * table has the columns the store uses; throws a TypeError naming what is wrong otherwise.
   */
  migrate(): Promise<void>;
}

export const DEFAULT_TABLE = "odeme_idempotency";

/**
 * The key of the transaction-level advisory lock the migration holds (the ASCII bytes of
 * "odemeidm" read as a signed 64-bit integer). Servers migrating at the same moment queue on it,
 * because `CREATE TABLE IF NOT EXISTS` alone is not safe to run concurrently: the loser fails with
 * a duplicate key in `pg_type`. Anything else of yours that takes this lock waits for migrations.
 */
export const MIGRATION_LOCK_KEY = 8026651956408312941n;

/** Lower-case SQL identifiers only: the name is put into the SQL text, so nothing else may pass. */
const TABLE = /^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/;

/**
 * The table name as SQL: each part double-quoted, so a reserved word (`order`, `user`) is a name
 * and not a syntax error. The parts are lower-case already, so `"odeme_idempotency"` names the
 * same table as an unquoted `odeme_idempotency` (Postgres folds unquoted names to lower case).
 */
function tableSql(table: string): string {
  if (!TABLE.test(table)) {
    throw new TypeError(
      `createPostgresIdempotencyStore: table must be a lower-case SQL identifier, optionally schema-qualified (e.g. "odeme_idempotency"); got ${JSON.stringify(table)}.`,
    );
  }
  return table
    .split(".")
    .map((part) => `"${part}"`)
    .join(".");
}

/**
 * The migration: one table keyed by the idempotency key; `updated_at` lets you purge old keys.
 *
 * It is ONE statement (a `DO` block) on purpose: Postgres runs a single statement in one implicit
 * transaction on one connection, so the advisory lock and the `CREATE TABLE` share a transaction
 * even when `client` is a pool that hands each `query` to whichever connection is free (a
 * `BEGIN`; …; `COMMIT` sequence of separate queries could land on different connections). The lock
 * is released when that statement commits. A concurrent creator that does not take the lock (an
 * older version of this package during a rolling deploy) can still collide; that error
 * (`unique_violation` / `duplicate_table`) means the table now exists, so it is swallowed, and
 * `migrate()` then checks the table's shape either way.
 */
export function postgresMigration(table: string = DEFAULT_TABLE): string {
  return `-- @odeme/payments idempotency records (createPostgresIdempotencyStore): one row per idempotency key.
-- One statement, so the lock and the CREATE share one transaction even through a connection pool.
-- The advisory lock makes servers that migrate at the same moment wait for each other:
-- CREATE TABLE IF NOT EXISTS alone fails with a duplicate key in pg_type when two run at once.
DO $odeme$
BEGIN
  PERFORM pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});
  BEGIN
    CREATE TABLE IF NOT EXISTS ${tableSql(table)} (
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
`;
}

/** The columns the store reads and writes, with the types `format_type` reports for the migration's table. */
const COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ["key", "text"],
  ["version", "integer"],
  ["record", "jsonb"],
  ["updated_at", "timestamp with time zone"],
];

/** The columns `create` writes; any other NOT NULL column needs a default. */
const WRITTEN = new Set(["key", "version", "record"]);

/**
 * The table's columns, resolved the way the store's own queries resolve the name (`to_regclass`
 * follows search_path for an unqualified name, where information_schema would need a schema), and
 * whether each column alone carries a unique index `ON CONFLICT (key)` can use. The flags come
 * back as text ('true'/'false'), so no client's boolean parsing matters.
 */
const DESCRIBE = `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
  (a.attnotnull AND NOT a.atthasdef)::text AS required,
  EXISTS (
    SELECT 1 FROM pg_index i
    WHERE i.indrelid = a.attrelid AND i.indisunique AND i.indisvalid AND i.indimmediate
      AND i.indnkeyatts = 1 AND i.indkey[0] = a.attnum AND i.indpred IS NULL
  )::text AS is_unique
FROM pg_attribute a
WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

interface ColumnRow {
  name: string;
  type: string;
  required: "true" | "false";
  is_unique: "true" | "false";
}

/** What keeps `get`, `create` or `compareAndSet` from working on a table with these columns; empty if nothing. */
function shapeProblems(columns: readonly ColumnRow[]): string[] {
  const problems: string[] = [];
  const byName = new Map(columns.map((c) => [c.name, c]));
  for (const [name, type] of COLUMNS) {
    const column = byName.get(name);
    if (column === undefined) problems.push(`column "${name}" (${type}) is missing`);
    else if (column.type !== type) problems.push(`column "${name}" is ${column.type}, not ${type}`);
  }
  if (byName.get("key")?.is_unique === "false") {
    problems.push(`column "key" has no primary key or unique index (create uses ON CONFLICT (key))`);
  }
  for (const c of columns) {
    if (c.required === "true" && !WRITTEN.has(c.name)) {
      problems.push(`column "${c.name}" is NOT NULL without a default, and the store does not write it`);
    }
  }
  return problems;
}

export function createPostgresIdempotencyStore(options: PostgresIdempotencyStoreOptions): PostgresIdempotencyStore {
  const { client } = options;
  if (client === null || typeof client !== "object" || typeof client.query !== "function") {
    throw new TypeError(
      "createPostgresIdempotencyStore: client must have query(text, params), e.g. a node-postgres Pool or a PGlite instance.",
    );
  }
  const name = options.table ?? DEFAULT_TABLE;
  const table = tableSql(name);
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
      await client.query(postgresMigration(name));
      // CREATE TABLE IF NOT EXISTS leaves an existing table as it is, whatever its columns: without
      // this check a table of another shape would fail only at the first get, mid-payment.
      const { rows } = await client.query(DESCRIBE, [table]);
      const problems =
        rows.length === 0 ? ["it does not exist after the migration (check search_path)"] : shapeProblems(rows as ColumnRow[]);
      if (problems.length > 0) {
        throw new TypeError(
          `createPostgresIdempotencyStore: table ${JSON.stringify(name)} is not an idempotency table the store can use: ${problems.join("; ")}. ` +
            `Use another table name, or alter this one to match postgresMigration().`,
        );
      }
    },
  };
}
