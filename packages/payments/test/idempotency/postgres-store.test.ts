/**
 * The Postgres store against a real Postgres engine (PGlite, in-process), with several facade
 * instances on one database: the two double refunds measured on 7b360e5 ((a) a retry after a
 * retryable refusal, (b) a retry after an unknown outcome once resendGraceMs passed) reproduced
 * over real HTTP against the simulators, and shown to send once.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProvider, type RunningProvider } from "../../../../test/soak/providers.ts";
import { createPayments, isOdemeError, parseMoney, type IdempotencyRecord, type Payments, type ProviderId } from "../../src/index.ts";
import { createPostgresIdempotencyStore, MIGRATION_LOCK_KEY, postgresMigration, type SqlClient } from "../../src/postgres.ts";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

/** A client that passes every statement on to `client` and keeps its text. */
function recording(client: SqlClient): { client: SqlClient; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    client: {
      query(text, params) {
        sent.push(text);
        return client.query(text, params);
      },
    },
  };
}

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await createPostgresIdempotencyStore({ client: db }).migrate();
});
afterAll(() => db.close());

const record = (over: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  version: 1,
  fingerprint: "f",
  provider: "iyzico",
  operation: "refund",
  state: "pending",
  updatedAt: "2024-06-12T10:00:00.000Z",
  lease: { owner: "a", until: "2024-06-12T10:01:00.000Z" },
  ...over,
});

describe("Postgres idempotency store", () => {
  it("ships its migration as SQL, exported as @odeme/payments/postgres-migration.sql, the same as postgresMigration()", () => {
    const file = readFileSync(new URL("../../src/idempotency/postgres-migration.sql", import.meta.url), "utf8");
    expect(file).toBe(postgresMigration());
    expect(postgresMigration("billing.idem")).toContain('CREATE TABLE IF NOT EXISTS "billing"."idem" (');
    // Resolved by Node itself from the package (a self-reference goes through its "exports"), as a migration tool would.
    const resolved = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", "console.log(import.meta.resolve('@odeme/payments/postgres-migration.sql'))"],
      { cwd: packageDir, encoding: "utf8" },
    );
    expect(resolved.stderr).toBe("");
    const url = new URL(resolved.stdout.trim());
    expect(readFileSync(url, "utf8")).toBe(postgresMigration());
    // ... and the file is in the published package.
    const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain(relative(packageDir, fileURLToPath(url)));
  });

  it("migrates in one statement that holds the advisory lock while it creates the table", async () => {
    const { client, sent } = recording(db);
    await createPostgresIdempotencyStore({ client, table: "lock_check" }).migrate();
    // One statement for the lock and the CREATE (one transaction on one connection, also through a
    // pool), then one read-only look at the columns.
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe(postgresMigration("lock_check"));
    expect(sent[0]).toContain(
      `\nDO $odeme$\nBEGIN\n  PERFORM pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});\n  BEGIN\n    CREATE TABLE IF NOT EXISTS "lock_check" (`,
    );
    expect(sent[0]?.match(/\$odeme\$/g)).toHaveLength(2);
    expect(sent[1]).toMatch(/^SELECT /);

    // Postgres itself shows the lock held by the migrating transaction, under the documented key.
    const advisoryLocks = (q: SqlClient) =>
      q
        .query("SELECT ((classid::int8 << 32) | objid::int8)::text AS key FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1")
        .then((r) => r.rows);
    const held = await db.transaction(async (tx) => {
      await createPostgresIdempotencyStore({ client: tx, table: "lock_check_tx" }).migrate();
      return advisoryLocks(tx);
    });
    expect(held).toEqual([{ key: String(MIGRATION_LOCK_KEY) }]);
    expect(await advisoryLocks(db)).toEqual([]); // released with the commit
  });

  it("migrates again without harm, and many concurrent migrate() calls all resolve", async () => {
    const store = createPostgresIdempotencyStore({ client: db, table: "remigrated" });
    await store.migrate();
    expect(await store.create("m1", record())).toBe(true);
    await store.migrate();
    expect(await store.get("m1")).toEqual(record());
    for (let round = 0; round < 5; round++) {
      const table = `concurrent_migrate_${round}`;
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => createPostgresIdempotencyStore({ client: db, table }).migrate()),
      );
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      expect(await createPostgresIdempotencyStore({ client: db, table }).create("k", record())).toBe(true);
    }
  });

  it("quotes the table name, so reserved words and schema-qualified names work", async () => {
    await db.query('CREATE SCHEMA IF NOT EXISTS "group"');
    for (const table of ["order", "user", "group.select", "public.table"]) {
      const store = createPostgresIdempotencyStore({ client: db, table });
      await store.migrate();
      expect(await store.get("q1"), table).toBeUndefined();
      expect(await store.create("q1", record()), table).toBe(true);
      expect(await store.compareAndSet("q1", 1, record({ version: 2, state: "sent" })), table).toBe(true);
      expect(await store.get("q1"), table).toMatchObject({ version: 2, state: "sent" });
    }
    expect((await db.query('SELECT key, version FROM "group"."select"')).rows).toEqual([{ key: "q1", version: 2 }]);
    // Quoted lower-case names are the unquoted ones: a table created before quoting is still found.
    await db.query(
      "CREATE TABLE made_unquoted (key text PRIMARY KEY, version integer NOT NULL, record jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())",
    );
    const old = createPostgresIdempotencyStore({ client: db, table: "made_unquoted" });
    await old.migrate();
    expect(await old.create("q2", record())).toBe(true);
  });

  it("refuses to migrate onto an existing table of another shape, naming the table and what is wrong", async () => {
    await db.query("CREATE TABLE wrong_columns (key text PRIMARY KEY, record json NOT NULL, owner text NOT NULL)");
    const wrong = createPostgresIdempotencyStore({ client: db, table: "wrong_columns" });
    const error = await wrong.migrate().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(
      'createPostgresIdempotencyStore: table "wrong_columns" is not an idempotency table the store can use: ' +
        'column "version" (integer) is missing; column "record" is json, not jsonb; column "updated_at" (timestamp with time zone) is missing; ' +
        'column "owner" is NOT NULL without a default, and the store does not write it. Use another table name, or alter this one to match postgresMigration().',
    );

    await db.query(
      "CREATE TABLE no_unique_key (key text NOT NULL, version integer NOT NULL, record jsonb NOT NULL, updated_at timestamptz)",
    );
    await expect(createPostgresIdempotencyStore({ client: db, table: "no_unique_key" }).migrate()).rejects.toThrow(
      'table "no_unique_key" is not an idempotency table the store can use: column "key" has no primary key or unique index (create uses ON CONFLICT (key))',
    );

    await db.query(
      "CREATE TABLE bigint_version (key text PRIMARY KEY, version bigint NOT NULL, record jsonb NOT NULL, updated_at timestamptz NOT NULL)",
    );
    await expect(createPostgresIdempotencyStore({ client: db, table: "bigint_version" }).migrate()).rejects.toThrow(
      /column "version" is bigint, not integer; column "updated_at" is NOT NULL without a default/,
    );
  });

  it("creates a key only once, and replaces it only on the version read", async () => {
    const store = createPostgresIdempotencyStore({ client: db });
    await store.migrate(); // idempotent
    expect(await store.get("c1")).toBeUndefined();
    expect(await store.create("c1", record())).toBe(true);
    expect(await store.create("c1", record({ state: "succeeded" }))).toBe(false);
    expect(await store.get("c1")).toEqual(record());

    expect(await store.compareAndSet("c1", 2, record({ version: 3, state: "sent" }))).toBe(false);
    expect(await store.compareAndSet("c1", 1, record({ version: 2, state: "sent" }))).toBe(true);
    expect(await store.compareAndSet("c1", 1, record({ version: 2, state: "rejected" }))).toBe(false);
    expect(await store.get("c1")).toMatchObject({ version: 2, state: "sent" });
    expect(await store.compareAndSet("missing", 1, record({ version: 2 }))).toBe(false);
  });

  it("lets exactly one of many racing compare-and-sets on a version win", async () => {
    const stores = Array.from({ length: 6 }, () => createPostgresIdempotencyStore({ client: db }));
    await stores[0]?.create("c2", record());
    const wins = await Promise.all(
      stores.map((s, i) => s.compareAndSet("c2", 1, record({ version: 2, lease: { owner: `p${i}`, until: "2024-06-12T10:01:00.000Z" } }))),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it("keeps records in a table of the caller's choice, and refuses a name that is not an identifier", async () => {
    const store = createPostgresIdempotencyStore({ client: db, table: "public.odeme_idem_custom" });
    await store.migrate();
    expect(await store.create("c3", record())).toBe(true);
    expect((await db.query("SELECT key FROM public.odeme_idem_custom")).rows).toEqual([{ key: "c3" }]);
    expect(() => createPostgresIdempotencyStore({ client: db, table: "x; DROP TABLE y" })).toThrow(/lower-case SQL identifier/);
    expect(() => createPostgresIdempotencyStore({ client: {} as never })).toThrow(/query\(text, params\)/);
  });
});

/** What a caller was finally told after retrying every retryable error a bounded number of times. */
async function retried(run: () => Promise<{ status: string }>): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      return (await run()).status;
    } catch (error) {
      if (!isOdemeError(error)) throw error;
      if (!error.retryable || i >= 40) return error.code;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

const REPEATS = 20;

for (const id of ["iyzico", "paywall", "dineropay"] as const satisfies readonly ProviderId[]) {
  describe(`${id}: three facade instances over one Postgres database`, () => {
    let sim: RunningProvider;
    let instances: Payments[];
    beforeAll(async () => {
      sim = await startProvider(id);
      instances = Array.from({ length: 3 }, (_, i) =>
        createPayments({
          ...sim.options,
          idempotencyStore: createPostgresIdempotencyStore({ client: db }),
          resendGraceMs: 0,
          instanceId: `${id}-${i}`,
        }),
      );
    });
    afterAll(() => sim.close());

    const refund = (payment: Record<string, unknown>, key: string) => () =>
      (instances[Number(key.at(-1)) % 3] as Payments).refund({
        provider: id,
        payment,
        amount: parseMoney("12.34", "TRY"),
        idempotencyKey: key,
      } as never);
    const appliedRefunds = () => sim.requests.filter((r) => r.path === sim.refundRoute && r.applied).length;

    it(`(a) after an HTML 503, instances retrying one key concurrently refund once (${REPEATS} times)`, async () => {
      for (let n = 0; n < REPEATS; n++) {
        const payment = sim.seed();
        const key = `${id}-a-${n}`;
        sim.faults.inject({ kind: "http-error", status: 503 }, { route: sim.refundRoute });
        const first = await refund(payment, key)().catch((e: unknown) => e);
        expect(first).toMatchObject({ code: "provider_unavailable", outcome: "rejected" });
        const before = appliedRefunds();
        const told = await Promise.all(
          instances.map((p) =>
            retried(() => p.refund({ provider: id, payment, amount: parseMoney("12.34", "TRY"), idempotencyKey: key } as never)),
          ),
        );
        expect(sim.ledger(payment).map((e) => e.amount)).toEqual([1234]);
        expect(appliedRefunds() - before).toBe(1);
        expect(new Set(told).size).toBe(1);
        expect(["succeeded", "pending"]).toContain(told[0]);
      }
    });

    it(`(b) after a lost answer, instances retrying one key concurrently once resendGraceMs passed send at most once (${REPEATS} times)`, async () => {
      for (let n = 0; n < REPEATS; n++) {
        const payment = sim.seed();
        const key = `${id}-b-${n}`;
        sim.faults.inject({ kind: "reset-before" }, { route: sim.refundRoute });
        const first = await refund(payment, key)().catch((e: unknown) => e);
        expect(first).toMatchObject({ code: "outcome_unknown" });
        const before = appliedRefunds();
        const told = await Promise.all(
          instances.map((p) =>
            retried(() => p.refund({ provider: id, payment, amount: parseMoney("12.34", "TRY"), idempotencyKey: key } as never)),
          ),
        );
        expect(new Set(told).size).toBe(1);
        if (told[0] === "outcome_unknown") {
          // DineroPay: a lookup cannot tell a queued refund from none, so nothing is sent again.
          expect(sim.ledger(payment)).toEqual([]);
          expect(appliedRefunds() - before).toBe(0);
        } else {
          expect(["succeeded", "pending"]).toContain(told[0]);
          expect(sim.ledger(payment).map((e) => e.amount)).toEqual([1234]);
          expect(appliedRefunds() - before).toBe(1);
        }
      }
    });
  });
}
