/**
 * The Postgres store against a real Postgres engine (PGlite, in-process), with several facade
 * instances on one database: the two double refunds measured on 7b360e5 ((a) a retry after a
 * retryable refusal, (b) a retry after an unknown outcome once resendGraceMs passed) reproduced
 * over real HTTP against the simulators, and shown to send once.
 */
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProvider, type RunningProvider } from "../../../../test/soak/providers.ts";
import { createPayments, isOdemeError, parseMoney, type IdempotencyRecord, type Payments, type ProviderId } from "../../src/index.ts";
import { createPostgresIdempotencyStore, postgresMigration } from "../../src/postgres.ts";

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
  it("ships its migration as SQL in the package, the same as postgresMigration()", () => {
    const file = readFileSync(new URL("../../src/idempotency/postgres-migration.sql", import.meta.url), "utf8");
    expect(file).toBe(postgresMigration());
    expect(postgresMigration("billing.idem")).toContain("CREATE TABLE IF NOT EXISTS billing.idem (");
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
