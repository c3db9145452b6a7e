import { describe, expect, it } from "vitest";
import {
  createPayments,
  MemoryIdempotencyStore,
  parseMoney,
  type IdempotencyRecord,
  type IdempotencyStore,
  type Payments,
} from "../src/index.ts";
import { fingerprint } from "../src/idempotency.ts";
import { fakeProvider, rejection, type FakeProvider } from "./helpers/fake-fetch.ts";

const INTENT = "pi_0123456789abcdef01234567";

/** Parolapay is the simplest stateful fake: one intent with a refunded amount. */
function provider(opts: { refundReply?: "reset" } = {}) {
  const state = { refunded: 0 };
  const fake = fakeProvider({
    "POST /parolapay/status": () => ({
      json: { id: INTENT, status: state.refunded ? "partially_refunded" : "captured", amount_captured: 10_000, amount_refunded: state.refunded, currency: "TRY" },
    }),
    "POST /parolapay/refund": async (call) => {
      state.refunded += (call.body as { amount: number }).amount;
      return opts.refundReply ?? { json: { id: `re_${"0".repeat(23)}${fake.count("/parolapay/refund")}`, status: "succeeded" } };
    },
  });
  return { fake, state };
}

function payments(fake: FakeProvider, extra: object = {}): Payments {
  return createPayments({ parolapay: { username: "u", password: "p", baseUrl: "http://p.test", fetch: fake.fetch }, resendGraceMs: 0, ...extra });
}

const refund = (key: string, amount = "10") =>
  ({ provider: "parolapay", payment: { intentId: INTENT }, amount: parseMoney(amount, "TRY"), idempotencyKey: key }) as const;

/** A store that keeps only JSON, like Redis or a database column would. */
class JsonStore implements IdempotencyStore {
  data = new Map<string, string>();
  async get(key: string) {
    const text = this.data.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as IdempotencyRecord);
  }
  async set(key: string, record: IdempotencyRecord) {
    this.data.set(key, JSON.stringify(record));
  }
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
    fake.on("POST /parolapay/refund", (_c, n) => (n === 1 ? { status: 400, json: { error: { code: "bad", message: "nope" } } } : { json: { status: "succeeded" } }));
    const p = payments(fake);
    expect((await rejection(() => p.refund(refund("k3", "10")))).code).toBe("invalid_request");
    expect(await p.refund(refund("k3", "12"))).toMatchObject({ status: "succeeded", amount: parseMoney("12", "TRY") });
  });

  it("runs concurrent calls with one key one after another: one request, one refund", async () => {
    const { fake, state } = provider();
    const p = payments(fake);
    const results = await Promise.all([p.refund(refund("k4")), p.refund(refund("k4")), p.refund(refund("k4"))]);
    expect(results.map((r) => r.replayed)).toEqual([false, true, true]);
    expect(fake.count("/parolapay/refund")).toBe(1);
    expect(state.refunded).toBe(1000);
  });

  it("keeps plain JSON records in an injected store, and a new process reconciles a pending write", async () => {
    const store = new JsonStore();
    const { fake } = provider({ refundReply: "reset" });
    // Parolapay's lost answer cannot be looked up by its merchant_ref (no documented lookup), so it
    // stays unknown; the record keeps the plan as plain JSON.
    expect(await rejection(() => payments(fake, { idempotencyStore: store }).refund(refund("k5")))).toMatchObject({ code: "outcome_unknown" });
    const record = await store.get("k5");
    expect(record).toMatchObject({ state: "unknown", provider: "parolapay", operation: "refund", plan: { amount: { minor: "1000", currency: "TRY" } } });

    // A process died between "pending" and the answer, after Parolapay applied its refund: the
    // next process reconciles before sending, cannot prove either way, and never sends again.
    const later = provider();
    later.state.refunded = 1000;
    const input = refund("k6");
    await store.set("k6", {
      fingerprint: fingerprint({ provider: "parolapay", operation: "refund", payment: input.payment, amount: input.amount }),
      provider: "parolapay",
      operation: "refund",
      state: "pending",
      updatedAt: "2024-06-12T10:00:00.000Z",
      plan: { providerOperation: "refund", request: {}, amount: { minor: "1000", currency: "TRY" }, snapshot: { intentId: INTENT, status: "captured", refunded: "0" } },
    });
    expect(await rejection(() => payments(later.fake, { idempotencyStore: store }).refund(input))).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(later.fake.count("/parolapay/refund")).toBe(0);
    expect(later.state.refunded).toBe(1000);
  });

  it("never re-sends a pending write whose record lost its plan", async () => {
    const store = new JsonStore();
    const input = refund("k8");
    await store.set("k8", {
      fingerprint: fingerprint({ provider: "parolapay", operation: "refund", payment: input.payment, amount: input.amount }),
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

  it("with setIfAbsent, two processes sharing a store send one refund for one key", async () => {
    const shared = new Map<string, string>();
    /** One store per "process", over the same data, with an atomic create like Redis SET NX. */
    class Shared extends JsonStore {
      override data = shared;
      async setIfAbsent(key: string, record: IdempotencyRecord) {
        if (shared.has(key)) return false;
        shared.set(key, JSON.stringify(record));
        return true;
      }
    }
    const { fake, state } = provider();
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    fake.on("POST /parolapay/refund", async (call) => {
      await held;
      state.refunded += (call.body as { amount: number }).amount;
      return { json: { status: "succeeded" } };
    });
    const a = payments(fake, { idempotencyStore: new Shared(), resendGraceMs: 60_000 });
    const b = payments(fake, { idempotencyStore: new Shared(), resendGraceMs: 60_000 });
    const first = a.refund(refund("k9"));
    const second = rejection(() => b.refund(refund("k9")));
    expect((await second).code).toBe("outcome_unknown");
    release();
    expect(await first).toMatchObject({ status: "succeeded" });
    expect(await b.refund(refund("k9"))).toMatchObject({ replayed: true });
    expect(fake.count("/parolapay/refund")).toBe(1);
  });

  it("the default store is per createPayments call", async () => {
    const { fake } = provider();
    await payments(fake).refund(refund("k7"));
    await payments(fake).refund(refund("k7"));
    expect(fake.count("/parolapay/refund")).toBe(2);
  });

  it("MemoryIdempotencyStore hands out copies", () => {
    const store = new MemoryIdempotencyStore();
    const record: IdempotencyRecord = { fingerprint: "f", provider: "iyzico", operation: "refund", state: "pending", updatedAt: "2024-01-01T00:00:00.000Z" };
    store.set("a", record);
    (store.get("a") as IdempotencyRecord).state = "succeeded";
    expect(store.get("a")?.state).toBe("pending");
  });

  it("fingerprints ignore key order and keep bigints exact", () => {
    expect(fingerprint({ a: 1, b: { d: 2n, c: "x" } })).toBe(fingerprint({ b: { c: "x", d: 2n }, a: 1 }));
    expect(fingerprint({ minor: 2n ** 70n })).toContain("1180591620717411303424");
  });
});
