import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startParolapaySimulator, type ParolapaySimulator, type SeededIntent } from "../../../src/providers/parolapay/index.ts";
import { authorizedIntent, CARD, call, createBody } from "./http.ts";

let sim: ParolapaySimulator;
// 10:00 in Istanbul (UTC+3) on 2024-06-12.
const NOW = new Date("2024-06-12T07:00:00Z");
const HOUR = 3_600_000;

beforeEach(async () => {
  sim = await startParolapaySimulator({ now: NOW });
});
afterEach(() => sim.close());

const refund = (intentId: string, amount: number, extra: object = {}) =>
  call(sim, "/parolapay/refund", { intent_id: intentId, amount, currency: "TRY", ...extra });
const status = (intentId: string) => call(sim, "/parolapay/status", { intent_id: intentId });
const errorCode = (json: Record<string, unknown>) => (json.error as { code?: string } | undefined)?.code;

describe("seedIntent", () => {
  it("returns a pi_<24 hex> id, the kuruş amount and the merchant_ref; captured by default", () => {
    const seeded = sim.seedIntent({ amount: 150000, merchantRef: "ORDER-46" });
    expect(seeded).toEqual<SeededIntent>({
      intentId: expect.stringMatching(/^pi_[0-9a-f]{24}$/),
      amount: 150000,
      merchantRef: "ORDER-46",
      orderReference: "ORDER-46",
      paymentReference: expect.stringMatching(/^[A-Z0-9]{11}$/),
      currency: "TRY",
      status: "captured",
    });
    expect(sim.ledger.intent(seeded.intentId)).toMatchObject({ amount: 150000, amountCaptured: 150000, state: "captured", createdAt: NOW });
  });

  it("generates distinct merchant_refs, refuses a reused one and non-integer amounts", () => {
    const a = sim.seedIntent({ amount: 100 });
    const b = sim.seedIntent({ amount: 100 });
    expect(a.merchantRef).not.toBe(b.merchantRef);
    expect(() => sim.seedIntent({ amount: 100, merchantRef: a.merchantRef })).toThrow(/already used/);
    expect(() => sim.seedIntent({ amount: 15.5 })).toThrow(/kuruş/);
    expect(() => sim.seedIntent({ amount: 0 })).toThrow(/kuruş/);
  });

  it("seeds other states", async () => {
    const pending = sim.seedIntent({ amount: 100, status: "requires_otp" });
    const authorized = sim.seedIntent({ amount: 100, status: "authorized" });
    expect((await status(pending.intentId)).json).toMatchObject({ status: "requires_otp", otp_expires_at: "2024-06-12T07:03:00.000Z" });
    expect((await status(authorized.intentId)).json).toMatchObject({ status: "authorized", amount_captured: 0 });
    expect((await status(authorized.intentId)).json).not.toHaveProperty("otp_expires_at");
  });
});

describe("intent flow: create (OTP) -> verify -> capture", () => {
  it("creates an intent waiting for its OTP, verifies it and captures it", async () => {
    const created = await call(sim, "/parolapay/pay", createBody(5000, { merchant_ref: "ORDER-7" }));
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      id: expect.stringMatching(/^pi_[0-9a-f]{24}$/),
      status: "requires_otp",
      amount: 5000,
      amount_captured: 0,
      amount_refunded: 0,
      currency: "TRY",
      merchant_ref: "ORDER-7",
      created_at: NOW.toISOString(),
      otp_expires_at: new Date(NOW.getTime() + 180_000).toISOString(),
    });
    const id = String(created.json.id);
    expect(sim.ledger.intent(id)?.card).toEqual({ bin: "411111", last4: "1111", cardType: "visa" });
    expect((await call(sim, "/parolapay/otp/verify", { intent_id: id, otp: "123456" })).json).toMatchObject({ status: "authorized" });
    expect((await call(sim, "/parolapay/capture", { intent_id: id })).json).toMatchObject({ status: "captured", amount_captured: 5000 });
  });

  it("a reused merchant_ref on create is a 409 duplicate_merchant_ref", async () => {
    await call(sim, "/parolapay/pay", createBody(100, { merchant_ref: "ORDER-1" }));
    const again = await call(sim, "/parolapay/pay", createBody(100, { merchant_ref: "ORDER-1" }));
    expect(again.status).toBe(409);
    expect(errorCode(again.json)).toBe("duplicate_merchant_ref");
    expect(sim.ledger.intents).toHaveLength(1);
  });

  it("rejects a card that fails Luhn (400) and the sandbox decline card (402); nothing is created", async () => {
    const luhn = await call(sim, "/parolapay/pay", createBody(100, { card_number: "4111111111111112" }));
    expect([luhn.status, errorCode(luhn.json)]).toEqual([400, "invalid_card_number"]);
    const declined = await call(sim, "/parolapay/pay", createBody(100, { card_number: "4000000000000002" }));
    expect([declined.status, errorCode(declined.json)]).toEqual([402, "card_declined"]);
    expect(sim.ledger.intents).toHaveLength(0);
  });

  it("a zero amount is invalid", async () => {
    const zero = await call(sim, "/parolapay/pay", createBody(0));
    expect([zero.status, errorCode(zero.json)]).toEqual([400, "invalid_amount"]);
  });

  it("a wrong OTP is 422 invalid_otp; the third wrong one fails the intent", async () => {
    const id = String((await call(sim, "/parolapay/pay", createBody())).json.id);
    const first = await call(sim, "/parolapay/otp/verify", { intent_id: id, otp: "000000" });
    expect(first.status).toBe(422);
    expect(first.json).toEqual({ error: { code: "invalid_otp", message: "The OTP is not correct (2 attempts left)" } });
    await call(sim, "/parolapay/otp/verify", { intent_id: id, otp: "000000" });
    const third = await call(sim, "/parolapay/otp/verify", { intent_id: id, otp: "000000" });
    expect(errorCode(third.json)).toBe("otp_attempts_exceeded");
    expect((await status(id)).json).toMatchObject({ status: "failed" });
    expect(errorCode((await call(sim, "/parolapay/otp/verify", { intent_id: id, otp: sim.otp })).json)).toBe("invalid_state");
  });

  it("an OTP expires after 3 minutes by the simulator clock; resend gives a new expiry", async () => {
    const id = String((await call(sim, "/parolapay/pay", createBody())).json.id);
    sim.clock.advance(180_000);
    const late = await call(sim, "/parolapay/otp/verify", { intent_id: id, otp: sim.otp });
    expect([late.status, errorCode(late.json)]).toEqual([422, "otp_expired"]);
    const resent = await call(sim, `/parolapay/otp/resend?intent_id=${id}`);
    expect(resent.json).toMatchObject({ status: "requires_otp", otp_expires_at: new Date(NOW.getTime() + 360_000).toISOString() });
    expect(sim.ledger.intent(id)?.otpSends).toBe(2);
    expect((await call(sim, "/parolapay/otp/verify", { intent_id: id, otp: sim.otp })).json).toMatchObject({ status: "authorized" });
    expect(errorCode((await call(sim, `/parolapay/otp/resend?intent_id=${id}`)).json)).toBe("invalid_state");
  });

  it("the OTP is configurable", async () => {
    const other = await startParolapaySimulator({ otp: "34020" });
    try {
      const id = String((await call(other, "/parolapay/pay", createBody())).json.id);
      expect(errorCode((await call(other, "/parolapay/otp/verify", { intent_id: id, otp: "123456" })).json)).toBe("invalid_otp");
      expect((await call(other, "/parolapay/otp/verify", { intent_id: id, otp: "34020" })).json).toMatchObject({ status: "authorized" });
    } finally {
      await other.close();
    }
    await expect(startParolapaySimulator({ otp: "12" })).rejects.toThrow(/4 to 8 digits/);
  });

  it("capture: part of the authorization, never more; only once; not before the OTP", async () => {
    const pending = String((await call(sim, "/parolapay/pay", createBody())).json.id);
    expect(errorCode((await call(sim, "/parolapay/capture", { intent_id: pending })).json)).toBe("invalid_state");
    const id = await authorizedIntent(sim, 5000);
    const over = await call(sim, "/parolapay/capture", { intent_id: id, amount: 5001 });
    expect([over.status, errorCode(over.json)]).toEqual([422, "amount_exceeds_authorized"]);
    expect((await call(sim, "/parolapay/capture", { intent_id: id, amount: 3000 })).json).toMatchObject({
      status: "captured",
      amount: 5000,
      amount_captured: 3000,
    });
    expect(errorCode((await call(sim, "/parolapay/capture", { intent_id: id })).json)).toBe("already_captured");
    // Refunds are limited by what was captured, not by what was authorized.
    expect(errorCode((await refund(id, 3001)).json)).toBe("amount_exceeds_refundable");
  });

  it("unknown intents are 404 intent_not_found", async () => {
    const unknown = "pi_000000000000000000000000";
    for (const path of ["/parolapay/status", "/parolapay/capture", "/parolapay/cancel"]) {
      const { status: code, json } = await call(sim, path, { intent_id: unknown });
      expect([code, errorCode(json)], path).toEqual([404, "intent_not_found"]);
    }
    expect((await refund(unknown, 100)).status).toBe(404);
    expect((await call(sim, "/parolapay/payment-status?merchant_ref=nope")).status).toBe(404);
  });
});

describe("refunds (POST /parolapay/refund)", () => {
  let intent: SeededIntent;
  beforeEach(() => {
    intent = sim.seedIntent({ amount: 150000, merchantRef: "ORDER-46" });
  });

  it("refunds part of a captured intent, like the docs' example", async () => {
    const { status: code, json } = await refund(intent.intentId, 1500, {
      reason: "customer_requested",
      description: "Müşteri istedi",
      merchant_ref: "ORDER-46",
    });
    expect(code).toBe(200);
    expect(json).toEqual({
      id: expect.stringMatching(/^re_[0-9a-f]{24}$/),
      intent_id: intent.intentId,
      amount: 1500,
      currency: "TRY",
      status: "succeeded",
      reason: "customer_requested",
      merchant_ref: "ORDER-46",
      created_at: NOW.toISOString(),
    });
    expect(sim.ledger.refunds).toEqual([expect.objectContaining({ intentId: intent.intentId, amount: 1500, merchantRef: "ORDER-46" })]);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "refund", applied: true });
  });

  it("allows several partial refunds up to the captured amount, then already_refunded", async () => {
    for (const amount of [50000, 50000, 49999, 1]) expect((await refund(intent.intentId, amount)).status).toBe(200);
    const after = await refund(intent.intentId, 1);
    expect([after.status, errorCode(after.json)]).toEqual([422, "already_refunded"]);
    expect(sim.ledger.intent(intent.intentId)?.amountRefunded).toBe(150000);
  });

  it("refuses more than is left: 422 amount_exceeds_refundable, nothing written", async () => {
    await refund(intent.intentId, 100000);
    const over = await refund(intent.intentId, 50001);
    expect(over.status).toBe(422);
    expect(over.json).toEqual({
      error: {
        code: "amount_exceeds_refundable",
        message: "amount is greater than the captured amount minus refunds (50000 left to refund)",
      },
    });
    expect(sim.ledger.refunds).toHaveLength(1);
    expect(sim.requests.at(-1)).toMatchObject({ applied: false, status: 422 });
  });

  it("status and paymentStatus reflect refunds", async () => {
    await refund(intent.intentId, 50000);
    expect((await status(intent.intentId)).json).toMatchObject({
      status: "partially_refunded",
      amount_refunded: 50000,
      amount_captured: 150000,
    });
    await refund(intent.intentId, 100000);
    const byRef = await call(sim, "/parolapay/payment-status?merchant_ref=ORDER-46");
    expect(byRef.json).toMatchObject({ id: intent.intentId, status: "refunded", amount_refunded: 150000 });
  });

  it("the same merchant_ref with the same intent and amount replays the original refund (idempotent)", async () => {
    const first = await refund(intent.intentId, 1500, { merchant_ref: "R-1" });
    const again = await refund(intent.intentId, 1500, { merchant_ref: "R-1" });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(sim.ledger.refunds).toHaveLength(1);
    expect(sim.ledger.intent(intent.intentId)?.amountRefunded).toBe(1500);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "refund", applied: false, status: 200 });
  });

  it("a replay is answered even after the intent was fully refunded", async () => {
    const first = await refund(intent.intentId, 150000, { merchant_ref: "R-all" });
    expect((await refund(intent.intentId, 150000, { merchant_ref: "R-all" })).json).toEqual(first.json);
  });

  it("the same merchant_ref with another amount or intent is 409 duplicate_merchant_ref", async () => {
    await refund(intent.intentId, 1500, { merchant_ref: "R-1" });
    const other = sim.seedIntent({ amount: 5000 });
    for (const [id, amount] of [
      [intent.intentId, 1600],
      [other.intentId, 1500],
    ] as const) {
      const { status: code, json } = await refund(id, amount, { merchant_ref: "R-1" });
      expect([code, errorCode(json)]).toEqual([409, "duplicate_merchant_ref"]);
    }
    expect(sim.ledger.refunds).toHaveLength(1);
  });

  it("refunds without merchant_ref are never deduplicated", async () => {
    await refund(intent.intentId, 1500);
    await refund(intent.intentId, 1500);
    expect(sim.ledger.refunds).toHaveLength(2);
  });

  it("refuses a refund before capture, of a cancelled intent, in another currency, or of 0", async () => {
    const authorized = sim.seedIntent({ amount: 1000, status: "authorized" });
    expect(errorCode((await refund(authorized.intentId, 100)).json)).toBe("invalid_state");
    await call(sim, "/parolapay/cancel", { intent_id: authorized.intentId });
    expect(errorCode((await refund(authorized.intentId, 100)).json)).toBe("already_cancelled");
    const eur = await refund(intent.intentId, 100, { currency: "EUR" });
    expect([eur.status, errorCode(eur.json)]).toEqual([400, "currency_mismatch"]);
    expect(errorCode((await refund(intent.intentId, 0)).json)).toBe("invalid_amount");
    expect(sim.ledger.refunds).toHaveLength(0);
  });
});

describe("cancel (POST /parolapay/cancel)", () => {
  it("cancels an intent before capture at any time (releasing the authorization)", async () => {
    const pending = sim.seedIntent({ amount: 1000, status: "requires_otp" });
    const authorized = sim.seedIntent({ amount: 1000, status: "authorized", date: new Date(NOW.getTime() - 72 * HOUR) });
    expect((await call(sim, "/parolapay/cancel", { intent_id: pending.intentId, reason: "customer_requested" })).json).toMatchObject({
      status: "cancelled",
    });
    expect((await call(sim, "/parolapay/cancel", { intent_id: authorized.intentId })).json).toMatchObject({ status: "cancelled" });
    expect(errorCode((await call(sim, "/parolapay/otp/verify", { intent_id: pending.intentId, otp: sim.otp })).json)).toBe(
      "already_cancelled",
    );
    expect(errorCode((await call(sim, "/parolapay/capture", { intent_id: authorized.intentId })).json)).toBe("already_cancelled");
  });

  it("cancels a captured intent on the day of capture (Istanbul), and only once", async () => {
    // Captured at 00:30 Istanbul; cancelled at 23:59 the same Istanbul day.
    const captured = sim.seedIntent({ amount: 1000, date: new Date("2024-06-11T21:30:00Z") });
    sim.clock.set(new Date("2024-06-12T20:59:00Z"));
    expect((await call(sim, "/parolapay/cancel", { intent_id: captured.intentId })).json).toMatchObject({
      status: "cancelled",
      amount_captured: 1000,
    });
    const twice = await call(sim, "/parolapay/cancel", { intent_id: captured.intentId });
    expect([twice.status, errorCode(twice.json)]).toEqual([422, "already_cancelled"]);
  });

  it("refuses to cancel a captured intent on a later day: cancel_window_closed, refund instead", async () => {
    const captured = sim.seedIntent({ amount: 1000 });
    sim.clock.set(new Date("2024-06-12T21:00:00Z")); // 00:00 the next day in Istanbul
    const late = await call(sim, "/parolapay/cancel", { intent_id: captured.intentId });
    expect([late.status, errorCode(late.json)]).toEqual([422, "cancel_window_closed"]);
    expect((await refund(captured.intentId, 1000)).status).toBe(200);
  });

  it("refuses to cancel a captured intent that has refunds", async () => {
    const captured = sim.seedIntent({ amount: 1000 });
    await refund(captured.intentId, 1);
    expect(errorCode((await call(sim, "/parolapay/cancel", { intent_id: captured.intentId })).json)).toBe("cancel_after_refund");
    expect(sim.ledger.intent(captured.intentId)?.state).toBe("captured");
  });
});

describe("card API", () => {
  const pay = (extra: object = {}) => call(sim, "/card/pay", { ...CARD, order_reference: "C-1", order: { total: 9900 }, ...extra });

  it("a card payment is captured at once (sale) and reports its status", async () => {
    const paid = await pay();
    expect(paid.json).toEqual({
      payment_reference: expect.stringMatching(/^[A-Z0-9]{11}$/),
      order_reference: "C-1",
      state: "captured",
      amount: 9900,
      currency: "TRY",
    });
    const ref = String(paid.json.payment_reference);
    expect((await call(sim, "/card/status", { payment_reference: ref })).json).toEqual({
      payment_reference: ref,
      order_reference: "C-1",
      state: "captured",
      amount: 9900,
      refunded_amount: 0,
      currency: "TRY",
      installment: 1,
      card_type: "visa",
      created_at: NOW.toISOString(),
    });
  });

  it("the amount charged is order.total (the Payment Request has no amount); without it, 400", async () => {
    const noTotal = await call(sim, "/card/pay", { ...CARD, order_reference: "C-2" });
    expect([noTotal.status, errorCode(noTotal.json)]).toEqual([400, "invalid_request"]);
    expect(errorCode((await pay({ auth_mode: "later" })).json)).toBe("invalid_request");
  });

  it("auth_mode auth authorizes; complete captures all or part, once", async () => {
    const ref = String((await pay({ auth_mode: "auth" })).json.payment_reference);
    expect((await call(sim, "/card/status", { payment_reference: ref })).json).toMatchObject({ state: "authorized", amount: 9900 });
    expect(errorCode((await call(sim, "/card/refund", { payment_reference: ref })).json)).toBe("invalid_state");
    expect(errorCode((await call(sim, "/card/complete", { payment_reference: ref, amount: 9901 })).json)).toBe("amount_exceeds_authorized");
    expect((await call(sim, "/card/complete", { payment_reference: ref, amount: 9000 })).json).toMatchObject({
      state: "captured",
      amount: 9000,
    });
    expect(errorCode((await call(sim, "/card/complete", { payment_reference: ref })).json)).toBe("already_captured");
  });

  it("card refunds: partial, then the rest by default, then already_refunded; over the rest is refused", async () => {
    const ref = String((await pay()).json.payment_reference);
    expect((await call(sim, "/card/refund", { payment_reference: ref, amount: 900 })).json).toMatchObject({
      state: "partially_refunded",
      refunded_amount: 900,
    });
    expect(errorCode((await call(sim, "/card/refund", { payment_reference: ref, amount: 9001 })).json)).toBe("amount_exceeds_refundable");
    expect((await call(sim, "/card/refund", { payment_reference: ref })).json).toMatchObject({ state: "refunded", refunded_amount: 9900 });
    expect(errorCode((await call(sim, "/card/refund", { payment_reference: ref })).json)).toBe("already_refunded");
  });

  it("void: same day only, not after a refund, once", async () => {
    const a = String((await pay()).json.payment_reference);
    expect((await call(sim, "/card/void", { payment_reference: a })).json).toMatchObject({ state: "cancelled" });
    expect(errorCode((await call(sim, "/card/void", { payment_reference: a })).json)).toBe("already_cancelled");
    expect(errorCode((await call(sim, "/card/refund", { payment_reference: a })).json)).toBe("already_cancelled");
    const b = String((await pay()).json.payment_reference);
    await call(sim, "/card/refund", { payment_reference: b, amount: 1 });
    expect(errorCode((await call(sim, "/card/void", { payment_reference: b })).json)).toBe("cancel_after_refund");
    const c = sim.seedCardPayment({ amount: 500, date: new Date(NOW.getTime() - 24 * HOUR) });
    expect(errorCode((await call(sim, "/card/void", { payment_reference: c.paymentReference })).json)).toBe("cancel_window_closed");
    const d = sim.seedCardPayment({ amount: 500, state: "authorized", date: new Date(NOW.getTime() - 24 * HOUR) });
    expect((await call(sim, "/card/void", { payment_reference: d.paymentReference })).json).toMatchObject({ state: "cancelled" });
  });

  it("unknown payment references are 404 payment_not_found", async () => {
    for (const path of ["/card/status", "/card/refund", "/card/complete", "/card/void"]) {
      const { status: code, json } = await call(sim, path, { payment_reference: "NOPE" });
      expect([code, errorCode(json)], path).toEqual([404, "payment_not_found"]);
    }
  });

  it("saved cards: create, list by customer, get, pay with the token, delete", async () => {
    const saved = await call(sim, "/card/storage/save", {
      ...CARD,
      card_number: "5284560000000009",
      customer: { external_id: "cust-1", fullname: "Ayşe Yılmaz" },
    });
    expect(saved.json).toEqual({
      card_token: expect.stringMatching(/^ct_[0-9a-f]{24}$/),
      card_holder: "Ayşe Yılmaz",
      masked_card_number: "528456******0009",
      card_expiry: "12/30",
      card_type: "mastercard",
      bank_name: "Garanti BBVA",
      customer: { external_id: "cust-1", fullname: "Ayşe Yılmaz" },
    });
    const token = String(saved.json.card_token);
    await call(sim, "/card/storage/save", { ...CARD, customer: { external_id: "cust-2" } });
    expect(((await call(sim, "/card/storage/list", { customer: { external_id: "cust-1" } })).json.cards as unknown[]).length).toBe(1);
    expect((await call(sim, "/card/storage/get", { card_token: token })).json).toEqual(saved.json);
    const paid = await call(sim, "/card/pay/token", { card_token: token, order_reference: "T-1", order: { total: 1200 } });
    expect(paid.json).toMatchObject({ state: "captured", amount: 1200 });
    expect(sim.ledger.cardPayment(String(paid.json.payment_reference))?.card.cardType).toBe("mastercard");
    expect((await call(sim, "/card/storage/delete", { card_token: token }, { method: "DELETE" })).json).toEqual({
      card_token: token,
      deleted: true,
    });
    for (const [path, method] of [
      ["/card/storage/get", "POST"],
      ["/card/storage/delete", "DELETE"],
      ["/card/pay/token", "POST"],
    ] as const) {
      const { status: code, json } = await call(sim, path, { card_token: token, order_reference: "T-2", order: { total: 1 } }, { method });
      expect([code, errorCode(json)], path).toEqual([404, "card_not_found"]);
    }
    const noCustomer = await call(sim, "/card/storage/save", { ...CARD, customer: { fullname: "x" } });
    expect([noCustomer.status, errorCode(noCustomer.json)]).toEqual([400, "invalid_request"]);
  });
});

describe("queries", () => {
  it("BIN query: the docs' example BIN with its installments for the total", async () => {
    const { json } = await call(sim, "/query/bin", { bin: "52845600", total: 1200 });
    expect(json).toMatchObject({ bin: "52845600", card_type: "mastercard", bank_name: "Garanti BBVA", is_credit: true });
    expect((json.installments as unknown[]).slice(0, 3)).toEqual([
      { installment: 1, rate: 0, installment_amount: 1200, total: 1200 },
      { installment: 2, rate: 3, installment_amount: 618, total: 1236 },
      { installment: 3, rate: 4.5, installment_amount: 418, total: 1254 },
    ]);
  });

  it("installments: a debit card gets a single payment; without a total, rates only", async () => {
    expect((await call(sim, "/query/installments", { bin: "979209", total: 1000 })).json).toEqual({
      installments: [{ installment: 1, rate: 0, installment_amount: 1000, total: 1000 }],
    });
    const rates = (await call(sim, "/query/installments", { bin: "415565" })).json.installments as object[];
    expect(rates[1]).toEqual({ installment: 2, rate: 3 });
  });

  it("payment types and health check are canned", async () => {
    expect((await call(sim, "/payment/types")).json.payment_types).toContainEqual({
      code: "parolapara",
      name: "ParolaPara",
      enabled: true,
    });
    expect((await call(sim, "/parolapay/health")).json).toEqual({ status: "ok" });
  });
});

describe("validation", () => {
  it("a body that breaks the spec is a 400 invalid_request naming the field", async () => {
    const bad = await call(sim, "/parolapay/refund", { intent_id: "pi_123", amount: 100, currency: "TRY" });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      error: { code: "invalid_request", message: expect.stringMatching(/^Invalid request \(intent_id: must match pattern/) },
    });
    expect(errorCode((await call(sim, "/parolapay/refund", { intent_id: "pi_000000000000000000000000", currency: "TRY" })).json)).toBe(
      "invalid_request",
    );
    expect((await call(sim, "/parolapay/otp/resend")).status).toBe(400);
  });

  it("a body that is not JSON is a 400; an unknown path is a 404", async () => {
    const response = await fetch(`${sim.url}/parolapay/status`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("sim-merchant:sim-password").toString("base64")}` },
      body: "{nope",
    });
    expect(response.status).toBe(400);
    expect((await call(sim, "/parolapay/nope", {})).json).toEqual({
      error: { code: "not_found", message: "Not found (POST /parolapay/nope)" },
    });
  });
});
