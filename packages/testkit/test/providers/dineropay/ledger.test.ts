import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  startDineroPaySimulator,
  type DineroPaySimulator,
  type SeededDineroPayPayment,
} from "../../../src/providers/dineropay/simulator.ts";
import { call, fieldError, refund, status, voidPayment } from "./sign.ts";

// 10:00 in Istanbul (UTC+3) on 2024-06-12.
const PAID_AT = new Date("2024-06-12T07:00:00Z");

let sim: DineroPaySimulator;
let p: SeededDineroPayPayment;
beforeEach(async () => {
  sim = await startDineroPaySimulator({ now: PAID_AT, refundSettleMs: 60_000 });
  p = sim.seedPayment({ amount: "100.00", orderNumber: "order-1", description: "Gift" });
});
afterEach(() => sim.close());

const refundedAmount = async () => (await status(sim, p.paymentId)).json.refunded_amount as string;

describe("seedPayment", () => {
  it("returns a UUID payment_id, the order number and the amount with two decimals", () => {
    expect(p).toEqual({
      paymentId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      orderNumber: "order-1",
      amount: "100.00",
      currency: "TRY",
      status: "settled",
    });
    expect(sim.ledger.payment(p.paymentId)?.amount).toBe(10_000);
  });

  it("takes a status and refuses a sub-cent amount", () => {
    expect(sim.seedPayment({ amount: "5", status: "decline" }).status).toBe("decline");
    expect(() => sim.seedPayment({ amount: "1.005" })).toThrow(/amount/);
  });
});

describe("getPaymentStatus", () => {
  it("by payment_id and by order_id answer the same payment, in DineroPay's shape", async () => {
    const a = await status(sim, p.paymentId);
    const b = await call(sim, "/api/v1/payment/status", { order_id: "order-1" });
    expect(a.json).toEqual(b.json);
    expect(a.json).toEqual({
      payment_id: p.paymentId,
      date: "2024-06-12 10:00:00",
      status: "settled",
      reason: "",
      recurring_token: null,
      shedule_id: null,
      order: { number: "order-1", amount: "100.00", currency: "TRY", description: "Gift" },
      customer: {},
      digital_wallet: null,
      refunded_amount: "0.00",
    });
  });

  it("an unknown payment_id or order_id is a 400 on that field", async () => {
    expect((await status(sim, "00000000-0000-4000-8000-000000000000")).json).toEqual(fieldError("payment_id", "Payment not found."));
    const byOrder = await call(sim, "/api/v1/payment/status", { order_id: "nope" });
    expect(byOrder).toMatchObject({ status: 400, json: fieldError("order_id", "Order not found.") });
  });

  it("both payment_id and order_id is a 400 (send exactly one)", async () => {
    const { status: code } = await call(sim, "/api/v1/payment/status", { payment_id: p.paymentId, order_id: "order-1" });
    expect(code).toBe(400);
  });

  it("by order_id finds the latest payment of that order", async () => {
    const again = sim.seedPayment({ amount: "3.00", orderNumber: "order-1" });
    expect((await call(sim, "/api/v1/payment/status", { order_id: "order-1" })).json.payment_id).toBe(again.paymentId);
  });
});

describe("createSession", () => {
  const session = (extra: object = {}) =>
    call(sim, "/api/v1/session", {
      operation: "purchase",
      methods: ["card"],
      success_url: "https://shop.example/ok",
      order: { number: "order-9", amount: "19.90", currency: "TRY", description: "Two books" },
      customer: { name: "Ayse", email: "ayse@example.com" },
      ...extra,
    });

  it("creates a payment in prepare and answers a redirect_url on the simulator", async () => {
    const { status: code, json } = await session();
    expect(code).toBe(200);
    expect(json.redirect_url).toMatch(new RegExp(`^${sim.url}/auth/[0-9a-f-]{36}$`));
    const id = String(json.redirect_url).split("/").at(-1) as string;
    expect((await status(sim, id)).json).toMatchObject({
      status: "prepare",
      order: { number: "order-9", amount: "19.90" },
      customer: { name: "Ayse" },
    });
    // Not refundable or voidable until the payer finishes.
    expect((await refund(sim, id, "1.00")).json).toEqual(fieldError("payment_id", "Payment is not settled and cannot be refunded."));
    sim.completeSession(id);
    expect((await status(sim, id)).json.status).toBe("settled");
    expect((await refund(sim, id, "1.00")).status).toBe(200);
  });

  it("a declined session stays unrefundable", async () => {
    const id = String((await session()).json.redirect_url)
      .split("/")
      .at(-1) as string;
    sim.completeSession(id, "decline");
    expect((await status(sim, id)).json).toMatchObject({ status: "decline", reason: "Declined by issuer" });
  });

  it("a schema violation is a 400 naming the field", async () => {
    const { status: code, json } = await session({ order: { number: "x", amount: "1.999", currency: "TRY", description: "ok" } });
    expect(code).toBe(400);
    expect(json.errors[0].error_message).toMatch(/^order\.amount: /);
  });
});

describe("refund: asynchronous", () => {
  it("answers accepted; the status changes only when the refund settles", async () => {
    const { status: code, json } = await refund(sim, p.paymentId);
    expect(code).toBe(200);
    expect(json).toEqual({ payment_id: p.paymentId, result: "accepted" });
    expect(sim.ledger.refunds).toEqual([expect.objectContaining({ amount: 10_000, state: "pending" })]);
    expect((await status(sim, p.paymentId)).json).toMatchObject({ status: "settled", refunded_amount: "0.00" });
    expect(sim.settleRefunds()).toBe(1);
    expect((await status(sim, p.paymentId)).json).toMatchObject({ status: "refund", refunded_amount: "100.00" });
  });

  it("settles by itself once refundSettleMs has passed on the simulator clock", async () => {
    await refund(sim, p.paymentId, "40.00");
    sim.clock.advance(59_999);
    expect((await status(sim, p.paymentId)).json.status).toBe("settled");
    sim.clock.advance(1);
    expect((await status(sim, p.paymentId)).json).toMatchObject({ status: "refund", refunded_amount: "40.00" });
    expect(sim.ledger.refunds[0]).toMatchObject({ state: "settled", settledAt: new Date(PAID_AT.getTime() + 60_000) });
  });

  it("the ledger view settles due refunds when read, without any request", async () => {
    await refund(sim, p.paymentId, "1.00");
    sim.clock.advance(60_000);
    expect(sim.ledger.payment(p.paymentId)?.status).toBe("refund");
  });

  it("partial refunds are reflected: status refund and the refunded amount so far", async () => {
    await refund(sim, p.paymentId, "10.00");
    await refund(sim, p.paymentId, "15.50");
    sim.settleRefunds();
    expect((await status(sim, p.paymentId)).json).toMatchObject({ status: "refund", refunded_amount: "25.50" });
    await refund(sim, p.paymentId, "74.50");
    expect(await refundedAmount()).toBe("25.50");
    sim.settleRefunds();
    expect(await refundedAmount()).toBe("100.00");
  });

  it("over-refund counts pending refunds and is a 400 on amount", async () => {
    await refund(sim, p.paymentId, "60.00");
    const { status: code, json } = await refund(sim, p.paymentId, "40.01");
    expect(code).toBe(400);
    expect(json).toEqual(fieldError("amount", "Refund amount exceeds the refundable amount."));
    expect((await refund(sim, p.paymentId, "40.00")).status).toBe(200);
    expect(sim.ledger.refunds.map((r) => r.amount)).toEqual([6_000, 4_000]);
  });

  it("without an amount refunds what is left (pending counted); then nothing is left", async () => {
    await refund(sim, p.paymentId, "30.00");
    await refund(sim, p.paymentId);
    expect(sim.ledger.refunds.map((r) => r.amount)).toEqual([3_000, 7_000]);
    expect((await refund(sim, p.paymentId)).json).toEqual(fieldError("payment_id", "Payment is already fully refunded."));
    sim.settleRefunds();
    expect((await refund(sim, p.paymentId, "0.01")).json).toEqual(fieldError("payment_id", "Payment is already fully refunded."));
  });

  it("a zero amount, an unknown or voided payment are 400s", async () => {
    expect((await refund(sim, p.paymentId, "0.00")).json).toEqual(fieldError("amount", "Amount must be greater than 0."));
    expect((await refund(sim, "00000000-0000-4000-8000-000000000000", "1.00")).json).toEqual(
      fieldError("payment_id", "Payment not found."),
    );
    await voidPayment(sim, p.paymentId);
    expect((await refund(sim, p.paymentId, "1.00")).json).toEqual(fieldError("payment_id", "Payment is voided and cannot be refunded."));
  });

  it("Infinity keeps refunds pending until settleRefunds()", async () => {
    const manual = await startDineroPaySimulator({ refundSettleMs: Infinity });
    try {
      const q = manual.seedPayment({ amount: "10.00" });
      await refund(manual, q.paymentId);
      manual.clock.advance(365 * 24 * 3_600_000);
      expect((await status(manual, q.paymentId)).json.status).toBe("settled");
      manual.settleRefunds();
      expect((await status(manual, q.paymentId)).json.status).toBe("refund");
    } finally {
      await manual.close();
    }
  });
});

describe("void", () => {
  it("a settled payment on its day: SUCCESS, status void", async () => {
    const { status: code, json } = await voidPayment(sim, p.paymentId);
    expect(code).toBe(200);
    expect(json).toEqual({
      status: "SUCCESS",
      payment_status: "void",
      payment_id: p.paymentId,
      date: "2024-06-12 10:00:00",
      reason: null,
      order: { number: "order-1", amount: "100.00", currency: "TRY", description: "Gift" },
    });
    expect((await status(sim, p.paymentId)).json.status).toBe("void");
  });

  // A void that cannot be done is DineroPay's documented declined void (HTTP 200, status FAIL,
  // payment_status unchanged, a reason): Algol22/gitbook §Void, "Example Response: Void failed".
  const declined = (paymentStatus: string, reason: string) => ({
    status: 200,
    json: expect.objectContaining({ status: "FAIL", payment_status: paymentStatus, payment_id: p.paymentId, reason }),
  });

  it("on a later day (Istanbul) is a FAIL: refund instead", async () => {
    sim.clock.set(new Date("2024-06-12T21:00:00Z")); // 00:00 on the 13th in Istanbul
    expect(await voidPayment(sim, p.paymentId)).toMatchObject(
      declined("settled", "A payment can only be voided on the day it was settled; refund it instead."),
    );
    expect((await status(sim, p.paymentId)).json.status).toBe("settled");
  });

  it("twice is a FAIL naming the status", async () => {
    await voidPayment(sim, p.paymentId);
    expect(await voidPayment(sim, p.paymentId)).toMatchObject(
      declined("void", "Only a settled payment can be voided. Its status is void."),
    );
  });

  it("with a pending or settled refund is a FAIL", async () => {
    await refund(sim, p.paymentId, "1.00");
    expect(await voidPayment(sim, p.paymentId)).toMatchObject(declined("settled", "Payment has refunds and cannot be voided."));
    sim.settleRefunds();
    expect(await voidPayment(sim, p.paymentId)).toMatchObject(
      declined("refund", "Only a settled payment can be voided. Its status is refund."),
    );
  });

  it("a payment not settled is a FAIL; an unknown payment is a 400", async () => {
    const q = sim.seedPayment({ amount: "1.00", status: "pending" });
    const answer = await voidPayment(sim, q.paymentId);
    expect(answer).toMatchObject({ status: 200, json: { status: "FAIL", payment_status: "pending", payment_id: q.paymentId } });
    const unknown = await voidPayment(sim, "00000000-0000-4000-8000-000000000000");
    expect(unknown).toMatchObject({ status: 400, json: fieldError("payment_id", "Payment not found.") });
  });
});

describe("recurring", () => {
  it("charges the card of a recurring_init payment with its token", async () => {
    const init = sim.seedPayment({ amount: "9.99", recurring: true, currency: "USD" });
    const { status: code, json } = await call(sim, "/api/v1/payment/recurring", {
      recurring_init_trans_id: init.paymentId,
      recurring_token: init.recurringToken,
      schedule_id: "sch-1",
      order: { number: "order-r2", amount: "9.99", description: "Monthly" },
    });
    expect(code).toBe(200);
    expect(json).toMatchObject({
      status: "settled",
      payment_id: expect.any(String),
      schedule_id: "sch-1",
      order: { number: "order-r2", amount: "9.99", currency: "USD" },
    });
    expect((await status(sim, json.payment_id)).json).toMatchObject({ status: "settled", shedule_id: "sch-1" });
  });

  it("a wrong token or a payment without one is a 400", async () => {
    const init = sim.seedPayment({ amount: "9.99", recurring: true });
    const order = { number: "o", amount: "1.00", description: "Monthly" };
    const wrong = await call(sim, "/api/v1/payment/recurring", { recurring_init_trans_id: init.paymentId, recurring_token: "nope", order });
    expect(wrong.json).toEqual(fieldError("recurring_token", "Recurring token is not valid."));
    const none = await call(sim, "/api/v1/payment/recurring", { recurring_init_trans_id: p.paymentId, recurring_token: "nope", order });
    expect(none.json).toEqual(fieldError("recurring_init_trans_id", "Initial recurring transaction not found."));
  });
});
