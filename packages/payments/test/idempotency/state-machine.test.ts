import { describe, expect, it } from "vitest";
import {
  createPayments,
  MemoryIdempotencyStore,
  parseMoney,
  type IdempotencyRecord,
  type Payments,
  type PaymentsOptions,
} from "../../src/index.ts";
import { fingerprint, runWrite, type WriteJob } from "../../src/idempotency/state-machine.ts";
import { OdemeError } from "@odeme/core";
import { fakeProvider, rejection, type FakeProvider } from "../helpers/fake-fetch.ts";
import { JsonStore } from "./json-store.ts";

const INTENT = "pi_0123456789abcdef01234567";

/** Parolapay is the simplest stateful fake: one intent with a refunded amount. */
function provider(opts: { refundReply?: "reset" } = {}) {
  const state = { refunded: 0 };
  const fake = fakeProvider({
    "POST /parolapay/status": () => ({
      json: {
        id: INTENT,
        status: state.refunded ? "partially_refunded" : "captured",
        amount_captured: 10_000,
        amount_refunded: state.refunded,
        currency: "TRY",
      },
    }),
    "POST /parolapay/refund": async (call) => {
      state.refunded += (call.body as { amount: number }).amount;
      return opts.refundReply ?? { json: { id: `re_${"0".repeat(23)}${fake.count("/parolapay/refund")}`, status: "succeeded" } };
    },
  });
  return { fake, state };
}

function payments(fake: FakeProvider, extra: Partial<PaymentsOptions> = {}): Payments {
  return createPayments({
    parolapay: { username: "u", password: "p", baseUrl: "http://p.test", fetch: fake.fetch },
    resendGraceMs: 0,
    ...extra,
  });
}

const refund = (key: string, amount = "10") =>
  ({ provider: "parolapay", payment: { intentId: INTENT }, amount: parseMoney(amount, "TRY"), idempotencyKey: key }) as const;

const print = (input: ReturnType<typeof refund>) =>
  fingerprint({ provider: "parolapay", operation: "refund", payment: input.payment, amount: input.amount });

/** A promise and its release, to hold a provider's answer while another "process" acts. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

describe("idempotency", () => {
  it("returns a finished key's result without a request", async () => {
    const { fake } = provider();
    const p = payments(fake);
    const first = await p.refund(refund("k1"));
    const requests = fake.calls.length;
    const again = await p.refund(refund("k1"));
    expect(again).toEqual({ ...first, replayed: true });
    expect(fake.calls.length).toBe(requests);
  });

  it("refuses the same key with different parameters", async () => {
    const { fake } = provider();
    const p = payments(fake);
    await p.refund(refund("k2", "10"));
    const error = await rejection(() => p.refund(refund("k2", "11")));
    expect(error).toMatchObject({ code: "invalid_request", field: "idempotencyKey", outcome: "not_sent" });
    expect(error.message).toContain('idempotencyKey "k2" was already used for a different request (parolapay refund)');
  });

  it("lets a key be used again after the provider rejected it (nothing was applied)", async () => {
    const { fake } = provider();
    fake.on("POST /parolapay/refund", (_c, n) =>
      n === 1 ? { status: 400, json: { error: { code: "bad", message: "nope" } } } : { json: { status: "succeeded" } },
    );
    const p = payments(fake);
    expect((await rejection(() => p.refund(refund("k3", "10")))).code).toBe("invalid_request");
    expect(await p.refund(refund("k3", "12"))).toMatchObject({ status: "succeeded", amount: parseMoney("12", "TRY") });
  });

  it("lets a key be used again after its planning read refused it (nothing was sent)", async () => {
    const { fake } = provider();
    const p = payments(fake);
    expect((await rejection(() => p.refund(refund("k3b", "101")))).code).toBe("amount_exceeds_refundable");
    expect(await p.refund(refund("k3b", "12"))).toMatchObject({ status: "succeeded", replayed: false });
    expect(fake.count("/parolapay/refund")).toBe(1);
  });

  it("runs concurrent calls with one key one after another: one request, one refund", async () => {
    const { fake, state } = provider();
    const p = payments(fake);
    const results = await Promise.all([p.refund(refund("k4")), p.refund(refund("k4")), p.refund(refund("k4"))]);
    expect(results.map((r) => r.replayed)).toEqual([false, true, true]);
    expect(fake.count("/parolapay/refund")).toBe(1);
    expect(state.refunded).toBe(1000);
  });

  it("never re-sends a write whose record lost its plan", async () => {
    const store = new JsonStore();
    const input = refund("k8");
    store.put("k8", {
      version: 3,
      fingerprint: print(input),
      provider: "parolapay",
      operation: "refund",
      state: "unknown",
      updatedAt: "2024-06-12T10:00:00.000Z",
    });
    const { fake } = provider();
    const error = await rejection(() => payments(fake, { idempotencyStore: store }).refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(fake.calls).toHaveLength(0);
  });

  it("two processes sharing a store send one refund for one key", async () => {
    const shared = new Map<string, string>();
    const { fake, state } = provider();
    const held = gate();
    fake.on("POST /parolapay/refund", async (call) => {
      await held.opened;
      state.refunded += (call.body as { amount: number }).amount;
      return { json: { status: "succeeded" } };
    });
    const a = payments(fake, { idempotencyStore: new JsonStore(shared), resendGraceMs: 60_000 });
    const b = payments(fake, { idempotencyStore: new JsonStore(shared), resendGraceMs: 60_000 });
    const first = a.refund(refund("k9"));
    const second = rejection(() => b.refund(refund("k9")));
    expect(await second).toMatchObject({ code: "outcome_unknown", retryable: true, outcome: "unknown" });
    held.open();
    expect(await first).toMatchObject({ status: "succeeded" });
    expect(await b.refund(refund("k9"))).toMatchObject({ replayed: true });
    expect(fake.count("/parolapay/refund")).toBe(1);
  });

  // The two double refunds measured on 7b360e5: an existing rejected or unknown record was
  // overwritten with a plain set, so two processes retrying the key both sent.
  it("(a) after a retryable refusal (HTML 503), two processes retrying the key send it once", async () => {
    const shared = new Map<string, string>();
    const { fake, state } = provider();
    const held = gate();
    fake.on("POST /parolapay/refund", async (call, n) => {
      if (n === 1)
        return { status: 503, text: "<html><body>503 Service Unavailable</body></html>", headers: { "content-type": "text/html" } };
      await held.opened;
      state.refunded += (call.body as { amount: number }).amount;
      return { json: { status: "succeeded" } };
    });
    const a = payments(fake, { idempotencyStore: new JsonStore(shared) });
    const b = payments(fake, { idempotencyStore: new JsonStore(shared) });
    expect(await rejection(() => a.refund(refund("k10")))).toMatchObject({
      code: "provider_unavailable",
      retryable: true,
      outcome: "rejected",
    });
    expect(JSON.parse(shared.get("k10") ?? "")).toMatchObject({ state: "rejected" });

    const retries = Promise.allSettled([a.refund(refund("k10")), b.refund(refund("k10"))]);
    await until(() => fake.count("/parolapay/refund") === 2);
    held.open();
    const [ra, rb] = await retries;
    const outcomes = [ra, rb].map((r) => (r.status === "fulfilled" ? "sent" : (r.reason as { code: string }).code)).sort();
    expect(outcomes).toEqual(["outcome_unknown", "sent"]);
    expect(fake.count("/parolapay/refund")).toBe(2);
    expect(state.refunded).toBe(1000);
  });

  it("a live lease of another process: a retryable error naming when to retry, and no request", async () => {
    const store = new JsonStore();
    const input = refund("k12");
    const now = new Date("2024-06-12T10:00:00.000Z");
    store.put("k12", {
      version: 1,
      fingerprint: print(input),
      provider: "parolapay",
      operation: "refund",
      state: "pending",
      updatedAt: now.toISOString(),
      lease: { owner: "server-2", until: "2024-06-12T10:01:00.000Z" },
    });
    const { fake } = provider();
    const error = await rejection(() => payments(fake, { idempotencyStore: store, now: () => now }).refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: true, outcome: "unknown" });
    expect(error.message).toContain("Retry with the same key after 2024-06-12T10:01:00.000Z");
    expect(fake.calls).toHaveLength(0);
  });

  it("a pending record whose lease ran out was never sent: the next call plans and sends it once", async () => {
    const store = new JsonStore();
    const input = refund("k13");
    store.put("k13", {
      version: 1,
      fingerprint: print(input),
      provider: "parolapay",
      operation: "refund",
      state: "pending",
      updatedAt: "2024-06-12T10:00:00.000Z",
      lease: { owner: "dead-process", until: "2024-06-12T10:01:00.000Z" },
    });
    const { fake, state } = provider();
    const result = await payments(fake, { idempotencyStore: store, now: () => new Date("2024-06-12T10:02:00.000Z") }).refund(input);
    expect(result).toMatchObject({ status: "succeeded", replayed: false });
    expect(fake.count("/parolapay/refund")).toBe(1);
    expect(state.refunded).toBe(1000);
  });

  it("a process whose lease ran out while it planned loses its CAS and sends nothing", async () => {
    const shared = new Map<string, string>();
    const { fake, state } = provider();
    const held = gate();
    const status = { id: INTENT, status: "captured", amount_captured: 10_000, currency: "TRY" };
    fake.on("POST /parolapay/status", async (_c, n) => {
      if (n === 1) await held.opened; // A's planning read hangs past its lease
      return { json: { ...status, amount_refunded: state.refunded } };
    });
    let now = new Date("2024-06-12T10:00:00.000Z");
    const clock = () => now;
    const a = payments(fake, { idempotencyStore: new JsonStore(shared), leaseMs: 60_000, now: clock, instanceId: "a" });
    const b = payments(fake, { idempotencyStore: new JsonStore(shared), leaseMs: 60_000, now: clock, instanceId: "b" });
    const first = a.refund(refund("k15"));
    await until(() => fake.count("/parolapay/status") === 1);
    expect(JSON.parse(shared.get("k15") ?? "")).toMatchObject({ state: "pending", lease: { owner: "a" } });

    now = new Date("2024-06-12T10:01:01.000Z");
    expect(await b.refund(refund("k15"))).toMatchObject({ status: "succeeded", replayed: false });
    held.open();
    expect(await first).toMatchObject({ status: "succeeded", replayed: true });
    expect(fake.count("/parolapay/refund")).toBe(1);
    expect(state.refunded).toBe(1000);
  });

  it("never sends for a record without a version (an older store's): outcome_unknown, no request", async () => {
    const store = new JsonStore();
    const input = refund("k16");
    store.data.set(
      "k16",
      JSON.stringify({
        fingerprint: print(input),
        provider: "parolapay",
        operation: "refund",
        state: "rejected",
        updatedAt: "2024-06-12T10:00:00.000Z",
      }),
    );
    const { fake } = provider();
    const error = await rejection(() => payments(fake, { idempotencyStore: store }).refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(error.message).toContain("has no version");
    expect(fake.calls).toHaveLength(0);
  });

  it("a failing store is an OdemeError (store_unavailable, not_sent, retryable) and nothing is sent", async () => {
    const { fake } = provider();
    const down = new JsonStore();
    down.get = async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:5432 password=hunter2hunter2");
    };
    const error = await rejection(() => payments(fake, { idempotencyStore: down }).refund(refund("k-store-down")));
    expect(error).toBeInstanceOf(OdemeError);
    expect(error).toMatchObject({ code: "store_unavailable", outcome: "not_sent", retryable: true, provider: "parolapay" });
    expect(error.message).toContain("the idempotency store failed while reading the key");
    expect(error.message).toContain("this call sent nothing");
    // The store's own message is kept, with what looks like a secret masked.
    expect(error.message).toContain("ECONNREFUSED");
    expect(JSON.stringify(error)).not.toContain("hunter2");
    expect(fake.calls).toHaveLength(0);
  });

  it("a store that fails after an earlier call's outcome was unknown says that one may have been applied", async () => {
    const { fake } = provider();
    const store = new JsonStore();
    store.put("k-store-unknown", {
      version: 3,
      fingerprint: print(refund("k-store-unknown")),
      provider: "parolapay",
      operation: "refund",
      state: "unknown",
      updatedAt: "2024-06-12T10:00:00.000Z",
      plan: { providerOperation: "refund", request: {}, amount: { minor: "1000", currency: "TRY" } },
    });
    store.compareAndSet = async () => {
      throw new Error("the database went away");
    };
    const error = await rejection(() => payments(fake, { idempotencyStore: store }).refund(refund("k-store-unknown")));
    expect(error).toMatchObject({ code: "store_unavailable", outcome: "unknown", retryable: true });
    expect(error.message).toContain("An earlier call with this key may have been applied");
    expect(fake.calls).toHaveLength(0);
  });

  it("the default store is per createPayments call", async () => {
    const { fake } = provider();
    await payments(fake).refund(refund("k7"));
    await payments(fake).refund(refund("k7"));
    expect(fake.count("/parolapay/refund")).toBe(2);
  });

  it("refuses a store without create and compareAndSet (an older get/set store) when created", () => {
    const { fake } = provider();
    const old = { get: () => undefined, set: () => {} };
    expect(() => payments(fake, { idempotencyStore: old as never })).toThrow(
      /must implement get, create and compareAndSet \(missing: create, compareAndSet\)/,
    );
  });

  it("MemoryIdempotencyStore hands out copies and compares versions", () => {
    const store = new MemoryIdempotencyStore();
    const record: IdempotencyRecord = {
      version: 1,
      fingerprint: "f",
      provider: "iyzico",
      operation: "refund",
      state: "pending",
      updatedAt: "2024-01-01T00:00:00.000Z",
    };
    expect(store.create("a", record)).toBe(true);
    expect(store.create("a", { ...record, state: "succeeded" })).toBe(false);
    (store.get("a") as IdempotencyRecord).state = "succeeded";
    expect(store.get("a")?.state).toBe("pending");
    expect(store.compareAndSet("a", 2, { ...record, version: 3, state: "sent" })).toBe(false);
    expect(store.compareAndSet("a", 1, { ...record, version: 2, state: "sent" })).toBe(true);
    expect(store.get("a")).toMatchObject({ version: 2, state: "sent" });
    expect(store.compareAndSet("missing", 1, record)).toBe(false);
  });

  it("fingerprints ignore key order and keep bigints exact", () => {
    expect(fingerprint({ a: 1, b: { d: 2n, c: "x" } })).toBe(fingerprint({ b: { c: "x", d: 2n }, a: 1 }));
    expect(fingerprint({ minor: 2n ** 70n })).toContain("1180591620717411303424");
  });
});

describe("state machine (runWrite)", () => {
  const runner = (store = new MemoryIdempotencyStore()) => ({
    store,
    now: () => new Date("2024-06-12T10:00:00.000Z"),
    resendGraceMs: 0,
    leaseMs: 60_000,
    instanceId: "t",
  });
  const job = (over: Partial<WriteJob>): WriteJob => ({
    key: "j",
    fingerprint: "f",
    provider: "iyzico",
    providerName: "iyzico",
    operation: "refund",
    rejectsRepeatedKeys: false,
    plan: async () => ({ providerOperation: "refundV2", request: {}, amount: { minor: "100", currency: "TRY" } }),
    send: async () => ({ status: "succeeded" }),
    reconcile: async () => ({ state: "not_applied" }),
    ...over,
  });

  it("a plan that finds the key's write already applied finishes without sending", async () => {
    const r = runner();
    let sends = 0;
    const outcome = await runWrite(
      r,
      job({
        plan: async () => ({
          providerOperation: "refundV2",
          request: {},
          amount: { minor: "100", currency: "TRY" },
          alreadyApplied: { status: "succeeded", refundId: "R1" },
        }),
        send: async () => ((sends += 1), { status: "succeeded" }),
      }),
    );
    expect(outcome).toEqual({
      result: { status: "succeeded", providerOperation: "refundV2", amount: { minor: "100", currency: "TRY" }, refundId: "R1" },
      replayed: true,
    });
    expect(sends).toBe(0);
    expect(r.store.get("j")).toMatchObject({ state: "succeeded", version: 2 });
  });

  it("a CAS lost to another process before sending re-reads and takes that process's result", async () => {
    const store = new MemoryIdempotencyStore();
    let sends = 0;
    const outcome = await runWrite(
      runner(store),
      job({
        // Between our create and our pending → sent CAS, another process finished the key.
        plan: async () => {
          const current = store.get("j") as IdempotencyRecord;
          store.compareAndSet("j", current.version, {
            ...current,
            version: current.version + 1,
            state: "succeeded",
            result: { status: "succeeded", providerOperation: "refundV2", refundId: "OTHER" },
          });
          return { providerOperation: "refundV2", request: {}, amount: { minor: "100", currency: "TRY" } };
        },
        send: async () => ((sends += 1), { status: "succeeded" }),
      }),
    );
    expect(outcome).toMatchObject({ result: { refundId: "OTHER" }, replayed: true });
    expect(sends).toBe(0);
  });
});

// Parolapay documents no refund lookup, so a lost answer there is always outcome_unknown; these
// cases need a provider whose lookup can tell, so they drive the state machine with a scripted one.
describe("state machine over a shared JSON store, with a lookup that can tell", () => {
  /** One provider's ledger: a refund lands once per send that got through. */
  function ledger() {
    const state = { applied: 0, sends: 0 };
    const lost = () =>
      new OdemeError({
        code: "network",
        message: "reset after sending",
        provider: "iyzico",
        operation: "refundV2",
        outcome: "unknown",
        retryable: false,
      });
    const job = (key: string, send: () => Promise<void>): WriteJob => ({
      key,
      fingerprint: `f-${key}`,
      provider: "iyzico",
      providerName: "iyzico",
      operation: "refund",
      rejectsRepeatedKeys: false,
      plan: async () => ({ providerOperation: "refundV2", request: {}, amount: { minor: "1000", currency: "TRY" } }),
      send: async () => {
        state.sends += 1;
        await send();
        return { status: "succeeded" };
      },
      // Found by the key's own reference, or shown unchanged since the plan.
      reconcile: async () => (state.applied > 0 ? { state: "applied", status: "succeeded" } : { state: "not_applied" }),
    });
    return { state, lost, job };
  }
  const runnerOn = (store: JsonStore, now: () => Date, resendGraceMs = 0, instanceId = "p1") => ({
    store,
    now,
    resendGraceMs,
    leaseMs: 60_000,
    instanceId,
  });
  const at = (iso: string) => () => new Date(iso);

  it("keeps plain JSON records with a version in an injected store, and a new process reconciles a sent write", async () => {
    const store = new JsonStore();
    const { state, lost, job } = ledger();
    // Applied at the provider, the answer lost: the lookup right after finds it.
    const first = await runWrite(
      runnerOn(store, at("2024-06-12T10:00:00.000Z")),
      job("k5", async () => {
        state.applied += 1;
        throw lost();
      }),
    );
    expect(first).toMatchObject({ replayed: false, result: { status: "succeeded", amount: { minor: "1000", currency: "TRY" } } });
    const record = await store.get("k5");
    expect(record).toMatchObject({
      state: "succeeded",
      provider: "iyzico",
      operation: "refund",
      result: { amount: { minor: "1000", currency: "TRY" } },
    });
    // create (1), pending → sent (2), sent → unknown (3), unknown → succeeded (4): each a CAS.
    expect(record?.version).toBe(4);
    expect(record?.lease).toBeUndefined();

    // A process died between "sent" and the answer, after the provider applied its refund: the
    // next process looks it up before sending, and finds it.
    store.put("k6", {
      version: 2,
      fingerprint: "f-k6",
      provider: "iyzico",
      operation: "refund",
      state: "sent",
      updatedAt: "2024-06-12T10:00:00.000Z",
      lease: { owner: "dead-process", until: "2024-06-12T10:01:00.000Z" },
      plan: { providerOperation: "refundV2", request: {}, amount: { minor: "1000", currency: "TRY" } },
    });
    const sendsBefore = state.sends;
    const replay = await runWrite(
      runnerOn(store, at("2024-06-12T10:02:00.000Z"), 0, "p2"),
      job("k6", async () => undefined),
    );
    expect(replay).toMatchObject({ replayed: true, result: { status: "succeeded" } });
    expect(state.sends).toBe(sendsBefore);
    expect(state.applied).toBe(1);
    expect(await store.get("k6")).toMatchObject({ version: 4, state: "succeeded" });
  });

  it("(b) after an unknown outcome and resendGraceMs, two processes retrying the key send it once", async () => {
    const shared = new Map<string, string>();
    const { state, lost, job } = ledger();
    const held = gate();
    const clock = at("2024-06-12T10:00:00.000Z");
    const a = runnerOn(new JsonStore(shared), clock, 0, "a");
    const b = runnerOn(new JsonStore(shared), clock, 0, "b");
    // Lost before the provider applied it: the lookup shows nothing changed.
    const firstTry = await rejection(() =>
      runWrite(
        a,
        job("k11", async () => {
          throw lost();
        }),
      ),
    );
    expect(firstTry).toMatchObject({ code: "outcome_unknown", retryable: true });
    expect(JSON.parse(shared.get("k11") ?? "")).toMatchObject({ state: "unknown" });

    const retry = (r: typeof a) =>
      runWrite(
        r,
        job("k11", async () => {
          await held.opened;
          state.applied += 1;
        }),
      );
    const retries = Promise.allSettled([retry(a), retry(b)]);
    await until(() => state.sends === 2);
    held.open();
    const outcomes = (await retries).map((r) => (r.status === "fulfilled" ? "sent" : (r.reason as { code: string }).code)).sort();
    expect(outcomes).toEqual(["outcome_unknown", "sent"]);
    expect(state.sends).toBe(2);
    expect(state.applied).toBe(1);
  });

  it("a sent record of a dead process is re-sent only resendGraceMs after its lease ran out, and only if a lookup finds nothing", async () => {
    const store = new JsonStore();
    store.put("k14", {
      version: 2,
      fingerprint: "f-k14",
      provider: "iyzico",
      operation: "refund",
      state: "sent",
      updatedAt: "2024-06-12T10:00:00.000Z",
      lease: { owner: "dead-process", until: "2024-06-12T10:01:00.000Z" },
      plan: { providerOperation: "refundV2", request: {}, amount: { minor: "1000", currency: "TRY" } },
    });
    const { state, job } = ledger();
    let now = new Date("2024-06-12T10:01:10.000Z");
    const r = runnerOn(store, () => now, 30_000);
    const send = () =>
      job("k14", async () => {
        state.applied += 1;
      });
    const early = await rejection(() => runWrite(r, send()));
    expect(early).toMatchObject({ code: "outcome_unknown", retryable: true });
    expect(early.message).toContain("after 2024-06-12T10:01:30.000Z");
    expect(state.sends).toBe(0);
    expect((await store.get("k14"))?.lease).toBeUndefined();

    now = new Date("2024-06-12T10:01:31.000Z");
    expect(await runWrite(r, send())).toMatchObject({ result: { status: "succeeded" }, replayed: false });
    expect(state.sends).toBe(1);
    expect(state.applied).toBe(1);
  });
  it("never re-sends an unknown write whose recorded time a store mangled: outcome_unknown, no request", async () => {
    const store = new JsonStore();
    store.put("k15", {
      version: 3,
      fingerprint: "f-k15",
      provider: "iyzico",
      operation: "refund",
      state: "unknown",
      updatedAt: "not a date",
      inFlightAt: "yesterday-ish",
      plan: { providerOperation: "refundV2", request: {}, amount: { minor: "1000", currency: "TRY" } },
    });
    const { state, job } = ledger();
    // A lookup that finds nothing would re-send once the grace has passed; an unreadable time never has.
    const r = runnerOn(store, at("2030-01-01T00:00:00.000Z"), 0);
    const error = await rejection(() =>
      runWrite(
        r,
        job("k15", async () => {
          state.applied += 1;
        }),
      ),
    );
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: true });
    expect(error.message).toContain("Retry with the same key later");
    expect(state.sends).toBe(0);
  });
});

/** Waits until `done()` holds (the other "process" reached the point the test needs). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((r) => setTimeout(r, 1));
  if (!done()) throw new Error("the awaited condition never held");
}
