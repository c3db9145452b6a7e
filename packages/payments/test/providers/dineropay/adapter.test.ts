import { akuratecoHash } from "@odeme/core";
import { startSimulator } from "@odeme/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPayments, MemoryIdempotencyStore, parseMoney, type Payments } from "../../../src/index.ts";
import { dyingProcess } from "../../helpers/crash.ts";
import { fakeProvider, rejection, type FakeProvider } from "../../helpers/fake-fetch.ts";
import { raceRefunds } from "../../helpers/race.ts";

const KEYS = { merchantKey: "merchant-key-1", password: "dinero-password" };
const PAYMENT_ID = "63c781cc-de3d-11eb-a1f1-0242ac130006";

function dineropay(initial = "settled", refunded?: string) {
  // `refunded`: refunded_amount (inferred field, settled refunds); left out of the status while undefined.
  const state: { status: string; refunded?: string } = { status: initial, ...(refunded !== undefined ? { refunded } : {}) };
  const provider = fakeProvider({
    "POST /api/v1/payment/status": () => ({
      json: {
        payment_id: PAYMENT_ID,
        date: "2021-07-06 10:12:45",
        status: state.status,
        order: { number: "order-1234", amount: "0.19", currency: "USD", description: "Important gift" },
        refunded_amount: state.refunded,
      },
    }),
    "POST /api/v1/payment/refund": () => ((state.status = "refund"), { json: { payment_id: PAYMENT_ID, result: "accepted" } }),
    "POST /api/v1/payment/void": () => (
      (state.status = "void"), { json: { status: "SUCCESS", payment_status: "void", payment_id: PAYMENT_ID, date: "2021-07-06 10:20:01" } }
    ),
  });
  return { provider, state };
}

function payments(provider: FakeProvider, extra: object = {}): Payments {
  return createPayments({ dineropay: { ...KEYS, baseUrl: "http://dinero.test", fetch: provider.fetch }, resendGraceMs: 0, ...extra });
}

const ref = { paymentId: PAYMENT_ID };

describe("DineroPay refund", () => {
  it("sends the amount as a two-decimal string, hashed over that exact string, and reports pending", async () => {
    const { provider } = dineropay();
    const result = await payments(provider).refund({
      provider: "dineropay",
      payment: ref,
      amount: parseMoney("0.1", "USD"),
      idempotencyKey: "d1",
    });
    expect(result).toMatchObject({ status: "pending", providerOperation: "refund", amount: parseMoney("0.10", "USD") });
    const sent = provider.calls.find((c) => c.path === "/api/v1/payment/refund")?.body as Record<string, string>;
    expect(sent).toMatchObject({ payment_id: PAYMENT_ID, amount: "0.10", merchant_key: "merchant-key-1" });
    expect(sent.hash).toBe(akuratecoHash([PAYMENT_ID, "0.10"], KEYS.password));
    expect(JSON.stringify(provider.calls)).not.toContain(KEYS.password);
  });

  it("refunds the whole order amount when none is given", async () => {
    const { provider } = dineropay();
    const result = await payments(provider).refund({ provider: "dineropay", payment: ref, idempotencyKey: "d2" });
    expect(result.amount).toEqual(parseMoney("0.19", "USD"));
  });

  it.each([
    ["void", undefined, "already_cancelled"],
    ["refund", undefined, "invalid_request"],
    ["decline", parseMoney("0.01", "USD"), "invalid_request"],
    ["settled", parseMoney("0.20", "USD"), "amount_exceeds_refundable"],
    ["settled", parseMoney("0.10", "TRY"), "invalid_request"],
  ] as const)("refuses before sending when the payment is %s, case %#", async (status, amount, code) => {
    const { provider } = dineropay(status);
    const error = await rejection(() =>
      payments(provider).refund({ provider: "dineropay", payment: ref, idempotencyKey: "x", ...(amount ? { amount } : {}) }),
    );
    expect(error).toMatchObject({ code, outcome: "not_sent" });
    expect(provider.count("/api/v1/payment/refund")).toBe(0);
  });

  it("turns a rejected hash into authentication, keeping DineroPay's field error", async () => {
    const { provider } = dineropay();
    provider.on("POST /api/v1/payment/status", {
      status: 400,
      json: {
        error_code: 0,
        error_message: "Request data is invalid.",
        errors: [{ error_code: 100000, error_message: "hash: Hash is not valid." }],
      },
    });
    const error = await rejection(() => payments(provider).retrieve({ provider: "dineropay", payment: ref }));
    expect(error).toMatchObject({
      code: "authentication",
      providerCode: "0",
      status: 400,
      fieldErrors: [{ field: "hash", message: "Hash is not valid." }],
    });
    expect(error.message).toContain("check merchantKey and password");
  });
});

describe("DineroPay field errors", () => {
  it.each([
    ["amount: Refund amount exceeds the refundable amount.", "amount_exceeds_refundable"],
    ["payment_id: Payment is already fully refunded.", "already_refunded"],
    ["payment_id: Payment not found.", "not_found"],
    ["amount: Amount must be greater than 0.", "invalid_request"],
  ])("reads %j as %s", async (message, code) => {
    const { provider } = dineropay();
    provider.on("POST /api/v1/payment/refund", {
      status: 400,
      json: { error_code: 0, error_message: "Request data is invalid.", errors: [{ error_code: 100000, error_message: message }] },
    });
    const error = await rejection(() =>
      payments(provider).refund({ provider: "dineropay", payment: ref, amount: parseMoney("0.01", "USD"), idempotencyKey: "f" }),
    );
    expect(error).toMatchObject({ code, providerCode: "0", outcome: "rejected", retryable: false });
  });

  it.each([
    ["payment_id: Payment has refunds and cannot be voided.", "already_refunded"],
    ["payment_id: A payment can only be voided on the day it was settled; refund it instead.", "cancel_window_closed"],
  ])("reads the void error %j as %s", async (message, code) => {
    const { provider } = dineropay();
    provider.on("POST /api/v1/payment/void", {
      status: 400,
      json: { error_code: 0, error_message: "Request data is invalid.", errors: [{ error_code: 100000, error_message: message }] },
    });
    expect((await rejection(() => payments(provider).cancel({ provider: "dineropay", payment: ref, idempotencyKey: "v" }))).code).toBe(
      code,
    );
  });
});

describe("DineroPay safe replay", () => {
  // Was "confirms a lost refund when the status turned to refund": that is the measured bug (an
  // earlier refund settling, settled -> refund, was taken as proof). DineroPay has no per-refund
  // reference, so the status can never prove this refund; never sent twice stays.
  it("does not take a status turned to refund as this lost refund (it may be an earlier one settling), and never sends it twice", async () => {
    const { provider, state } = dineropay();
    provider.on("POST /api/v1/payment/refund", () => ((state.status = "refund"), "reset"));
    const p = payments(provider);
    const input = { provider: "dineropay", payment: ref, amount: parseMoney("0.05", "USD"), idempotencyKey: "lost" } as const;
    const error = await rejection(() => p.refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: false, outcome: "unknown" });
    expect(error.message).toContain('status "settled" -> "refund"');
    expect(error.message).toContain("refund callback");
    expect((await rejection(() => p.refund(input))).code).toBe("outcome_unknown");
    expect(provider.count("/api/v1/payment/refund")).toBe(1);
  });

  it("never re-sends a lost refund while the status still says settled (refunds are asynchronous)", async () => {
    const { provider } = dineropay();
    provider.on("POST /api/v1/payment/refund", "reset");
    const p = payments(provider);
    const input = { provider: "dineropay", payment: ref, amount: parseMoney("0.05", "USD"), idempotencyKey: "lost2" } as const;
    const error = await rejection(() => p.refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(error.message).toContain("refund again with a new idempotencyKey");
    await rejection(() => p.refund(input));
    expect(provider.count("/api/v1/payment/refund")).toBe(1);
  });
});

describe("DineroPay refunded_amount (inferred field, settled refunds only)", () => {
  it.each([
    ["settled", "0.00", "succeeded", 0n, 19n],
    ["refund", "0.07", "partially_refunded", 7n, 12n],
    ["refund", "0.19", "refunded", 19n, 0n],
    ["void", "0.00", "cancelled", 0n, 0n],
    ["chargeback", "0.05", "disputed", 5n, 14n],
    ["3ds", "0.00", "requires_action", undefined, undefined],
  ] as const)("reads status %s with refunded_amount %s as %s", async (raw, refunded, status, refundedMinor, refundable) => {
    const { provider } = dineropay(raw, refunded);
    const details = await payments(provider).retrieve({ provider: "dineropay", payment: ref });
    expect(details).toMatchObject({ status, providerStatus: raw, amount: parseMoney("0.19", "USD") });
    expect(details.refundedAmount?.minor).toBe(refundedMinor);
    expect(details.refundableAmount?.minor).toBe(refundable);
  });

  it("refunds what is left after settled refunds when no amount is given, and reports pending", async () => {
    const { provider } = dineropay("refund", "0.07");
    const result = await payments(provider).refund({ provider: "dineropay", payment: ref, idempotencyKey: "rest" });
    expect(result).toMatchObject({ status: "pending", amount: parseMoney("0.12", "USD") });
    expect(provider.calls.find((c) => c.path === "/api/v1/payment/refund")?.body).toMatchObject({ amount: "0.12" });
  });

  it.each([
    ["more than is left", "0.07", parseMoney("0.13", "USD"), "amount_exceeds_refundable"],
    ["when settled refunds used it all up", "0.19", undefined, "already_refunded"],
    ["of 0.01 when settled refunds used it all up", "0.19", parseMoney("0.01", "USD"), "already_refunded"],
  ] as const)("refuses a refund %s before sending", async (_what, refunded, amount, code) => {
    const { provider } = dineropay("refund", refunded);
    const error = await rejection(() =>
      payments(provider).refund({ provider: "dineropay", payment: ref, idempotencyKey: "x", ...(amount ? { amount } : {}) }),
    );
    expect(error).toMatchObject({ code, outcome: "not_sent" });
    expect(provider.count("/api/v1/payment/refund")).toBe(0);
  });

  it("leaves a pending refund to DineroPay: it is not in refunded_amount, so the precheck lets the request through", async () => {
    const { provider } = dineropay("settled", "0.00");
    provider.on("POST /api/v1/payment/refund", {
      status: 400,
      json: {
        error_code: 0,
        error_message: "Request data is invalid.",
        errors: [{ error_code: 100000, error_message: "amount: Refund amount exceeds the refundable amount." }],
      },
    });
    const error = await rejection(() =>
      payments(provider).refund({ provider: "dineropay", payment: ref, amount: parseMoney("0.19", "USD"), idempotencyKey: "p" }),
    );
    expect(error).toMatchObject({ code: "amount_exceeds_refundable", outcome: "rejected" });
  });
});

describe("DineroPay void and status", () => {
  it("voids a settled payment and refuses a second void", async () => {
    const { provider } = dineropay();
    const p = payments(provider);
    expect(await p.cancel({ provider: "dineropay", payment: ref, idempotencyKey: "v1" })).toMatchObject({
      status: "succeeded",
      providerOperation: "void",
      amount: parseMoney("0.19", "USD"),
    });
    expect((await rejection(() => p.cancel({ provider: "dineropay", payment: ref, idempotencyKey: "v2" }))).code).toBe("already_cancelled");
  });

  it("re-sends a lost void once a lookup shows the payment still settled (a void is synchronous)", async () => {
    const { provider, state } = dineropay();
    provider.on("POST /api/v1/payment/void", (_c, n) =>
      n === 1 ? "reset" : ((state.status = "void"), { json: { status: "SUCCESS", payment_status: "void" } }),
    );
    const p = payments(provider);
    const input = { provider: "dineropay", payment: ref, idempotencyKey: "v3" } as const;
    expect((await rejection(() => p.cancel(input))).code).toBe("outcome_unknown");
    expect(await p.cancel(input)).toMatchObject({ status: "succeeded" });
    expect(provider.count("/api/v1/payment/void")).toBe(2);
  });

  it("a declined void (HTTP 200, status FAIL) is a typed rejection, refined by its reason, and nothing is stored as done", async () => {
    const { provider } = dineropay();
    const fail = (reason: string) => ({
      json: {
        status: "FAIL",
        payment_status: "settled",
        payment_id: PAYMENT_ID,
        date: "2021-07-06 10:20:01",
        reason,
        order: { number: "order-1234", amount: "0.19", currency: "USD", description: "Important gift" },
      },
    });
    provider.on("POST /api/v1/payment/void", (_c, n) =>
      fail(n === 1 ? "Declined by processing" : "A payment can only be voided on the day it was settled; refund it instead."),
    );
    const p = payments(provider);
    const declined = await rejection(() => p.cancel({ provider: "dineropay", payment: ref, idempotencyKey: "vf" }));
    expect(declined).toMatchObject({
      code: "provider_error",
      outcome: "rejected",
      status: 200,
      providerMessage: "Declined by processing",
      raw: { status: "FAIL", reason: "Declined by processing" },
    });
    expect(declined.message).toContain("DineroPay declined the void: Declined by processing");
    // Rejected means nothing was applied: the same key may be tried again, and is sent again.
    const late = await rejection(() => p.cancel({ provider: "dineropay", payment: ref, idempotencyKey: "vf" }));
    expect(late).toMatchObject({ code: "cancel_window_closed", outcome: "rejected", status: 200 });
    expect(provider.count("/api/v1/payment/void")).toBe(2);
  });

  it("a lost void is outcome_unknown once the payment is void: DineroPay does not say which request voided it", async () => {
    const { provider, state } = dineropay();
    provider.on("POST /api/v1/payment/void", () => ((state.status = "void"), "reset"));
    const p = payments(provider);
    const input = { provider: "dineropay", payment: ref, idempotencyKey: "v-lost" } as const;
    const error = await rejection(() => p.cancel(input));
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(error.message).toContain('status "settled" -> "void"');
    expect((await rejection(() => p.cancel(input))).code).toBe("outcome_unknown");
    expect(provider.count("/api/v1/payment/void")).toBe(1);
  });

  it.each([
    ["settled", "succeeded", 0n, 19n],
    ["refund", "refunded", undefined, undefined],
    ["void", "cancelled", undefined, 0n],
    ["chargeback", "disputed", undefined, undefined],
    ["3ds", "requires_action", undefined, undefined],
  ] as const)("without refunded_amount, maps status %s to %s", async (raw, status, refunded, refundable) => {
    const { provider } = dineropay(raw);
    const details = await payments(provider).retrieve({ provider: "dineropay", payment: ref });
    expect(details).toMatchObject({ status, providerStatus: raw, amount: parseMoney("0.19", "USD") });
    expect(details.refundedAmount?.minor).toBe(refunded);
    expect(details.refundableAmount?.minor).toBe(refundable);
  });
});

describe("DineroPay against its simulator: no refund reported that the ledger lacks", () => {
  const started: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });

  async function simulator() {
    const sim = await startSimulator("dineropay", { now: new Date("2024-06-12T07:00:00Z") });
    started.push(sim);
    const { paymentId } = sim.seedPayment({ amount: "100.00", currency: "TRY" });
    const ledger = () => sim.ledger.refunds.filter((r) => r.paymentId === paymentId);
    return { sim, ref: { paymentId }, ledger, config: { ...sim.credentials, baseUrl: sim.url } };
  }

  it("three concurrent refunds of 40.00/40.01/40.02, one lost before DineroPay: only those in the ledger are reported (pending)", async () => {
    const { sim, ref, ledger, config } = await simulator();
    sim.faults.inject({ kind: "reset-before" }, { route: "/api/v1/payment/refund" });
    const p = createPayments({ dineropay: config });
    const amounts = ["40.00", "40.01", "40.02"];
    const input = (amount: string) =>
      ({ provider: "dineropay", payment: ref, amount: parseMoney(amount, "TRY"), idempotencyKey: `race-${amount}` }) as const;
    const { reported, failed, lost } = await raceRefunds(p, amounts, "TRY", input);

    expect(sim.requests.filter((r) => r.fault === "reset-before")).toHaveLength(1);
    expect(reported.every((r) => r.status === "pending")).toBe(true);
    expect(failed.map((e) => e.code)).toEqual(["outcome_unknown"]);
    expect(reported.map((r) => r.amount.minor).sort()).toEqual(
      ledger()
        .map((r) => BigInt(r.amount))
        .sort(),
    );
    expect(ledger()).toHaveLength(2);

    // The refunds settle (status settled -> refund); the lost key's retry still sends nothing.
    sim.settleRefunds();
    expect((await rejection(() => p.refund(input(lost as string)))).code).toBe("outcome_unknown");
    expect(ledger()).toHaveLength(2);
  });

  it("a process that dies after DineroPay accepted its refund: the retry from another process on the shared store is outcome_unknown, not a second refund", async () => {
    const { ref, ledger, config } = await simulator();
    const shared = new MemoryIdempotencyStore();
    const dying = dyingProcess(shared, "/api/v1/payment/refund");
    const input = { provider: "dineropay", payment: ref, amount: parseMoney("25.00", "TRY"), idempotencyKey: "crash-1" } as const;
    void createPayments({ dineropay: { ...config, fetch: dying.fetch }, idempotencyStore: dying.store }).refund(input);
    await vi.waitFor(() => expect(dying.died).toBe(true));
    expect(ledger()).toHaveLength(1);

    const next = createPayments({ dineropay: config, idempotencyStore: shared, now: () => new Date(Date.now() + 3_600_000) });
    const error = await rejection(() => next.refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(ledger()).toHaveLength(1);
  });

  it("a declined void from the simulator is a typed rejection and the payment stays settled", async () => {
    const { sim, ref, config } = await simulator();
    sim.clock.set(new Date("2024-06-13T07:00:00Z")); // the next financial day
    const error = await rejection(() =>
      createPayments({ dineropay: config }).cancel({ provider: "dineropay", payment: ref, idempotencyKey: "late" }),
    );
    expect(error).toMatchObject({ code: "cancel_window_closed", outcome: "rejected", status: 200 });
    expect(sim.ledger.payment(ref.paymentId)?.status).toBe("settled");
  });

  it("says in its capabilities that a refund cannot be found by its key, so only a durable store protects a retry after a crash", () => {
    expect(createPayments({}).capabilities("dineropay").lookupByMerchantReference).toBe(false);
  });
});
