/**
 * Contract: the generated Paywall client against the Paywall simulator over real HTTP.
 * Every operation succeeds; every ledger rule comes back as the right OdemeError code; every
 * fault, on every operation, comes back with the right code, `outcome` and `retryable`, and a
 * write the simulator applied before the fault is in its ledger.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPaywallClient, OdemeError, type PaywallClient, type StartDirectPaymentRequest } from "../../packages/paywall/src/index.ts";
import { FAULTS } from "./fault-table.ts";
import {
  startPaywallSimulator,
  type PaywallSimulator,
  type SeededPaywallPayment,
} from "../../packages/testkit/src/providers/paywall/simulator.ts";

const PAID_AT = new Date("2026-03-10T08:00:00Z"); // 11:00 in Istanbul
const NEXT_DAY = new Date("2026-03-11T08:00:00Z");

let sim: PaywallSimulator;
let paywall: PaywallClient;
let p: SeededPaywallPayment;

const client = (options: { timeoutMs?: number; maxRetries?: number } = {}) =>
  createPaywallClient({ ...sim.credentials, baseUrl: sim.url, maxRetries: 0, timeoutMs: 2_000, ...options });

beforeEach(async () => {
  sim = await startPaywallSimulator({ now: PAID_AT });
  paywall = client();
  p = sim.seedPayment({ amount: "100.00", merchantUniqueCode: "order-1" });
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

const direct = (merchantUniqueCode: string, amount: `${number}` = "101.50"): StartDirectPaymentRequest => ({
  PaymentDetail: {
    Amount: amount,
    MerchantUniqueCode: merchantUniqueCode,
    CurrencyId: 1,
    Installment: 1,
    ChannelId: 1,
    ClientIP: "203.0.113.10",
  },
  Card: { OwnerName: "Ayse Yilmaz", Number: "4022774022774026", ExpireMonth: "12", ExpireYear: "2030", Cvv: "000" },
  Customer: {
    FullName: "Ayse Yilmaz",
    Phone: "+905551112233",
    Email: "ayse@example.com",
    Country: "Turkey",
    City: "Istanbul",
    Address: "Kadikoy",
  },
  Products: [{ ProductId: "p-1", ProductName: "Book", ProductCategory: "Books", ProductDescription: "Paperback", ProductAmount: amount }],
});
const threeD = (merchantUniqueCode: string) => {
  const body = direct(merchantUniqueCode, "300");
  return {
    ...body,
    PaymentDetail: {
      ...body.PaymentDetail,
      Installment: 3,
      MerchantSuccessBackUrl: "https://shop.example/ok",
      MerchantFailBackUrl: "https://shop.example/fail",
    },
  };
};

const byMerchant = () => ({ Date: p.date, MerchantUniqueCode: p.merchantUniqueCode });
const byUnique = () => ({ Date: p.date, UniqueCode: p.uniqueCode });
const ledgerPayment = () => sim.ledger.payment(p.paymentId);
const refundedKurus = () => ledgerPayment()?.refunded ?? 0;
const inquiry = async () => (await paywall.queryPaymentByPaymentId({ header: { paymentid: p.paymentId } })).Body?.Paywall;

/** Every operation of specs/paywall.yaml: how to call it, and (for a write) how to see it applied. */
const OPERATIONS: { id: string; path: string; call: () => Promise<unknown>; applied?: () => boolean }[] = [
  {
    id: "refund",
    path: "/api/paywall/private/refund",
    call: () => paywall.refund(byMerchant()),
    applied: () => refundedKurus() === 10_000,
  },
  {
    id: "refundByUniqueCode",
    path: "/api/paywall/private/refund/by/uniquecode",
    call: () => paywall.refundByUniqueCode({ ...byUnique(), CompletePartialRefund: false, MarketPlace: { DeleteExistingRecords: false } }),
    applied: () => refundedKurus() === 10_000,
  },
  {
    id: "partialRefund",
    path: "/api/paywall/private/refund/partial",
    call: () => paywall.partialRefund({ ...byMerchant(), Amount: "10.50" }),
    applied: () => refundedKurus() === 1_050,
  },
  {
    id: "partialRefundByPaymentId",
    path: "/api/paywall/private/refund/partial/by/paymentid",
    call: () => paywall.partialRefundByPaymentId({ Date: p.date, PaymentId: p.paymentId, Amount: "25" }),
    applied: () => refundedKurus() === 2_500,
  },
  {
    id: "partialRefundByUniqueCode",
    path: "/api/paywall/private/refund/partial/by/uniquecode",
    call: () => paywall.partialRefundByUniqueCode({ ...byUnique(), Amount: "0.01" }),
    applied: () => refundedKurus() === 1,
  },
  {
    id: "cancel",
    path: "/api/paywall/private/cancel",
    call: () => paywall.cancel({ ...byMerchant(), MarketPlace: null }),
    applied: () => ledgerPayment()?.cancelledAt !== undefined,
  },
  {
    id: "cancelByUniqueCode",
    path: "/api/paywall/private/cancel/by/uniqueCode",
    call: () => paywall.cancelByUniqueCode(byUnique()),
    applied: () => ledgerPayment()?.cancelledAt !== undefined,
  },
  {
    id: "revert",
    path: "/api/paywall/private/revert",
    call: () => paywall.revert({ MerchantUniqueCode: p.merchantUniqueCode, Amount: "0" }),
    applied: () => ledgerPayment()?.cancelledAt !== undefined,
  },
  {
    id: "revertByPaymentId",
    path: "/api/paywall/private/revert/by/paymentid",
    call: () => paywall.revertByPaymentId({ PaymentId: p.paymentId, Amount: "40" }),
    applied: () => refundedKurus() === 4_000,
  },
  {
    id: "queryPayment",
    path: "/api/paywall/private/query",
    call: () => paywall.queryPayment({ header: { merchantuniquecode: p.merchantUniqueCode } }),
  },
  {
    id: "queryPaymentByPaymentId",
    path: "/api/paywall/private/query/by/paymentid",
    call: () => paywall.queryPaymentByPaymentId({ header: { paymentid: p.paymentId } }),
  },
  {
    id: "startDirectPayment",
    path: "/api/paywall/payment/startdirect",
    call: () => paywall.startDirectPayment(direct("order-new")),
    applied: () => sim.ledger.byMerchantUniqueCode("order-new") !== undefined,
  },
  {
    id: "start3dPayment",
    path: "/api/paywall/payment/start3d",
    call: () => paywall.start3dPayment(threeD("order-3d")),
    applied: () => sim.ledger.byMerchantUniqueCode("order-3d") !== undefined,
  },
  { id: "binInquiry", path: "/api/paywall/bin/inquiry", call: () => paywall.binInquiry({ header: { binnumber: "554960" } }) },
  {
    id: "getInstallments",
    path: "/api/paywall/installment",
    call: () =>
      paywall.getInstallments({
        header: { currencyid: 1, amount: "250.00", binnumber: "554960", distinctduplicates: true, endoftheday: 1 },
      }),
  },
];

describe("every operation succeeds against the simulator", () => {
  it("the table covers every operation of the generated client", () => {
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(paywall)).filter((m) => m !== "constructor");
    expect(OPERATIONS.map((o) => o.id).sort()).toEqual(methods.sort());
  });

  it.each(OPERATIONS.map((o) => [o.id, o] as const))("%s", async (_id, op) => {
    const answer = (await op.call()) as { ErrorCode: number; Result: boolean };
    expect(answer).toMatchObject({ ErrorCode: 0, Result: true });
    if (op.applied) expect(op.applied()).toBe(true);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: op.id, applied: true, status: 200 });
  });

  it("startDirectPayment answers the references the private API takes", async () => {
    const started = await paywall.startDirectPayment(direct("order-2", "42.42"));
    const payment = started.Body?.Payment;
    expect(payment).toMatchObject({ PaymentId: expect.any(Number), UniqueCode: expect.any(String), MerchantUniqueKey: "order-2" });
    await paywall.partialRefundByUniqueCode({ Date: "2026-03-10", UniqueCode: payment?.UniqueCode as string, Amount: "2.42" });
    const q = await paywall.queryPayment({ header: { merchantuniquecode: "order-2" } });
    expect(q.Body?.Paywall).toMatchObject({ PaymentAmount: 42.42, AnySuccessPartialRefund: true, RefundedAmount: 2.42 });
  });

  it("start3dPayment answers a RedirectUrl on the simulator; the payment completes later", async () => {
    const started = await paywall.start3dPayment(threeD("order-3"));
    expect(started.Body?.RedirectUrl).toMatch(new RegExp(`^${sim.url}/`));
    const id = started.Body?.Payment?.PaymentId as number;
    expect((await paywall.queryPaymentByPaymentId({ header: { paymentid: id } })).Body?.Paywall).toMatchObject({
      Status: false,
      StatusName: "Pending",
    });
    sim.complete3dPayment(id);
    expect((await paywall.queryPaymentByPaymentId({ header: { paymentid: id } })).Body?.Paywall).toMatchObject({
      Status: true,
      AnySuccessPayment: true,
    });
  });

  it("the inquiry reflects refunds and cancels", async () => {
    expect(await inquiry()).toMatchObject({
      AnySuccessPayment: true,
      AnySuccessRefund: false,
      AnySuccessPartialRefund: false,
      AnySuccessCancel: false,
      PaymentAmount: 100,
      TypeName: "Sale",
    });
    await paywall.partialRefund({ ...byMerchant(), Amount: "30" });
    expect(await inquiry()).toMatchObject({
      AnySuccessPartialRefund: true,
      AnySuccessRefund: false,
      ActivityAmount: 30,
      RefundedAmount: 30,
    });
    await paywall.refundByUniqueCode({ ...byUnique(), CompletePartialRefund: true });
    expect(await inquiry()).toMatchObject({ AnySuccessPartialRefund: true, ActivityAmount: 70, RefundedAmount: 100 });
    const q = sim.seedPayment({ amount: "20.00" });
    await paywall.cancelByUniqueCode({ Date: q.date, UniqueCode: q.uniqueCode });
    expect((await paywall.queryPaymentByPaymentId({ header: { paymentid: q.paymentId } })).Body?.Paywall).toMatchObject({
      AnySuccessCancel: true,
      TypeName: "Cancel",
    });
    const r = sim.seedPayment({ amount: "20.00" });
    sim.clock.set(NEXT_DAY);
    await paywall.refund({ Date: r.date, MerchantUniqueCode: r.merchantUniqueCode });
    expect((await paywall.queryPayment({ header: { merchantuniquecode: r.merchantUniqueCode } })).Body?.Paywall).toMatchObject({
      AnySuccessRefund: true,
      RefundedAmount: 20,
    });
  });
});

describe("ledger rules come back as unified codes", () => {
  const rejected = { outcome: "rejected", retryable: false };

  it("over-refund: amount_exceeds_refundable (373)", async () => {
    await paywall.partialRefund({ ...byMerchant(), Amount: "60" });
    const e = await failure(paywall.partialRefundByPaymentId({ Date: p.date, PaymentId: p.paymentId, Amount: "40.01" }));
    expect(e).toMatchObject({ code: "amount_exceeds_refundable", providerCode: "373", ...rejected });
    expect(refundedKurus()).toBe(6_000);
  });

  it("revert of more than is left: amount_exceeds_refundable", async () => {
    await paywall.partialRefund({ ...byMerchant(), Amount: "60" });
    expect((await failure(paywall.revertByPaymentId({ PaymentId: p.paymentId, Amount: "100" }))).code).toBe("amount_exceeds_refundable");
  });

  it("refund after a full refund: already_refunded (93)", async () => {
    await paywall.refund(byMerchant());
    const e = await failure(paywall.partialRefundByUniqueCode({ ...byUnique(), Amount: "1" }));
    expect(e).toMatchObject({ code: "already_refunded", providerCode: "93", ...rejected });
  });

  it("a full refund after a partial one without CompletePartialRefund: already_refunded", async () => {
    await paywall.partialRefund({ ...byMerchant(), Amount: "1" });
    expect((await failure(paywall.refund(byMerchant()))).code).toBe("already_refunded");
    expect((await failure(paywall.refundByUniqueCode({ ...byUnique(), CompletePartialRefund: false }))).code).toBe("already_refunded");
    expect(refundedKurus()).toBe(100);
  });

  it("cancel after a refund: already_refunded (93)", async () => {
    await paywall.partialRefund({ ...byMerchant(), Amount: "1" });
    expect(await failure(paywall.cancel(byMerchant()))).toMatchObject({ code: "already_refunded", providerCode: "93" });
  });

  it("refund of a cancelled payment, and a second cancel: already_cancelled (94)", async () => {
    await paywall.cancel(byMerchant());
    expect(await failure(paywall.refund(byMerchant()))).toMatchObject({ code: "already_cancelled", providerCode: "94", ...rejected });
    expect((await failure(paywall.cancelByUniqueCode(byUnique()))).code).toBe("already_cancelled");
    expect((await failure(paywall.revertByPaymentId({ PaymentId: p.paymentId, Amount: "0" }))).code).toBe("already_cancelled");
  });

  it("cancel on a later day: providerCode 269, provider_error until the spec maps it to cancel_window_closed", async () => {
    sim.clock.set(NEXT_DAY);
    const e = await failure(paywall.cancel(byMerchant()));
    // specs/paywall.yaml has no code for the cancel window; see the simulator's errors.ts.
    expect(e).toMatchObject({ code: "cancel_window_closed", providerCode: "269", ...rejected });
    expect(ledgerPayment()?.cancelledAt).toBeUndefined();
    // revert does the right thing on that day instead: a refund.
    expect((await paywall.revert({ UniqueCode: p.uniqueCode, Amount: "0" })).Body).toMatchObject({ TypeName: "Refund" });
  });

  it("an unknown payment: not_found (56, SDK PaymentNotFound), on writes and inquiries", async () => {
    for (const call of [
      () => paywall.refund({ Date: p.date, MerchantUniqueCode: "nope" }),
      () => paywall.partialRefundByPaymentId({ Date: p.date, PaymentId: 1, Amount: "1" }),
      () => paywall.cancelByUniqueCode({ Date: p.date, UniqueCode: "00000000-0000-0000-0000-000000000000" }),
      () => paywall.revertByPaymentId({ PaymentId: 1, Amount: "0" }),
      () => paywall.queryPayment({ header: { merchantuniquecode: "nope" } }),
      () => paywall.queryPaymentByPaymentId({ header: { paymentid: 1 } }),
    ]) {
      expect(await failure(call())).toMatchObject({ code: "not_found", providerCode: "56", ...rejected });
    }
  });

  it("a duplicate MerchantUniqueCode: duplicate (119, SDK MerchantUniqueCodeAlreadyExist)", async () => {
    expect(await failure(paywall.startDirectPayment(direct("order-1")))).toMatchObject({
      code: "duplicate",
      providerCode: "119",
      ...rejected,
    });
    expect(sim.ledger.payments).toHaveLength(1);
  });

  it("products that do not add up: invalid_request (2, SDK InvalidData)", async () => {
    const body = direct("order-x", "10");
    body.Products = [{ ...body.Products[0]!, ProductAmount: "9" }];
    expect(await failure(paywall.startDirectPayment(body))).toMatchObject({ code: "invalid_request", providerCode: "2" });
  });

  it("wrong keys: authentication (401), and nothing is applied", async () => {
    const wrong = createPaywallClient({ ...sim.credentials, apiKeyPrivate: "not-the-key", baseUrl: sim.url });
    expect(await failure(wrong.refund(byMerchant()))).toMatchObject({ code: "authentication", providerCode: "401", ...rejected });
    expect(refundedKurus()).toBe(0);
    // The public pair is still right: public operations pass.
    expect((await wrong.binInquiry({ header: { binnumber: "554960" } })).ErrorCode).toBe(0);
  });

  it("bad input never reaches the wire", async () => {
    const e = await failure(paywall.partialRefund({ ...byMerchant(), Amount: "1.005" as `${number}` }));
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "Amount" });
    expect(sim.requests).toHaveLength(0);
  });
});

describe("faults, on every operation", () => {
  const cases = OPERATIONS.flatMap((op) => FAULTS.map((f) => [`${op.id} under ${f.name}`, op, f] as const));

  it.each(cases)("%s", async (_name, op, f) => {
    paywall = client(f.timeoutMs !== undefined ? { timeoutMs: f.timeoutMs } : {});
    sim.faults.inject(f.fault, { route: op.path });
    const started = Date.now();
    const e = await failure(op.call());
    expect(e).toMatchObject(op.applied ? f.write : f.read);
    expect(Date.now() - started).toBeLessThan(1_500);
    // maxRetries 0 and writes are never retried: exactly one request reached the simulator.
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({ operationId: op.id, fault: f.fault.kind });
    if (op.applied) {
      expect(op.applied(), "the ledger shows the write applied").toBe(f.appliesWrite);
      expect(sim.requests[0]?.applied).toBe(f.appliesWrite);
    }
  });

  it("a read is retried after a 503 and then succeeds", async () => {
    paywall = client({ maxRetries: 2 });
    sim.faults.inject({ kind: "http-error", status: 503 });
    expect((await paywall.queryPaymentByPaymentId({ header: { paymentid: p.paymentId } })).ErrorCode).toBe(0);
    expect(sim.requests).toHaveLength(2);
  });

  it("a write is never retried, even with maxRetries", async () => {
    paywall = client({ maxRetries: 3 });
    sim.faults.inject({ kind: "http-error", status: 503 });
    expect((await failure(paywall.partialRefund({ ...byMerchant(), Amount: "1" }))).code).toBe("provider_unavailable");
    expect(sim.requests).toHaveLength(1);
  });

  it("latency under the timeout still succeeds", async () => {
    sim.faults.inject({ kind: "latency", ms: 100 });
    expect((await paywall.partialRefund({ ...byMerchant(), Amount: "1" })).ErrorCode).toBe(0);
  });

  it("after reset-after, the inquiry tells the caller the refund happened", async () => {
    sim.faults.inject({ kind: "reset-after" }, { route: "/api/paywall/private/refund/partial" });
    expect((await failure(paywall.partialRefund({ ...byMerchant(), Amount: "12.34" }))).code).toBe("outcome_unknown");
    expect(await inquiry()).toMatchObject({ AnySuccessPartialRefund: true, ActivityAmount: 12.34, RefundedAmount: 12.34 });
  });
});
