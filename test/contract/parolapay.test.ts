/**
 * Contract: the generated @odeme/parolapay client against the Parolapay simulator, over real HTTP.
 * Every operation of specs/parolapay.yaml succeeds; every broken rule surfaces as the right
 * OdemeError; every injected fault is classified the way the facade relies on (a write that may
 * have been applied is `outcome_unknown`, never a plain failure).
 *
 * Parolapay documents no error codes, so the spec's x-odeme-errors lists the simulator's designed
 * codes (marked inferred), each with the unified code of the simulator's table
 * (PAROLAPAY_ERRORS[...].unified); `unified()` holds the two together.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createParolapayClient,
  minorUnits,
  OdemeError,
  type parolapayOperations,
  parolapayProvider,
  type ErrorCode,
  type ParolapayClient,
} from "../../packages/parolapay/src/index.ts";
import { startSimulator } from "../../packages/testkit/src/index.ts";
import {
  PAROLAPAY_ERRORS,
  startParolapaySimulator,
  type ParolapayErrorKey,
  type ParolapaySimulator,
} from "../../packages/testkit/src/providers/parolapay/index.ts";

// 10:00 in Istanbul on 2024-06-12; the simulator clock is frozen there.
const NOW = new Date("2024-06-12T07:00:00Z");
const DAY = 24 * 3_600_000;
const CARD = { card_holder: "Ayşe Yılmaz", card_number: "4111111111111111", card_expiry: "12/30", card_cvv: "123" };
const SAVED_CARD = { ...CARD, card_number: "5284560000000009" };

let sim: ParolapaySimulator;
let client: ParolapayClient;
beforeEach(async () => {
  sim = await startParolapaySimulator({ now: NOW });
  client = createParolapayClient({ ...sim.credentials, baseUrl: sim.url });
});
afterEach(() => sim.close());

/** A client that never retries reads, with a short time limit (for fault tests). */
const strictClient = (timeoutMs = 5_000) => createParolapayClient({ ...sim.credentials, baseUrl: sim.url, maxRetries: 0, timeoutMs });

async function odemeError(promise: Promise<unknown>): Promise<OdemeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OdemeError);
  return error as OdemeError;
}

/** The unified code the client gives the simulator's `key`: the spec's mapping, which must be the table's. */
function unified(key: ParolapayErrorKey): ErrorCode {
  const entry = PAROLAPAY_ERRORS[key];
  expect(parolapayProvider.errors[entry.code], `specs/parolapay.yaml x-odeme-errors lists ${entry.code}`).toBe(entry.unified);
  return entry.unified as ErrorCode;
}

async function expectRule(promise: Promise<unknown>, key: ParolapayErrorKey): Promise<OdemeError> {
  const error = await odemeError(promise);
  const entry = PAROLAPAY_ERRORS[key];
  expect(error).toMatchObject({
    code: unified(key),
    providerCode: entry.code,
    status: entry.status,
    outcome: "rejected",
    retryable: false,
  });
  return error;
}

const createBody = (merchantRef: string, amount = 5_000) => ({
  ...CARD,
  order_reference: `O-${merchantRef}`,
  amount: minorUnits(amount),
  currency: "TRY",
  merchant_ref: merchantRef,
});

/** An intent created and verified through the client. */
async function authorizedIntent(merchantRef: string, amount = 5_000): Promise<string> {
  const intent = await client.createPayment(createBody(merchantRef, amount));
  await client.verifyOtp({ intent_id: intent.id, otp: sim.otp });
  return intent.id;
}

const payByCard = (extra: object = {}) =>
  client.payWithCardNumber({ ...CARD, order_reference: "C-1", order: { total: minorUnits(9_900) }, ...extra });

type Success = (ctx: { sim: ParolapaySimulator; client: ParolapayClient }) => Promise<void>;

/** One success per operation; typed so that an operation added to the spec without a case fails to compile. */
const SUCCESS: Record<keyof typeof parolapayOperations, Success> = {
  async paymentTypes() {
    expect((await client.paymentTypes()).payment_types?.map((t) => t.code)).toEqual(["card", "card_token", "parolapara"]);
  },
  async payWithCardNumber() {
    const result = await payByCard({ installment: 3 });
    expect(result).toEqual({
      payment_reference: expect.stringMatching(/^[A-Z0-9]{11}$/),
      order_reference: "C-1",
      state: "captured",
      amount: 9_900,
      currency: "TRY",
    });
    expect(sim.ledger.cardPayment(String(result.payment_reference))).toMatchObject({ amountCaptured: 9_900, installment: 3 });
  },
  async payWithCardToken() {
    const saved = await client.savedCardCreate({ ...SAVED_CARD, customer: { external_id: "cust-1" } });
    const result = await client.payWithCardToken({
      card_token: String(saved.card_token),
      card_cvv: "123",
      order_reference: "T-1",
      order: { total: minorUnits(1_200) },
    });
    expect(result).toMatchObject({ state: "captured", amount: 1_200 });
  },
  async cardPaymentStatus() {
    const { paymentReference } = sim.seedCardPayment({ amount: 7_500 });
    expect(await client.cardPaymentStatus({ payment_reference: paymentReference })).toMatchObject({
      payment_reference: paymentReference,
      state: "captured",
      amount: 7_500,
      refunded_amount: 0,
    });
  },
  async cardRefund() {
    const { paymentReference } = sim.seedCardPayment({ amount: 7_500 });
    expect(await client.cardRefund({ payment_reference: paymentReference, amount: minorUnits(2_500) })).toMatchObject({
      state: "partially_refunded",
      refunded_amount: 2_500,
    });
    expect(await client.cardRefund({ payment_reference: paymentReference })).toMatchObject({ state: "refunded", refunded_amount: 7_500 });
  },
  async cardComplete() {
    const { paymentReference } = sim.seedCardPayment({ amount: 7_500, state: "authorized" });
    expect(await client.cardComplete({ payment_reference: paymentReference, amount: minorUnits(7_000) })).toMatchObject({
      state: "captured",
      amount: 7_000,
    });
  },
  async cardVoid() {
    const { paymentReference } = sim.seedCardPayment({ amount: 7_500 });
    expect(await client.cardVoid({ payment_reference: paymentReference })).toMatchObject({ state: "cancelled" });
  },
  async savedCardList() {
    await client.savedCardCreate({ ...SAVED_CARD, customer: { external_id: "cust-1" } });
    await client.savedCardCreate({ ...CARD, customer: { external_id: "cust-1" } });
    const list = await client.savedCardList({ customer: { external_id: "cust-1" } });
    expect(list.cards?.map((c) => c.masked_card_number)).toEqual(["528456******0009", "411111******1111"]);
  },
  async savedCardGet() {
    const saved = await client.savedCardCreate({ ...SAVED_CARD, customer: { external_id: "cust-1" } });
    expect(await client.savedCardGet({ card_token: String(saved.card_token) })).toEqual(saved);
  },
  async savedCardCreate() {
    const saved = await client.savedCardCreate({ ...SAVED_CARD, customer: { external_id: "cust-1", fullname: "Ayşe Yılmaz" } });
    expect(saved).toMatchObject({
      card_token: expect.stringMatching(/^ct_/),
      masked_card_number: "528456******0009",
      card_type: "mastercard",
      customer: { external_id: "cust-1" },
    });
    expect(JSON.stringify(sim.ledger.savedCards)).not.toContain(SAVED_CARD.card_number);
  },
  async savedCardDelete() {
    const saved = await client.savedCardCreate({ ...SAVED_CARD, customer: { external_id: "cust-1" } });
    expect(await client.savedCardDelete({ card_token: String(saved.card_token) })).toEqual({ card_token: saved.card_token, deleted: true });
    expect(sim.ledger.savedCards).toHaveLength(0);
  },
  async binQuery() {
    const result = await client.binQuery({ bin: "52845600", total: minorUnits(1_200) });
    expect(result).toMatchObject({ bin: "52845600", card_type: "mastercard", is_credit: true });
    expect(result.installments?.[1]).toEqual({ installment: 2, rate: 3, installment_amount: 618, total: 1_236 });
  },
  async binInstallments() {
    expect((await client.binInstallments({ bin: "979209", total: minorUnits(1_000) })).installments).toEqual([
      { installment: 1, rate: 0, installment_amount: 1_000, total: 1_000 },
    ]);
  },
  async createPayment() {
    const intent = await client.createPayment(createBody("ORDER-1"));
    expect(intent).toMatchObject({
      id: expect.stringMatching(/^pi_[0-9a-f]{24}$/),
      status: "requires_otp",
      amount: 5_000,
      merchant_ref: "ORDER-1",
      otp_expires_at: "2024-06-12T07:03:00.000Z",
    });
  },
  async verifyOtp() {
    const intent = await client.createPayment(createBody("ORDER-1"));
    expect(await client.verifyOtp({ intent_id: intent.id, otp: sim.otp })).toMatchObject({ id: intent.id, status: "authorized" });
  },
  async resendOtp() {
    const intent = await client.createPayment(createBody("ORDER-1"));
    sim.clock.advance(60_000);
    expect(await client.resendOtp({ query: { intent_id: intent.id } })).toMatchObject({
      status: "requires_otp",
      otp_expires_at: "2024-06-12T07:04:00.000Z",
    });
    expect(sim.ledger.intent(intent.id)?.otpSends).toBe(2);
  },
  async capture() {
    const id = await authorizedIntent("ORDER-1");
    expect(await client.capture({ intent_id: id, amount: minorUnits(4_000), merchant_ref: "CAP-1" })).toMatchObject({
      status: "captured",
      amount_captured: 4_000,
    });
  },
  async cancel() {
    const id = await authorizedIntent("ORDER-1");
    expect(await client.cancel({ intent_id: id, reason: "customer_requested" })).toMatchObject({ status: "cancelled" });
  },
  async refund() {
    const { intentId } = sim.seedIntent({ amount: 150_000, merchantRef: "ORDER-46" });
    const refund = await client.refund({
      intent_id: intentId,
      amount: minorUnits(1_500),
      currency: "TRY",
      reason: "customer_requested",
      description: "Müşteri istedi",
      merchant_ref: "ORDER-46",
    });
    expect(refund).toMatchObject({
      id: expect.stringMatching(/^re_[0-9a-f]{24}$/),
      intent_id: intentId,
      amount: 1_500,
      status: "succeeded",
      merchant_ref: "ORDER-46",
    });
    expect(sim.ledger.intent(intentId)?.amountRefunded).toBe(1_500);
  },
  async status() {
    const { intentId } = sim.seedIntent({ amount: 10_000 });
    await client.refund({ intent_id: intentId, amount: minorUnits(2_500), currency: "TRY" });
    expect(await client.status({ intent_id: intentId })).toMatchObject({
      id: intentId,
      status: "partially_refunded",
      amount_captured: 10_000,
      amount_refunded: 2_500,
    });
  },
  async paymentStatus() {
    const { intentId } = sim.seedIntent({ amount: 10_000, merchantRef: "ORDER-9" });
    await client.refund({ intent_id: intentId, amount: minorUnits(10_000), currency: "TRY" });
    expect(await client.paymentStatus({ query: { merchant_ref: "ORDER-9" } })).toMatchObject({
      id: intentId,
      status: "refunded",
      amount_refunded: 10_000,
    });
  },
  async healthCheck() {
    expect(await client.healthCheck()).toEqual({ status: "ok" });
  },
};

describe("every operation succeeds against the simulator", () => {
  it.each(Object.entries(SUCCESS))("%s", async (operationId, run) => {
    await run({ sim, client });
    expect(sim.requests.some((r) => r.operationId === operationId && r.status === 200)).toBe(true);
  });
});

describe("business rules -> OdemeError", () => {
  it("wrong credentials: authentication (401)", async () => {
    const wrong = createParolapayClient({ username: sim.credentials.username, password: "nope", baseUrl: sim.url });
    await expectRule(wrong.healthCheck(), "unauthorized");
    await expectRule(
      wrong.refund({ intent_id: sim.seedIntent({ amount: 100 }).intentId, amount: minorUnits(1), currency: "TRY" }),
      "unauthorized",
    );
    expect(sim.ledger.refunds).toHaveLength(0);
  });

  it("refund: more than is left, after a full refund, of a cancelled or uncaptured intent, in another currency, unknown", async () => {
    const { intentId } = sim.seedIntent({ amount: 10_000 });
    await client.refund({ intent_id: intentId, amount: minorUnits(6_000), currency: "TRY" });
    const over = await expectRule(
      client.refund({ intent_id: intentId, amount: minorUnits(4_001), currency: "TRY" }),
      "amountExceedsRefundable",
    );
    expect(over.providerMessage).toContain("4000 left to refund");
    await client.refund({ intent_id: intentId, amount: minorUnits(4_000), currency: "TRY" });
    await expectRule(client.refund({ intent_id: intentId, amount: minorUnits(1), currency: "TRY" }), "alreadyRefunded");
    const authorized = sim.seedIntent({ amount: 1_000, status: "authorized" });
    await expectRule(client.refund({ intent_id: authorized.intentId, amount: minorUnits(1), currency: "TRY" }), "invalidState");
    await client.cancel({ intent_id: authorized.intentId });
    await expectRule(client.refund({ intent_id: authorized.intentId, amount: minorUnits(1), currency: "TRY" }), "alreadyCancelled");
    await expectRule(
      client.refund({ intent_id: sim.seedIntent({ amount: 100 }).intentId, amount: minorUnits(1), currency: "EUR" }),
      "currencyMismatch",
    );
    await expectRule(client.refund({ intent_id: "pi_000000000000000000000000", amount: minorUnits(1), currency: "TRY" }), "intentNotFound");
    await expectRule(client.refund({ intent_id: intentId, amount: minorUnits(0), currency: "TRY" }), "invalidAmount");
  });

  it("refund idempotency by merchant_ref: a replay returns the original refund, a conflicting reuse is duplicate", async () => {
    const { intentId } = sim.seedIntent({ amount: 10_000 });
    const first = await client.refund({ intent_id: intentId, amount: minorUnits(1_000), currency: "TRY", merchant_ref: "R-1" });
    expect(await client.refund({ intent_id: intentId, amount: minorUnits(1_000), currency: "TRY", merchant_ref: "R-1" })).toEqual(first);
    expect(sim.ledger.intent(intentId)?.amountRefunded).toBe(1_000);
    const dup = await expectRule(
      client.refund({ intent_id: intentId, amount: minorUnits(2_000), currency: "TRY", merchant_ref: "R-1" }),
      "duplicateMerchantRef",
    );
    expect(dup.code).toBe("duplicate");
  });

  it("createPayment: reused merchant_ref, declined card, invalid card number", async () => {
    await client.createPayment(createBody("ORDER-1"));
    await expectRule(client.createPayment(createBody("ORDER-1")), "duplicateMerchantRef");
    await expectRule(client.createPayment({ ...createBody("ORDER-2"), card_number: "4000000000000002" }), "cardDeclined");
    await expectRule(client.createPayment({ ...createBody("ORDER-3"), card_number: "4111111111111112" }), "invalidCardNumber");
    await expectRule(client.createPayment(createBody("ORDER-4", 0)), "invalidAmount");
  });

  it("verifyOtp / resendOtp: wrong, expired, too many attempts, not awaiting an OTP, unknown", async () => {
    const a = await client.createPayment(createBody("ORDER-1"));
    await expectRule(client.verifyOtp({ intent_id: a.id, otp: "000000" }), "invalidOtp");
    sim.clock.advance(180_000);
    await expectRule(client.verifyOtp({ intent_id: a.id, otp: sim.otp }), "otpExpired");
    const b = await client.createPayment(createBody("ORDER-2"));
    await expectRule(client.verifyOtp({ intent_id: b.id, otp: "000000" }), "invalidOtp");
    await expectRule(client.verifyOtp({ intent_id: b.id, otp: "000001" }), "invalidOtp");
    await expectRule(client.verifyOtp({ intent_id: b.id, otp: "000002" }), "otpAttemptsExceeded");
    await expectRule(client.resendOtp({ query: { intent_id: b.id } }), "invalidState");
    await expectRule(client.resendOtp({ query: { intent_id: "pi_000000000000000000000000" } }), "intentNotFound");
    await expectRule(client.verifyOtp({ intent_id: "pi_000000000000000000000000", otp: "123456" }), "intentNotFound");
  });

  it("capture: before the OTP, more than authorized, twice, after cancel", async () => {
    const pending = await client.createPayment(createBody("ORDER-1"));
    await expectRule(client.capture({ intent_id: pending.id }), "invalidState");
    const id = await authorizedIntent("ORDER-2", 5_000);
    await expectRule(client.capture({ intent_id: id, amount: minorUnits(5_001) }), "amountExceedsAuthorized");
    await client.capture({ intent_id: id });
    await expectRule(client.capture({ intent_id: id }), "alreadyCaptured");
    await client.cancel({ intent_id: pending.id });
    await expectRule(client.capture({ intent_id: pending.id }), "alreadyCancelled");
  });

  it("cancel: twice, captured on an earlier day, after a refund", async () => {
    const id = await authorizedIntent("ORDER-1");
    await client.cancel({ intent_id: id });
    const twice = await expectRule(client.cancel({ intent_id: id }), "alreadyCancelled");
    expect(twice.code).toBe(unified("alreadyCancelled"));
    const old = sim.seedIntent({ amount: 1_000, date: new Date(NOW.getTime() - DAY) });
    await expectRule(client.cancel({ intent_id: old.intentId }), "cancelWindowClosed");
    const refunded = sim.seedIntent({ amount: 1_000 });
    await client.refund({ intent_id: refunded.intentId, amount: minorUnits(1), currency: "TRY" });
    await expectRule(client.cancel({ intent_id: refunded.intentId }), "cancelAfterRefund");
  });

  it("status / paymentStatus: unknown intent or merchant_ref", async () => {
    await expectRule(client.status({ intent_id: "pi_000000000000000000000000" }), "intentNotFound");
    await expectRule(client.paymentStatus({ query: { merchant_ref: "nope" } }), "merchantRefNotFound");
  });

  it("paymentStatus finds an intent by the intent's merchant_ref, never a refund by the refund's (the spec documents no refund lookup)", async () => {
    const { intentId } = sim.seedIntent({ amount: 10_000, merchantRef: "ORDER-R", status: "captured" });
    await client.refund({ intent_id: intentId, amount: minorUnits(1_000), currency: "TRY", merchant_ref: "REFUND-KEY-1" });
    expect(await client.paymentStatus({ query: { merchant_ref: "ORDER-R" } })).toMatchObject({ id: intentId, amount_refunded: 1_000 });
    await expectRule(client.paymentStatus({ query: { merchant_ref: "REFUND-KEY-1" } }), "merchantRefNotFound");
  });

  it("card payments: declined, no order total, unknown token; refund/complete/void rules", async () => {
    await expectRule(payByCard({ card_number: "4000000000000002" }), "cardDeclined");
    await expectRule(client.payWithCardNumber({ ...CARD, order_reference: "C-2" }), "invalidRequest");
    await expectRule(
      client.payWithCardToken({ card_token: "ct_nope", order_reference: "T", order: { total: minorUnits(1) } }),
      "cardNotFound",
    );
    await expectRule(client.cardPaymentStatus({ payment_reference: "NOPE" }), "paymentNotFound");

    const captured = sim.seedCardPayment({ amount: 1_000 });
    await expectRule(
      client.cardRefund({ payment_reference: captured.paymentReference, amount: minorUnits(1_001) }),
      "amountExceedsRefundable",
    );
    await client.cardRefund({ payment_reference: captured.paymentReference, amount: minorUnits(1) });
    await expectRule(client.cardVoid({ payment_reference: captured.paymentReference }), "cancelAfterRefund");
    await client.cardRefund({ payment_reference: captured.paymentReference });
    await expectRule(client.cardRefund({ payment_reference: captured.paymentReference }), "alreadyRefunded");

    const authorized = sim.seedCardPayment({ amount: 1_000, state: "authorized" });
    await expectRule(client.cardRefund({ payment_reference: authorized.paymentReference }), "invalidState");
    await expectRule(
      client.cardComplete({ payment_reference: authorized.paymentReference, amount: minorUnits(1_001) }),
      "amountExceedsAuthorized",
    );
    await client.cardComplete({ payment_reference: authorized.paymentReference });
    await expectRule(client.cardComplete({ payment_reference: authorized.paymentReference }), "alreadyCaptured");

    const yesterday = sim.seedCardPayment({ amount: 1_000, date: new Date(NOW.getTime() - DAY) });
    await expectRule(client.cardVoid({ payment_reference: yesterday.paymentReference }), "cancelWindowClosed");
    const voided = sim.seedCardPayment({ amount: 1_000 });
    await client.cardVoid({ payment_reference: voided.paymentReference });
    await expectRule(client.cardVoid({ payment_reference: voided.paymentReference }), "alreadyCancelled");
    await expectRule(client.cardRefund({ payment_reference: voided.paymentReference }), "alreadyCancelled");
  });

  it("saved cards and queries: unknown token, invalid card, missing customer id, malformed BIN", async () => {
    await expectRule(client.savedCardGet({ card_token: "ct_nope" }), "cardNotFound");
    await expectRule(client.savedCardDelete({ card_token: "ct_nope" }), "cardNotFound");
    await expectRule(
      client.savedCardCreate({ ...CARD, card_number: "4111111111111112", customer: { external_id: "c" } }),
      "invalidCardNumber",
    );
    await expectRule(client.savedCardCreate({ ...CARD, customer: { fullname: "no id" } }), "invalidRequest");
    await expectRule(client.savedCardList({ customer: {} as { external_id: string } }), "invalidRequest");
    await expectRule(client.binQuery({ bin: "12" }), "invalidRequest");
    await expectRule(client.binInstallments({ bin: "abcdef" }), "invalidRequest");
  });

  it("an amount that is not integer kuruş never leaves the client", async () => {
    const error = await odemeError(client.refund({ intent_id: "pi_000000000000000000000000", amount: 15.5 as never, currency: "TRY" }));
    expect(error).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "amount" });
    expect(sim.requests).toHaveLength(0);
  });
});

describe("faults", () => {
  const WRITE = "/parolapay/refund";
  const READ = "/parolapay/status";
  let intentId: string;
  beforeEach(() => {
    intentId = sim.seedIntent({ amount: 10_000, merchantRef: "ORDER-F" }).intentId;
  });
  const write = (c: ParolapayClient = client, merchantRef = "R-F") =>
    c.refund({ intent_id: intentId, amount: minorUnits(1_000), currency: "TRY", merchant_ref: merchantRef });
  const read = (c: ParolapayClient) => c.status({ intent_id: intentId });
  const refunded = () => sim.ledger.intent(intentId)?.amountRefunded;

  it("reset-before on a write: outcome_unknown, nothing applied", async () => {
    sim.faults.inject({ kind: "reset-before" }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "outcome_unknown", outcome: "unknown", retryable: false });
    expect(refunded()).toBe(0);
  });

  it("reset-after on a write: outcome_unknown, applied; retrying with the same merchant_ref replays it once", async () => {
    sim.faults.inject({ kind: "reset-after" }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
    expect(refunded()).toBe(1_000);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "refund", applied: true, fault: "reset-after" });
    // The caller learns what happened by looking it up, or simply retries with the same merchant_ref.
    expect(await client.paymentStatus({ query: { merchant_ref: "ORDER-F" } })).toMatchObject({ amount_refunded: 1_000 });
    const retried = await write();
    expect(retried).toMatchObject({ amount: 1_000, merchant_ref: "R-F" });
    expect(refunded()).toBe(1_000);
    expect(sim.ledger.refunds).toHaveLength(1);
  });

  it("reset on a read with maxRetries 0: network; with retries the read recovers", async () => {
    sim.faults.inject({ kind: "reset-before" }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "network", retryable: true });
    sim.faults.inject({ kind: "reset-after" }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "network" });
    sim.faults.inject({ kind: "reset-before" }, { route: READ });
    expect(await read(client)).toMatchObject({ id: intentId });
  });

  it("http-error 503: provider_unavailable on a write (nothing applied) and on a read", async () => {
    sim.faults.inject({ kind: "http-error", status: 503 }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "provider_unavailable", status: 503, retryable: true, outcome: "rejected" });
    expect(refunded()).toBe(0);
    sim.faults.inject({ kind: "http-error", status: 503 }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "provider_unavailable", status: 503 });
  });

  it("http-error 502 on a write: outcome_unknown; on a read: provider_unavailable", async () => {
    sim.faults.inject({ kind: "http-error", status: 502 }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "outcome_unknown", status: 502, outcome: "unknown" });
    sim.faults.inject({ kind: "http-error", status: 502 }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "provider_unavailable", status: 502 });
  });

  it("malformed JSON: outcome_unknown on a write (applied), malformed_response on a read", async () => {
    sim.faults.inject({ kind: "malformed-json" }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
    expect(refunded()).toBe(1_000);
    sim.faults.inject({ kind: "malformed-json" }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "malformed_response" });
  });

  it("truncated JSON: outcome_unknown on a write (applied), network on a read", async () => {
    sim.faults.inject({ kind: "truncated-json" }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "outcome_unknown" });
    expect(refunded()).toBe(1_000);
    sim.faults.inject({ kind: "truncated-json" }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "network" });
  });

  it("slow body past the time limit: outcome_unknown on a write (applied), timeout on a read", async () => {
    sim.faults.inject({ kind: "slow-body", ms: 5_000 }, { route: WRITE });
    const started = Date.now();
    expect(await odemeError(write(strictClient(200)))).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
    expect(refunded()).toBe(1_000);
    sim.faults.inject({ kind: "slow-body", ms: 5_000 }, { route: READ });
    expect(await odemeError(read(strictClient(200)))).toMatchObject({ code: "timeout", retryable: true });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("latency within the time limit is only slower", async () => {
    sim.faults.inject({ kind: "latency", ms: 100 }, { route: WRITE });
    expect(await write()).toMatchObject({ status: "succeeded" });
  });
});

describe("registry", () => {
  it("startSimulator('parolapay') serves the client with the credentials it was given", async () => {
    const other = await startSimulator("parolapay", { credentials: { username: "u", password: "p" } });
    try {
      const c = createParolapayClient({ ...other.credentials, baseUrl: other.url });
      const { intentId } = other.seedIntent({ amount: 500 });
      expect(await c.status({ intent_id: intentId })).toMatchObject({ status: "captured", amount: 500 });
    } finally {
      await other.close();
    }
  });
});
