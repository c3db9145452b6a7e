import { startSimulator } from "@odeme/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPayments, MemoryIdempotencyStore, parseMoney, type Payments } from "../../../src/index.ts";
import { dyingProcess } from "../../helpers/crash.ts";
import { fakeProvider, rejection, type FakeProvider } from "../../helpers/fake-fetch.ts";
import { raceRefunds } from "../../helpers/race.ts";

const KEYS = { apiKeyPublic: "pub-key", apiClientPublic: "pub-client", apiKeyPrivate: "priv-key", apiClientPrivate: "priv-client" };
const OK = { json: { ErrorCode: 0, Result: true, Message: "", Body: null } };

/** A 101.50 TRY payment; flags and ActivityId move as Paywall's inquiry would show them. */
function paywall() {
  // `refunded`: Body.Paywall.RefundedAmount (inferred field); left out of the inquiry while undefined.
  const state: { refund: boolean; partial: boolean; cancel: boolean; activityId: number; refunded?: number | null } = {
    refund: false,
    partial: false,
    cancel: false,
    activityId: 654321,
  };
  const inquiry = () => ({
    json: {
      ErrorCode: 0,
      Result: true,
      Message: "",
      Body: {
        Paywall: {
          PaymentId: 123456,
          ActivityId: state.activityId,
          AnySuccessPayment: true,
          AnySuccessRefund: state.refund,
          AnySuccessPartialRefund: state.partial,
          AnySuccessCancel: state.cancel,
          Status: true,
          StatusName: "Successful",
          CurrencyId: 1,
          PaymentAmount: 101.5,
          ActivityAmount: 101.5,
          RefundedAmount: state.refunded,
        },
      },
    },
  });
  const act = (what: "refund" | "partial" | "cancel") => () => {
    state[what] = true;
    state.activityId += 1;
    return OK;
  };
  const provider = fakeProvider({
    "GET /api/paywall/private/query": inquiry,
    "GET /api/paywall/private/query/by/paymentid": inquiry,
    "POST /api/paywall/private/refund": act("refund"),
    "POST /api/paywall/private/refund/partial": act("partial"),
    "POST /api/paywall/private/refund/partial/by/uniquecode": act("partial"),
    "POST /api/paywall/private/revert/by/paymentid": act("partial"),
    "POST /api/paywall/private/cancel": act("cancel"),
    "POST /api/paywall/private/cancel/by/uniqueCode": act("cancel"),
  });
  return { provider, state, act };
}

function payments(provider: FakeProvider, extra: object = {}): Payments {
  return createPayments({ paywall: { ...KEYS, baseUrl: "http://paywall.test", fetch: provider.fetch }, resendGraceMs: 0, ...extra });
}

const byCode = { merchantUniqueCode: "order-1001", date: "2023-02-07" } as const;

describe("Paywall refund", () => {
  it("sends a partial refund by MerchantUniqueCode with the exact JSON number and the private headers", async () => {
    const { provider } = paywall();
    const result = await payments(provider).refund({
      provider: "paywall",
      payment: byCode,
      amount: parseMoney("10.50", "TRY"),
      idempotencyKey: "k1",
    });
    expect(result).toMatchObject({ status: "succeeded", providerOperation: "partialRefund", amount: parseMoney("10.5", "TRY") });
    const sent = provider.calls.find((c) => c.path === "/api/paywall/private/refund/partial");
    expect(sent?.text).toBe('{"Date":"2023-02-07","MerchantUniqueCode":"order-1001","Amount":10.5}');
    expect(sent?.headers.get("apikeyprivate")).toBe("priv-key");
    const query = provider.calls.find((c) => c.path === "/api/paywall/private/query");
    expect(query?.headers.get("merchantuniquecode")).toBe("order-1001");
  });

  it("uses the full refund endpoint for the whole amount, looked up when not given", async () => {
    const { provider } = paywall();
    const result = await payments(provider).refund({ provider: "paywall", payment: byCode, idempotencyKey: "full" });
    expect(result).toMatchObject({ providerOperation: "refund", amount: parseMoney("101.50", "TRY") });
    expect(provider.calls.find((c) => c.path === "/api/paywall/private/refund")?.body).toEqual({
      Date: "2023-02-07",
      MerchantUniqueCode: "order-1001",
    });
  });

  it("refunds by uniqueCode only with an amount, since Paywall cannot look it up", async () => {
    const { provider } = paywall();
    const p = payments(provider);
    const ref = { uniqueCode: "a1b2c3d4-0000-0000-0000-000000000001", date: "2023-02-07" } as const;
    const error = await rejection(() => p.refund({ provider: "paywall", payment: ref, idempotencyKey: "u0" }));
    expect(error).toMatchObject({ code: "invalid_request", field: "amount", outcome: "not_sent" });
    expect(provider.calls).toHaveLength(0);
    const result = await p.refund({ provider: "paywall", payment: ref, amount: parseMoney("5", "TRY"), idempotencyKey: "u1" });
    expect(result.providerOperation).toBe("partialRefundByUniqueCode");
    expect(provider.calls.at(-1)?.body).toEqual({ Date: "2023-02-07", UniqueCode: ref.uniqueCode, Amount: 5 });
  });

  it("refunds by paymentId through revertByPaymentId and looks the payment up by its header", async () => {
    const { provider } = paywall();
    const result = await payments(provider).refund({
      provider: "paywall",
      payment: { paymentId: 123456 },
      amount: parseMoney("1", "TRY"),
      idempotencyKey: "p1",
    });
    expect(result.providerOperation).toBe("revertByPaymentId");
    expect(provider.calls.at(-1)?.text).toBe('{"PaymentId":123456,"Amount":1}');
    expect(provider.calls[0]?.headers.get("paymentid")).toBe("123456");
  });

  it.each([
    ["more than the payment", (s: { partial: boolean }) => s, parseMoney("101.51", "TRY"), "amount_exceeds_refundable"],
    ["after a full refund", (s: { refund: boolean }) => Object.assign(s, { refund: true }), parseMoney("1", "TRY"), "already_refunded"],
    ["after a cancel", (s: { cancel: boolean }) => Object.assign(s, { cancel: true }), parseMoney("1", "TRY"), "already_cancelled"],
    ["in another currency", (s: object) => s, parseMoney("1", "EUR"), "invalid_request"],
  ] as const)("refuses a refund %s before sending", async (_what, set, amount, code) => {
    const { provider, state } = paywall();
    set(state as never);
    const error = await rejection(() => payments(provider).refund({ provider: "paywall", payment: byCode, amount, idempotencyKey: "x" }));
    expect(error).toMatchObject({ code, outcome: "not_sent" });
    expect(provider.calls.every((c) => c.method === "GET")).toBe(true);
  });

  it("asks for the amount when partial refunds exist, since Paywall does not report their total", async () => {
    const { provider, state } = paywall();
    state.partial = true;
    const error = await rejection(() => payments(provider).refund({ provider: "paywall", payment: byCode, idempotencyKey: "rest" }));
    expect(error).toMatchObject({ code: "invalid_request", field: "amount" });
    expect(error.message).toContain("pass amount (what is left to refund)");
  });

  it.each([
    ["Payment not found", "not_found"],
    ["Beklenmeyen bir hata oluştu", "provider_error"],
  ])("refines Paywall's ambiguous -1 on a write by its message (%s)", async (message, code) => {
    const { provider } = paywall();
    provider.on("POST /api/paywall/private/refund/partial", { json: { ErrorCode: -1, Result: false, Message: message, Body: null } });
    const error = await rejection(() =>
      payments(provider).refund({ provider: "paywall", payment: byCode, amount: parseMoney("1", "TRY"), idempotencyKey: "m1" }),
    );
    expect(error).toMatchObject({ code, providerCode: "-1", providerMessage: message, outcome: "rejected" });
  });

  it("maps Paywall's codes from its spec table (93 already refunded)", async () => {
    const { provider } = paywall();
    provider.on("POST /api/paywall/private/refund/partial", {
      json: { ErrorCode: 93, Result: false, Message: "Payment has successful refund", Body: null },
    });
    const error = await rejection(() =>
      payments(provider).refund({ provider: "paywall", payment: byCode, amount: parseMoney("1", "TRY"), idempotencyKey: "m2" }),
    );
    expect(error).toMatchObject({ code: "already_refunded", providerCode: "93" });
  });
});

describe("Paywall safe replay", () => {
  // Was "takes a new activity after a lost answer as the refund": that is the measured bug (any new
  // ActivityId counted as proof, so another caller's refund confirmed a lost one). Paywall has no
  // per-refund reference, so a changed payment can only be outcome_unknown; never sent twice stays.
  it("never takes a new activity after a lost answer as this refund, and never sends it twice", async () => {
    const { provider, act } = paywall();
    const apply = act("partial");
    provider.on("POST /api/paywall/private/refund/partial", () => (apply(), "reset"));
    const p = payments(provider);
    const input = { provider: "paywall", payment: byCode, amount: parseMoney("3", "TRY"), idempotencyKey: "lost" } as const;
    const first = await rejection(() => p.refund(input));
    expect(first).toMatchObject({ code: "outcome_unknown", retryable: false, outcome: "unknown" });
    expect(first.message).toContain("does not say which request made the change");
    expect(first.message).toContain("Paywall panel");
    expect(await rejection(() => p.refund(input))).toMatchObject({ code: "outcome_unknown" });
    expect(provider.count("/api/paywall/private/refund/partial")).toBe(1);
  });

  it("does not take someone else's refund, landing while this one was lost before Paywall, as this one", async () => {
    const { provider, state } = paywall();
    // Another caller's 7.00 refund lands; this request never reached Paywall.
    provider.on(
      "POST /api/paywall/private/refund/partial",
      () => (Object.assign(state, { partial: true, activityId: state.activityId + 1, refunded: 7 }), "reset"),
    );
    const error = await rejection(() =>
      payments(provider).refund({ provider: "paywall", payment: byCode, amount: parseMoney("3", "TRY"), idempotencyKey: "other" }),
    );
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(error.message).toContain("activityId 654321 -> 654322");
  });

  it("after an earlier partial refund, an unchanged payment is still outcome_unknown: only ActivityId (inferred) could show a second one", async () => {
    const { provider, state } = paywall();
    Object.assign(state, { partial: true, refunded: 10 });
    provider.on("POST /api/paywall/private/refund/partial", "reset");
    let now = 0;
    const p = payments(provider, { resendGraceMs: 1_000, now: () => new Date(now) });
    const input = { provider: "paywall", payment: byCode, amount: parseMoney("3", "TRY"), idempotencyKey: "second" } as const;
    const error = await rejection(() => p.refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(error.message).toContain("already had a partial refund");
    now = 5_000;
    expect((await rejection(() => p.refund(input))).code).toBe("outcome_unknown");
    expect(provider.count("/api/paywall/private/refund/partial")).toBe(1);
  });

  it("a lost cancel: not applied while nothing changed (re-sent after the grace period), outcome_unknown once the payment is cancelled", async () => {
    const { provider, act } = paywall();
    const cancel = act("cancel");
    provider.on("POST /api/paywall/private/cancel", (_c, n) => (n === 1 ? "reset" : (cancel(), "reset")));
    let now = 0;
    const p = payments(provider, { resendGraceMs: 1_000, now: () => new Date(now) });
    const input = { provider: "paywall", payment: byCode, idempotencyKey: "c-lost" } as const;
    expect(await rejection(() => p.cancel(input))).toMatchObject({ code: "outcome_unknown", retryable: true });
    now = 2_000;
    const second = await rejection(() => p.cancel(input));
    expect(second).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(second.message).toContain("anyCancel false -> true");
    expect(provider.count("/api/paywall/private/cancel")).toBe(2);
  });

  it("sends again after the grace period when the activity did not move", async () => {
    const { provider, act } = paywall();
    const apply = act("partial");
    provider.on("POST /api/paywall/private/refund/partial", (_c, n) => (n === 1 ? "reset" : apply()));
    let now = 0;
    const p = payments(provider, { resendGraceMs: 1_000, now: () => new Date(now) });
    const input = { provider: "paywall", payment: byCode, amount: parseMoney("3", "TRY"), idempotencyKey: "lost2" } as const;
    expect((await rejection(() => p.refund(input))).code).toBe("outcome_unknown");
    now = 2_000;
    expect(await p.refund(input)).toMatchObject({ status: "succeeded" });
    expect(provider.count("/api/paywall/private/refund/partial")).toBe(2);
  });

  it("cannot look up a uniqueCode payment: outcome_unknown says to check the panel", async () => {
    const { provider } = paywall();
    provider.on("POST /api/paywall/private/refund/partial/by/uniquecode", "reset");
    const ref = { uniqueCode: "guid-1", date: "2023-02-07" } as const;
    const error = await rejection(() =>
      payments(provider).refund({ provider: "paywall", payment: ref, amount: parseMoney("1", "TRY"), idempotencyKey: "u" }),
    );
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(error.message).toContain("find payment guid-1 in the Paywall panel");
  });
});

describe("Paywall RefundedAmount (inferred field)", () => {
  it("reports refunded and refundable amounts from it, exactly, after partial refunds", async () => {
    const { provider, state } = paywall();
    Object.assign(state, { partial: true, refunded: 40.1 });
    expect(await payments(provider).retrieve({ provider: "paywall", payment: { merchantUniqueCode: "order-1001" } })).toEqual({
      provider: "paywall",
      status: "partially_refunded",
      providerStatus: "Successful",
      amount: parseMoney("101.5", "TRY"),
      refundedAmount: parseMoney("40.10", "TRY"),
      refundableAmount: parseMoney("61.40", "TRY"),
    });
  });

  it("says refunded, with nothing refundable, when partial refunds add up to the payment", async () => {
    const { provider, state } = paywall();
    Object.assign(state, { partial: true, refunded: 101.5 });
    const d = await payments(provider).retrieve({ provider: "paywall", payment: { paymentId: 123456 } });
    expect(d).toMatchObject({ status: "refunded", refundedAmount: parseMoney("101.5", "TRY"), refundableAmount: parseMoney("0", "TRY") });
  });

  it("reports nothing refundable for a cancelled payment", async () => {
    const { provider, state } = paywall();
    Object.assign(state, { cancel: true, refunded: 0 });
    const d = await payments(provider).retrieve({ provider: "paywall", payment: { paymentId: 123456 } });
    expect(d).toMatchObject({ status: "cancelled", refundedAmount: parseMoney("0", "TRY"), refundableAmount: parseMoney("0", "TRY") });
  });

  it("refunds what is left after partial refunds when no amount is given, as a partial refund", async () => {
    const { provider, state } = paywall();
    Object.assign(state, { partial: true, refunded: 40.1 });
    const result = await payments(provider).refund({ provider: "paywall", payment: byCode, idempotencyKey: "rest" });
    expect(result).toMatchObject({ status: "succeeded", providerOperation: "partialRefund", amount: parseMoney("61.40", "TRY") });
    expect(provider.calls.at(-1)?.text).toBe('{"Date":"2023-02-07","MerchantUniqueCode":"order-1001","Amount":61.4}');
  });

  it.each([
    ["more than is left", 40.1, parseMoney("61.41", "TRY"), "amount_exceeds_refundable"],
    ["when partial refunds used it all up", 101.5, undefined, "already_refunded"],
    ["of 1.00 when partial refunds used it all up", 101.5, parseMoney("1", "TRY"), "already_refunded"],
  ] as const)("refuses a refund %s before sending", async (_what, refunded, amount, code) => {
    const { provider, state } = paywall();
    Object.assign(state, { partial: true, refunded });
    const error = await rejection(() =>
      payments(provider).refund({ provider: "paywall", payment: byCode, idempotencyKey: "x", ...(amount ? { amount } : {}) }),
    );
    expect(error).toMatchObject({ code, outcome: "not_sent" });
    expect(provider.calls.every((c) => c.method === "GET")).toBe(true);
  });

  it("falls back to the flags when RefundedAmount is null", async () => {
    const { provider, state } = paywall();
    Object.assign(state, { partial: true, refunded: null });
    const p = payments(provider);
    const d = await p.retrieve({ provider: "paywall", payment: { merchantUniqueCode: "order-1001" } });
    expect(d.status).toBe("partially_refunded");
    expect(d.refundedAmount).toBeUndefined();
    expect(d.refundableAmount).toBeUndefined();
    const error = await rejection(() => p.refund({ provider: "paywall", payment: byCode, idempotencyKey: "rest" }));
    expect(error).toMatchObject({ code: "invalid_request", field: "amount" });
  });

  it("refuses a cancel once RefundedAmount shows a refund", async () => {
    const { provider, state } = paywall();
    state.refunded = 1;
    const error = await rejection(() => payments(provider).cancel({ provider: "paywall", payment: byCode, idempotencyKey: "c" }));
    expect(error).toMatchObject({ code: "already_refunded", outcome: "not_sent" });
  });
});

describe("Paywall cancel and retrieve", () => {
  it("cancels by MerchantUniqueCode or uniqueCode and refuses a cancel after a refund", async () => {
    const { provider, state } = paywall();
    const p = payments(provider);
    expect(await p.cancel({ provider: "paywall", payment: byCode, idempotencyKey: "c1" })).toMatchObject({
      providerOperation: "cancel",
      amount: parseMoney("101.5", "TRY"),
    });
    state.cancel = false;
    const byGuid = await p.cancel({ provider: "paywall", payment: { uniqueCode: "guid-2", date: "2023-02-07" }, idempotencyKey: "c2" });
    expect(byGuid).toMatchObject({ providerOperation: "cancelByUniqueCode" });
    expect(byGuid.amount).toBeUndefined();
    state.cancel = false;
    state.partial = true;
    expect((await rejection(() => p.cancel({ provider: "paywall", payment: byCode, idempotencyKey: "c3" }))).code).toBe("already_refunded");
  });

  it("without RefundedAmount, reports the inquiry's flags as a status, and amounts only when they follow from the flags", async () => {
    const { provider, state } = paywall();
    const p = payments(provider);
    expect(await p.retrieve({ provider: "paywall", payment: { paymentId: 123456 } })).toEqual({
      provider: "paywall",
      status: "succeeded",
      providerStatus: "Successful",
      amount: parseMoney("101.5", "TRY"),
      refundedAmount: parseMoney("0", "TRY"),
      refundableAmount: parseMoney("101.5", "TRY"),
    });
    state.partial = true;
    const partly = await p.retrieve({ provider: "paywall", payment: { merchantUniqueCode: "order-1001" } });
    expect(partly.status).toBe("partially_refunded");
    expect(partly.refundedAmount).toBeUndefined();
  });

  it("answers provider_error for Paywall's general -1 on the inquiry (SDK SystemMessage), not not_found", async () => {
    const { provider } = paywall();
    provider.on("GET /api/paywall/private/query", {
      json: { ErrorCode: -1, Result: false, Message: "Beklenmeyen bir hata oluştu", Body: null },
    });
    const error = await rejection(() =>
      payments(provider).retrieve({ provider: "paywall", payment: { merchantUniqueCode: "order-1001" } }),
    );
    expect(error).toMatchObject({ code: "provider_error", providerCode: "-1" });
  });

  it("answers not_found for an unknown payment (56 PaymentNotFound on the inquiry)", async () => {
    const { provider } = paywall();
    provider.on("GET /api/paywall/private/query", { json: { ErrorCode: 56, Result: false, Message: "Payment not found", Body: null } });
    const error = await rejection(() => payments(provider).retrieve({ provider: "paywall", payment: { merchantUniqueCode: "nope" } }));
    expect(error).toMatchObject({ code: "not_found", providerCode: "56" });
  });

  it("answers not_found for an unknown payment (-1 on the inquiry)", async () => {
    const { provider } = paywall();
    provider.on("GET /api/paywall/private/query", { json: { ErrorCode: -1, Result: false, Message: "Payment not found", Body: null } });
    const error = await rejection(() => payments(provider).retrieve({ provider: "paywall", payment: { merchantUniqueCode: "nope" } }));
    expect(error).toMatchObject({ code: "not_found", providerCode: "-1" });
  });

  it.each([
    [{ merchantUniqueCode: "order-1", date: "07.02.2023" }, "payment.date"],
    [{ paymentId: 1.5 }, "payment.paymentId"],
    [{}, "payment"],
  ])("checks the reference at run time (%j)", async (payment, field) => {
    const { provider } = paywall();
    const error = await rejection(() => payments(provider).refund({ provider: "paywall", payment: payment as never, idempotencyKey: "r" }));
    expect(error).toMatchObject({ code: "invalid_request", field, outcome: "not_sent" });
  });
});

describe("Paywall against its simulator: no refund reported that the ledger lacks", () => {
  const started: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });

  async function simulator() {
    const sim = await startSimulator("paywall", { now: new Date("2024-06-12T07:00:00Z") });
    started.push(sim);
    const p = sim.seedPayment({ amount: "100.00" });
    const ref = { merchantUniqueCode: p.merchantUniqueCode, date: p.date as `${number}-${number}-${number}` };
    const ledger = () =>
      sim.ledger.byMerchantUniqueCode(p.merchantUniqueCode)?.activities.filter((a) => a.type === "Refund" || a.type === "PartialRefund") ??
      [];
    return { sim, ref, ledger, config: { ...sim.credentials, baseUrl: sim.url } };
  }

  it("three concurrent refunds of 40.00/40.01/40.02, one lost before Paywall: only those in the ledger are reported succeeded", async () => {
    const { sim, ref, ledger, config } = await simulator();
    sim.faults.inject({ kind: "reset-before" }, { route: "/api/paywall/private/refund/partial" });
    const p = createPayments({ paywall: config });
    const amounts = ["40.00", "40.01", "40.02"];
    const input = (amount: string) =>
      ({ provider: "paywall", payment: ref, amount: parseMoney(amount, "TRY"), idempotencyKey: `race-${amount}` }) as const;
    const { reported: succeeded, failed, lost } = await raceRefunds(p, amounts, "TRY", input);

    expect(sim.requests.filter((r) => r.fault === "reset-before")).toHaveLength(1);
    expect(succeeded.every((r) => r.status === "succeeded")).toBe(true);
    expect(failed.map((e) => e.code)).toEqual(["outcome_unknown"]);
    // What callers were told matches the ledger, kuruş for kuruş.
    expect(succeeded.map((r) => r.amount.minor).sort()).toEqual(
      ledger()
        .map((a) => BigInt(a.amount))
        .sort(),
    );
    expect(ledger()).toHaveLength(2);

    // A retry of the lost key must not send it: the payment changed, and Paywall cannot say by whom.
    const retry = await rejection(() => p.refund(input(lost as string)));
    expect(retry.code).toBe("outcome_unknown");
    expect(ledger()).toHaveLength(2);
  });

  it("a process that dies after Paywall applied its refund: the retry from another process on the shared store is outcome_unknown, not a second refund", async () => {
    const { ref, ledger, config } = await simulator();
    const shared = new MemoryIdempotencyStore();
    const dying = dyingProcess(shared, "/api/paywall/private/refund/partial");
    const input = { provider: "paywall", payment: ref, amount: parseMoney("25.00", "TRY"), idempotencyKey: "crash-1" } as const;
    void createPayments({ paywall: { ...config, fetch: dying.fetch }, idempotencyStore: dying.store }).refund(input);
    await vi.waitFor(() => expect(dying.died).toBe(true));
    expect(ledger()).toHaveLength(1);

    // The next process, later (past any lease or grace period), on the same durable store.
    const next = createPayments({ paywall: config, idempotencyStore: shared, now: () => new Date(Date.now() + 3_600_000) });
    const error = await rejection(() => next.refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(ledger()).toHaveLength(1);
  });

  it("says in its capabilities that a refund cannot be found by its key, so only a durable store protects a retry after a crash", () => {
    const caps = createPayments({}).capabilities("paywall");
    expect(caps.lookupByMerchantReference).toBe(false);
    expect(caps.listsRefunds).toBe(false);
  });
});
