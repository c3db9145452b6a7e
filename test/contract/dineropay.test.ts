/**
 * Contract: the generated DineroPay client against the DineroPay simulator over real HTTP.
 * Every operation succeeds (signed by the client, verified by the simulator); every ledger rule
 * comes back as DineroPay's 400 (invalid_request, with the field at fault), but a void that cannot
 * be done, which is DineroPay's HTTP 200 `status: FAIL` and a typed rejection; refunds settle
 * asynchronously; every fault, on every operation, comes back with the right code, `outcome` and
 * `retryable`, and a write the simulator applied before the fault is in its ledger.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDineroPayClient, OdemeError, type DineroPayClient } from "../../packages/dineropay/src/index.ts";
import { FAULTS } from "./fault-table.ts";
import {
  startDineroPaySimulator,
  type DineroPaySimulator,
  type SeededDineroPayPayment,
} from "../../packages/testkit/src/providers/dineropay/simulator.ts";

const PAID_AT = new Date("2026-03-10T08:00:00Z"); // 11:00 in Istanbul
const SETTLE_MS = 30_000;

let sim: DineroPaySimulator;
let dinero: DineroPayClient;
let p: SeededDineroPayPayment;
let recurringInit: SeededDineroPayPayment;

const client = (options: { timeoutMs?: number; maxRetries?: number } = {}) =>
  createDineroPayClient({ ...sim.credentials, baseUrl: sim.url, maxRetries: 0, timeoutMs: 2_000, ...options });

beforeEach(async () => {
  sim = await startDineroPaySimulator({ now: PAID_AT, refundSettleMs: SETTLE_MS });
  dinero = client();
  p = sim.seedPayment({ amount: "100.00", orderNumber: "order-1", description: "Two books" });
  recurringInit = sim.seedPayment({ amount: "9.99", orderNumber: "sub-1", description: "Monthly plan", recurring: true });
});
afterEach(() => sim.close());

async function failure(promise: Promise<unknown>): Promise<OdemeError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OdemeError);
  return e as OdemeError;
}

const payment = () => sim.ledger.payment(p.paymentId);
const session = (number = "order-9") =>
  dinero.createSession({
    operation: "purchase",
    methods: ["card"],
    success_url: "https://shop.example/ok",
    cancel_url: "https://shop.example/cancel",
    order: { number, amount: "19.9", currency: "TRY", description: "Important gift" },
    customer: { name: "Ayse Yilmaz", email: "ayse@example.com" },
  });
const charge = () =>
  dinero.recurring({
    recurring_init_trans_id: recurringInit.paymentId,
    recurring_token: recurringInit.recurringToken as string,
    order: { number: "sub-2", amount: "9.99", description: "Monthly plan" },
  });

/** Every operation of specs/dineropay.yaml: how to call it, and (for a write) how to see it applied. */
const OPERATIONS: { id: string; path: string; call: () => Promise<unknown>; applied?: () => boolean }[] = [
  {
    id: "createSession",
    path: "/api/v1/session",
    call: () => session(),
    applied: () => sim.ledger.paymentByOrder("order-9") !== undefined,
  },
  { id: "getPaymentStatus", path: "/api/v1/payment/status", call: () => dinero.getPaymentStatus({ payment_id: p.paymentId }) },
  {
    id: "refund",
    path: "/api/v1/payment/refund",
    call: () => dinero.refund({ payment_id: p.paymentId, amount: "10" }),
    applied: () => sim.ledger.refunds.length === 1,
  },
  {
    id: "void",
    path: "/api/v1/payment/void",
    call: () => dinero.void({ payment_id: p.paymentId }),
    applied: () => payment()?.status === "void",
  },
  {
    id: "recurring",
    path: "/api/v1/payment/recurring",
    call: () => charge(),
    applied: () => sim.ledger.paymentByOrder("sub-2") !== undefined,
  },
];

describe("every operation succeeds against the simulator", () => {
  it("the table covers every operation of the generated client", () => {
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(dinero)).filter((m) => m !== "constructor");
    expect(OPERATIONS.map((o) => o.id).sort()).toEqual(methods.sort());
  });

  it.each(OPERATIONS.map((o) => [o.id, o] as const))("%s", async (_id, op) => {
    await op.call();
    if (op.applied) expect(op.applied()).toBe(true);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: op.id, applied: true, status: 200 });
  });

  it("createSession: a redirect_url on the simulator and a payment in prepare, findable by order_id", async () => {
    const { redirect_url } = await session("order-5");
    expect(redirect_url).toMatch(new RegExp(`^${sim.url}/auth/`));
    const found = await dinero.getPaymentStatus({ order_id: "order-5" });
    expect(found).toMatchObject({
      status: "prepare",
      order: { number: "order-5", amount: "19.90", currency: "TRY", description: "Important gift" },
    });
    sim.completeSession(found.payment_id as string);
    expect((await dinero.getPaymentStatus({ order_id: "order-5" })).status).toBe("settled");
  });

  it("getPaymentStatus by payment_id and by order_id", async () => {
    const a = await dinero.getPaymentStatus({ payment_id: p.paymentId });
    const b = await dinero.getPaymentStatus({ order_id: "order-1" });
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      payment_id: p.paymentId,
      status: "settled",
      order: { number: "order-1", amount: "100.00" },
      refunded_amount: "0.00",
    });
  });

  it("void answers SUCCESS and the status says void", async () => {
    expect(await dinero.void({ payment_id: p.paymentId })).toMatchObject({
      status: "SUCCESS",
      payment_status: "void",
      payment_id: p.paymentId,
    });
    expect((await dinero.getPaymentStatus({ payment_id: p.paymentId })).status).toBe("void");
  });

  it("recurring charges the stored card: a new settled payment", async () => {
    const charged = await charge();
    expect(charged).toMatchObject({ status: "settled", order: { number: "sub-2", amount: "9.99", currency: "TRY" } });
    expect((await dinero.getPaymentStatus({ payment_id: charged.payment_id as string })).status).toBe("settled");
  });
});

describe("refunds are asynchronous", () => {
  it("accepted; the status stays settled until the refund settles, then says refund", async () => {
    expect(await dinero.refund({ payment_id: p.paymentId })).toEqual({ payment_id: p.paymentId, result: "accepted" });
    expect(await dinero.getPaymentStatus({ payment_id: p.paymentId })).toMatchObject({ status: "settled", refunded_amount: "0.00" });
    sim.settleRefunds();
    expect(await dinero.getPaymentStatus({ payment_id: p.paymentId })).toMatchObject({ status: "refund", refunded_amount: "100.00" });
  });

  it("settles after refundSettleMs on the simulator clock", async () => {
    await dinero.refund({ payment_id: p.paymentId, amount: "25.5" });
    sim.clock.advance(SETTLE_MS - 1);
    expect((await dinero.getPaymentStatus({ payment_id: p.paymentId })).status).toBe("settled");
    sim.clock.advance(1);
    expect(await dinero.getPaymentStatus({ order_id: "order-1" })).toMatchObject({ status: "refund", refunded_amount: "25.50" });
  });

  it("partial refunds add up in refunded_amount", async () => {
    await dinero.refund({ payment_id: p.paymentId, amount: "10" });
    await dinero.refund({ payment_id: p.paymentId, amount: "0.01" });
    sim.settleRefunds();
    // refunded_amount is the simulator's proposed field (not in specs/dineropay.yaml yet).
    expect(await dinero.getPaymentStatus({ payment_id: p.paymentId })).toMatchObject({ status: "refund", refunded_amount: "10.01" });
  });
});

describe("ledger rules come back as DineroPay's 400: invalid_request with the field at fault", () => {
  const invalid = (field: string, message: string) => ({
    code: "invalid_request",
    outcome: "rejected",
    retryable: false,
    status: 400,
    providerCode: "0",
    providerMessage: "Request data is invalid.",
    field,
    fieldErrors: [{ field, message }],
  });

  it("over-refund, counting pending refunds: on amount", async () => {
    await dinero.refund({ payment_id: p.paymentId, amount: "60" });
    const e = await failure(dinero.refund({ payment_id: p.paymentId, amount: "40.01" }));
    expect(e).toMatchObject(invalid("amount", "Refund amount exceeds the refundable amount."));
    expect(sim.ledger.refunds).toHaveLength(1);
  });

  it("refund after a full refund: on payment_id", async () => {
    await dinero.refund({ payment_id: p.paymentId });
    sim.settleRefunds();
    expect(await failure(dinero.refund({ payment_id: p.paymentId, amount: "1" }))).toMatchObject(
      invalid("payment_id", "Payment is already fully refunded."),
    );
  });

  it("refund of a voided payment", async () => {
    await dinero.void({ payment_id: p.paymentId });
    expect(await failure(dinero.refund({ payment_id: p.paymentId }))).toMatchObject(
      invalid("payment_id", "Payment is voided and cannot be refunded."),
    );
  });

  it("an unknown payment on void is a 400, not a declined void", async () => {
    expect(await failure(dinero.void({ payment_id: "00000000-0000-4000-8000-000000000000" }))).toMatchObject(
      invalid("payment_id", "Payment not found."),
    );
  });
  it("refund of a payment that is not settled", async () => {
    const q = sim.seedPayment({ amount: "5.00", status: "decline" });
    expect(await failure(dinero.refund({ payment_id: q.paymentId }))).toMatchObject(
      invalid("payment_id", "Payment is not settled and cannot be refunded."),
    );
  });

  it("an unknown payment or order", async () => {
    expect(await failure(dinero.getPaymentStatus({ payment_id: "00000000-0000-4000-8000-000000000000" }))).toMatchObject(
      invalid("payment_id", "Payment not found."),
    );
    expect(await failure(dinero.getPaymentStatus({ order_id: "nope" }))).toMatchObject(invalid("order_id", "Order not found."));
    expect(await failure(dinero.refund({ payment_id: "00000000-0000-4000-8000-000000000000" }))).toMatchObject(
      invalid("payment_id", "Payment not found."),
    );
  });

  it("a wrong recurring token", async () => {
    const e = await failure(
      dinero.recurring({
        recurring_init_trans_id: recurringInit.paymentId,
        recurring_token: "nope",
        order: { number: "x", amount: "1", description: "Monthly" },
      }),
    );
    expect(e).toMatchObject(invalid("recurring_token", "Recurring token is not valid."));
  });

  it("a wrong password or merchant key: hash: Hash is not valid., an authentication error, nothing applied", async () => {
    for (const wrong of [
      createDineroPayClient({ ...sim.credentials, password: "not-the-password", baseUrl: sim.url }),
      createDineroPayClient({ ...sim.credentials, merchantKey: "someone-else", baseUrl: sim.url }),
    ]) {
      expect(await failure(wrong.refund({ payment_id: p.paymentId, amount: "1" }))).toMatchObject({
        ...invalid("hash", "Hash is not valid."),
        code: "authentication",
      });
      expect(await failure(wrong.getPaymentStatus({ payment_id: p.paymentId }))).toMatchObject({ code: "authentication", field: "hash" });
    }
    expect(sim.ledger.refunds).toHaveLength(0);
  });

  it("bad input never reaches the wire", async () => {
    const e = await failure(dinero.refund({ payment_id: p.paymentId, amount: "1.005" as `${number}` }));
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "amount" });
    expect(sim.requests).toHaveLength(0);
  });
});

describe("a declined void is DineroPay's HTTP 200 status FAIL: the client rejects it (D1)", () => {
  // Algol22/gitbook checkout/checkout-integration/README.md §Void, "Example Response: Void failed".
  const declined = (paymentStatus: string, reason: string) => ({
    code: "provider_error",
    outcome: "rejected",
    retryable: false,
    status: 200,
    operation: "void",
    raw: expect.objectContaining({ status: "FAIL", payment_status: paymentStatus, payment_id: p.paymentId, reason }),
  });

  it("void after a refund, pending or settled", async () => {
    await dinero.refund({ payment_id: p.paymentId, amount: "1" });
    expect(await failure(dinero.void({ payment_id: p.paymentId }))).toMatchObject(
      declined("settled", "Payment has refunds and cannot be voided."),
    );
    sim.settleRefunds();
    expect(await failure(dinero.void({ payment_id: p.paymentId }))).toMatchObject(
      declined("refund", "Only a settled payment can be voided. Its status is refund."),
    );
    expect(sim.requests.filter((r) => r.operationId === "void").map((r) => [r.status, r.applied])).toEqual([
      [200, false],
      [200, false],
    ]);
  });

  it("void on a later day, and void twice", async () => {
    sim.clock.set(new Date("2026-03-11T08:00:00Z"));
    expect(await failure(dinero.void({ payment_id: p.paymentId }))).toMatchObject(
      declined("settled", "A payment can only be voided on the day it was settled; refund it instead."),
    );
    expect(payment()?.status).toBe("settled");
    const q = sim.seedPayment({ amount: "5.00" });
    await dinero.void({ payment_id: q.paymentId });
    const twice = await failure(dinero.void({ payment_id: q.paymentId }));
    expect(twice).toMatchObject({
      code: "provider_error",
      status: 200,
      raw: expect.objectContaining({
        status: "FAIL",
        payment_status: "void",
        reason: "Only a settled payment can be voided. Its status is void.",
      }),
    });
  });
});

describe("faults, on every operation", () => {
  const cases = OPERATIONS.flatMap((op) => FAULTS.map((f) => [`${op.id} under ${f.name}`, op, f] as const));

  it.each(cases)("%s", async (_name, op, f) => {
    dinero = client(f.timeoutMs !== undefined ? { timeoutMs: f.timeoutMs } : {});
    sim.faults.inject(f.fault, { route: op.path });
    const started = Date.now();
    const e = await failure(op.call());
    expect(e).toMatchObject(op.applied ? f.write : f.read);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({ operationId: op.id, fault: f.fault.kind });
    if (op.applied) {
      expect(op.applied(), "the ledger shows the write applied").toBe(f.appliesWrite);
      expect(sim.requests[0]?.applied).toBe(f.appliesWrite);
    }
  });

  it("a refund lost to reset-after is queued and settles like any other", async () => {
    sim.faults.inject({ kind: "reset-after" }, { route: "/api/v1/payment/refund" });
    expect((await failure(dinero.refund({ payment_id: p.paymentId, amount: "12.34" }))).code).toBe("outcome_unknown");
    expect(sim.ledger.refunds).toEqual([expect.objectContaining({ amount: 1_234, state: "pending" })]);
    sim.clock.advance(SETTLE_MS);
    expect(await dinero.getPaymentStatus({ payment_id: p.paymentId })).toMatchObject({ status: "refund", refunded_amount: "12.34" });
  });

  it("a status read is retried after a 503 and then succeeds", async () => {
    dinero = client({ maxRetries: 2 });
    sim.faults.inject({ kind: "http-error", status: 503 });
    expect((await dinero.getPaymentStatus({ payment_id: p.paymentId })).status).toBe("settled");
    expect(sim.requests).toHaveLength(2);
  });

  it("a refund is never retried, even with maxRetries", async () => {
    dinero = client({ maxRetries: 3 });
    sim.faults.inject({ kind: "http-error", status: 503 });
    expect((await failure(dinero.refund({ payment_id: p.paymentId, amount: "1" }))).code).toBe("provider_unavailable");
    expect(sim.requests).toHaveLength(1);
    expect(sim.ledger.refunds).toHaveLength(0);
  });

  it("latency under the timeout still succeeds", async () => {
    sim.faults.inject({ kind: "latency", ms: 100 });
    expect((await dinero.refund({ payment_id: p.paymentId, amount: "1" })).result).toBe("accepted");
  });
});
