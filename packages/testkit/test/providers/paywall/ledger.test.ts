import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PAYWALL_ERRORS } from "../../../src/providers/paywall/errors.ts";
import { startPaywallSimulator, type PaywallSimulator, type SeededPaywallPayment } from "../../../src/providers/paywall/simulator.ts";
import { call, DIRECT_PAYMENT, inquiry } from "./http.ts";

// 10:00 in Istanbul (UTC+3) on 2024-06-12.
const PAID_AT = new Date("2024-06-12T07:00:00Z");
const NEXT_DAY = new Date("2024-06-13T07:00:00Z");

let sim: PaywallSimulator;
let p: SeededPaywallPayment;
beforeEach(async () => {
  sim = await startPaywallSimulator({ now: PAID_AT });
  p = sim.seedPayment({ amount: "100.00", merchantUniqueCode: "order-1" });
});
afterEach(() => sim.close());

const P = "/api/paywall/private";
const byMerchant = () => ({ Date: p.date, MerchantUniqueCode: p.merchantUniqueCode });
const byUnique = () => ({ Date: p.date, UniqueCode: p.uniqueCode });
const refund = () => call(sim, `${P}/refund`, byMerchant());
const refundByUnique = (extra: object = {}) => call(sim, `${P}/refund/by/uniquecode`, { ...byUnique(), ...extra });
const partial = (Amount: number) => call(sim, `${P}/refund/partial`, { ...byMerchant(), Amount });
const partialById = (Amount: number) => call(sim, `${P}/refund/partial/by/paymentid`, { Date: p.date, PaymentId: p.paymentId, Amount });
const partialByUnique = (Amount: number) => call(sim, `${P}/refund/partial/by/uniquecode`, { ...byUnique(), Amount });
const cancel = () => call(sim, `${P}/cancel`, byMerchant());
const cancelByUnique = () => call(sim, `${P}/cancel/by/uniqueCode`, byUnique());
const revert = (Amount: number) => call(sim, `${P}/revert`, { MerchantUniqueCode: p.merchantUniqueCode, Amount });
const revertById = (Amount: number) => call(sim, `${P}/revert/by/paymentid`, { PaymentId: p.paymentId, Amount });
const refunded = () => sim.ledger.payment(p.paymentId)?.refunded;

const code = (key: keyof typeof PAYWALL_ERRORS) => PAYWALL_ERRORS[key].code;

describe("seedPayment", () => {
  it("returns an integer PaymentId, a GUID UniqueCode, the MerchantUniqueCode, the amount and the Istanbul date", () => {
    expect(p).toEqual({
      paymentId: expect.any(Number),
      uniqueCode: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      merchantUniqueCode: "order-1",
      amount: "100.00",
      date: "2024-06-12",
      currencyId: 1,
    });
    expect(Number.isInteger(p.paymentId)).toBe(true);
    expect(sim.ledger.payment(p.paymentId)?.amount).toBe(10_000);
  });

  it("uses the Istanbul day: 22:30 UTC is already the next day", () => {
    expect(sim.seedPayment({ amount: "1", date: new Date("2024-06-12T22:30:00Z") }).date).toBe("2024-06-13");
  });

  it("refuses a duplicate MerchantUniqueCode and a sub-kuruş amount", () => {
    expect(() => sim.seedPayment({ amount: "1.00", merchantUniqueCode: "order-1" })).toThrow(/MerchantUniqueCode already exists/);
    expect(() => sim.seedPayment({ amount: "1.005" })).toThrow(/amount/);
  });
});

describe("payment start", () => {
  it("startdirect records a payment the private API can refund", async () => {
    const { json } = await call(sim, "/api/paywall/payment/startdirect", DIRECT_PAYMENT("order-2", 50.25));
    expect(json).toMatchObject({
      ErrorCode: 0,
      Result: true,
      Body: { Payment: { PaymentId: expect.any(Number), MerchantUniqueKey: "order-2" }, Error: null },
    });
    const created = sim.ledger.byMerchantUniqueCode("order-2");
    expect(created).toMatchObject({
      amount: 5025,
      state: "succeeded",
      card: { maskedNumber: "402277******4026", ownerName: "Ayse Yilmaz" },
    });
    expect(created?.uniqueCode).toBe(json.Body.Payment.UniqueCode);
    const r = await call(sim, `${P}/refund/partial`, { Date: "2024-06-12", MerchantUniqueCode: "order-2", Amount: 0.25 });
    expect(r.json.ErrorCode).toBe(0);
  });

  it("a duplicate MerchantUniqueCode is rejected with 119 (SDK MerchantUniqueCodeAlreadyExist) and nothing is recorded", async () => {
    const { json } = await call(sim, "/api/paywall/payment/startdirect", DIRECT_PAYMENT("order-1"));
    expect(json).toMatchObject({ ErrorCode: code("duplicateMerchantUniqueCode"), Result: false, Body: null });
    expect(code("duplicateMerchantUniqueCode")).toBe(119);
    expect(sim.ledger.payments).toHaveLength(1);
  });

  it("products that do not add up to Amount are rejected with 2 (SDK InvalidData)", async () => {
    const body = DIRECT_PAYMENT("order-3", 10);
    body.Products[0] = { ...body.Products[0]!, ProductAmount: 9.99 };
    expect((await call(sim, "/api/paywall/payment/startdirect", body)).json).toMatchObject({
      ErrorCode: 2,
      Message: expect.stringContaining("ProductAmount"),
    });
  });

  it("start3d answers a RedirectUrl on the simulator; the payment is pending until completed", async () => {
    const { json } = await call(sim, "/api/paywall/payment/start3d", {
      ...DIRECT_PAYMENT("order-3d", 300),
      PaymentDetail: {
        ...DIRECT_PAYMENT("order-3d", 300).PaymentDetail,
        MerchantSuccessBackUrl: "https://shop.example/ok",
        MerchantFailBackUrl: "https://shop.example/fail",
      },
    });
    expect(json.Body.RedirectUrl).toBe(`${sim.url}/api/paywall/3d/redirect/${json.Body.Payment.UniqueCode}`);
    const id = json.Body.Payment.PaymentId as number;
    expect(await inquiry(sim, id)).toMatchObject({ Status: false, StatusName: "Pending", AnySuccessPayment: false });
    const early = await call(sim, `${P}/revert/by/paymentid`, { PaymentId: id, Amount: 0 });
    expect(early.json).toMatchObject({ ErrorCode: code("paymentNotCompleted") });
    sim.complete3dPayment(id);
    expect(await inquiry(sim, id)).toMatchObject({ Status: true, StatusName: "Successful", AnySuccessPayment: true });
  });
});

describe("cancel", () => {
  it("on the payment's day cancels the whole payment; the inquiry shows it", async () => {
    const { json } = await cancel();
    expect(json).toMatchObject({ ErrorCode: 0, Result: true, Body: { PaymentId: p.paymentId, TypeName: "Cancel", Amount: 100 } });
    expect(await inquiry(sim, p.paymentId)).toMatchObject({
      AnySuccessCancel: true,
      AnySuccessRefund: false,
      AnySuccessPartialRefund: false,
      TypeName: "Cancel",
      PaymentAmount: 100,
      ActivityAmount: 100,
      RefundedAmount: 0,
    });
  });

  it("on a later day is 269 (cancel window closed): refund instead", async () => {
    sim.clock.set(NEXT_DAY);
    expect((await cancel()).json).toMatchObject({ ErrorCode: code("cancelWindowClosed"), Result: false });
    expect(code("cancelWindowClosed")).toBe(269);
  });

  it("until 23:59:59 Istanbul time, not UTC", async () => {
    sim.clock.set(new Date("2024-06-12T20:59:59Z"));
    expect((await cancel()).json.ErrorCode).toBe(0);
  });

  it("twice is 94 (already cancelled), by either reference", async () => {
    await cancel();
    expect((await cancelByUnique()).json).toMatchObject({ ErrorCode: 94 });
  });

  it("after a refund is 93 (has a successful refund)", async () => {
    await partial(1);
    expect((await cancel()).json).toMatchObject({ ErrorCode: 93 });
  });

  it("with a Date other than the payment's does not find it (56)", async () => {
    const { json } = await call(sim, `${P}/cancel`, { Date: "2024-06-11", MerchantUniqueCode: p.merchantUniqueCode });
    expect(json).toMatchObject({ ErrorCode: 56, Message: expect.stringContaining("Payment not found") });
  });
});

describe("full refund", () => {
  it("refund (by MerchantUniqueCode) refunds everything, on a later day too", async () => {
    sim.clock.set(NEXT_DAY);
    expect((await refund()).json).toMatchObject({ ErrorCode: 0, Body: { TypeName: "Refund", Amount: 100 } });
    expect(refunded()).toBe(10_000);
    expect(await inquiry(sim, p.paymentId)).toMatchObject({
      AnySuccessRefund: true,
      AnySuccessPartialRefund: false,
      TypeName: "Refund",
      ActivityAmount: 100,
      RefundedAmount: 100,
    });
  });

  it("a second full refund is 93", async () => {
    await refundByUnique();
    expect((await refund()).json).toMatchObject({ ErrorCode: 93 });
    expect(refunded()).toBe(10_000);
  });

  it("after a partial refund is 93 without CompletePartialRefund", async () => {
    await partial(30);
    expect((await refund()).json).toMatchObject({ ErrorCode: 93, Message: expect.stringContaining("CompletePartialRefund") });
    expect((await refundByUnique({ CompletePartialRefund: false })).json).toMatchObject({ ErrorCode: 93 });
    expect(refunded()).toBe(3_000);
  });

  it("CompletePartialRefund: true refunds the remainder as another partial refund", async () => {
    await partial(30);
    const { json } = await refundByUnique({ CompletePartialRefund: true, MarketPlace: null });
    expect(json).toMatchObject({ ErrorCode: 0, Body: { TypeName: "PartialRefund", Amount: 70 } });
    expect(refunded()).toBe(10_000);
    expect(await inquiry(sim, p.paymentId)).toMatchObject({
      AnySuccessRefund: false,
      AnySuccessPartialRefund: true,
      RefundedAmount: 100,
      ActivityAmount: 70,
    });
    expect((await partial(0.01)).json).toMatchObject({ ErrorCode: 93 });
  });

  it("of a cancelled payment is 94", async () => {
    await cancel();
    expect((await refund()).json).toMatchObject({ ErrorCode: 94 });
  });

  it("of an unknown payment is 56 Payment not found (SDK PaymentNotFound)", async () => {
    const { json } = await call(sim, `${P}/refund`, { Date: p.date, MerchantUniqueCode: "nope" });
    expect(json).toEqual({ ErrorCode: 56, Result: false, Message: "Payment not found: MerchantUniqueCode nope", Body: null });
    const byUniqueCode = await call(sim, `${P}/refund/by/uniquecode`, { Date: p.date, UniqueCode: "00000000-0000-0000-0000-000000000000" });
    expect(byUniqueCode.json.ErrorCode).toBe(56);
  });
});

describe("partial refunds", () => {
  it("several, by each reference, up to the amount; then 93", async () => {
    for (const r of [await partial(10.5), await partialById(20), await partialByUnique(69.49), await partial(0.01)])
      expect(r.json.ErrorCode).toBe(0);
    expect(refunded()).toBe(10_000);
    expect((await partialById(0.01)).json).toMatchObject({ ErrorCode: 93 });
  });

  it("over what is left is 373 and changes nothing", async () => {
    await partial(60);
    const { json } = await partialById(40.01);
    expect(json).toMatchObject({ ErrorCode: 373, Message: expect.stringContaining("40.00 is left") });
    expect(refunded()).toBe(6_000);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "partialRefundByPaymentId", applied: false });
  });

  it("are reflected in the inquiry: flag, last activity, and the refunded total", async () => {
    await partial(10);
    await partialById(15.5);
    expect(await inquiry(sim, p.paymentId)).toMatchObject({
      AnySuccessPartialRefund: true,
      AnySuccessRefund: false,
      TypeName: "PartialRefund",
      ActivityAmount: 15.5,
      PaymentAmount: 100,
      RefundedAmount: 25.5,
    });
  });

  it("of a cancelled payment is 94; of an unknown PaymentId 56", async () => {
    await cancel();
    expect((await partialById(1)).json.ErrorCode).toBe(94);
    const unknown = await call(sim, `${P}/refund/partial/by/paymentid`, { Date: p.date, PaymentId: 1, Amount: 1 });
    expect(unknown.json.ErrorCode).toBe(56);
  });
});

describe("revert: cancel or refund, whichever applies", () => {
  it("Amount 0 on the payment's day cancels", async () => {
    expect((await revert(0)).json).toMatchObject({ ErrorCode: 0, Body: { TypeName: "Cancel" } });
    expect(await inquiry(sim, p.paymentId)).toMatchObject({ AnySuccessCancel: true });
  });

  it("the full amount on the payment's day cancels too", async () => {
    expect((await revertById(100)).json.Body.TypeName).toBe("Cancel");
  });

  it("Amount 0 on a later day refunds everything", async () => {
    sim.clock.set(NEXT_DAY);
    expect((await revertById(0)).json).toMatchObject({ ErrorCode: 0, Body: { TypeName: "Refund", Amount: 100 } });
    expect(await inquiry(sim, p.paymentId)).toMatchObject({ AnySuccessRefund: true, AnySuccessCancel: false });
  });

  it("a partial amount refunds that amount, on the payment's day as well", async () => {
    expect((await revert(25)).json.Body).toMatchObject({ TypeName: "PartialRefund", Amount: 25 });
    expect(refunded()).toBe(2_500);
  });

  it("Amount 0 after a partial refund refunds the rest (a cancel is no longer possible)", async () => {
    await partial(25);
    expect((await revert(0)).json.Body).toMatchObject({ TypeName: "PartialRefund", Amount: 75 });
    expect(refunded()).toBe(10_000);
  });

  it("the full amount after a partial refund is 373; over the rest too", async () => {
    await partial(25);
    expect((await revert(100)).json.ErrorCode).toBe(373);
    expect((await revertById(75.01)).json.ErrorCode).toBe(373);
  });

  it("after a cancel is 94, after a full refund 93, for an unknown payment 56", async () => {
    await revert(0);
    expect((await revertById(0)).json.ErrorCode).toBe(94);
    const q = sim.seedPayment({ amount: "10.00", date: new Date("2024-06-01T09:00:00Z") });
    await call(sim, `${P}/revert/by/paymentid`, { PaymentId: q.paymentId, Amount: 0 });
    expect((await call(sim, `${P}/revert/by/paymentid`, { PaymentId: q.paymentId, Amount: 0 })).json.ErrorCode).toBe(93);
    expect((await call(sim, `${P}/revert`, { UniqueCode: "00000000-0000-0000-0000-000000000000", Amount: 0 })).json.ErrorCode).toBe(56);
  });

  it("without UniqueCode or MerchantUniqueCode is 2", async () => {
    expect((await call(sim, `${P}/revert`, { Amount: 0 })).json).toMatchObject({
      ErrorCode: 2,
      Message: expect.stringContaining("UniqueCode"),
    });
  });
});

describe("inquiries", () => {
  it("by MerchantUniqueCode and by PaymentId answer the same payment", async () => {
    const a = await call(sim, `${P}/query`, undefined, { headers: { merchantuniquecode: p.merchantUniqueCode } });
    const b = await call(sim, `${P}/query/by/paymentid`, undefined, { headers: { paymentid: String(p.paymentId) } });
    expect(a.json.Body.Paywall).toEqual(b.json.Body.Paywall);
    expect(a.json.Body.Paywall).toMatchObject({
      PaymentId: p.paymentId,
      AnySuccessPayment: true,
      Status: true,
      StatusName: "Successful",
      TypeName: "Sale",
      CurrencyId: 1,
      CurrencyName: "TRY",
      PaymentAmount: 100,
      LastActivityDateTime: "2024-06-12T10:00:00",
    });
  });

  it("an unknown payment is 56", async () => {
    const { json } = await call(sim, `${P}/query/by/paymentid`, undefined, { headers: { paymentid: "1" } });
    expect(json).toMatchObject({ ErrorCode: 56, Result: false, Body: null });
  });

  it("each activity gets a new ActivityId", async () => {
    const before = (await inquiry(sim, p.paymentId)).ActivityId as number;
    await partial(1);
    expect((await inquiry(sim, p.paymentId)).ActivityId).toBeGreaterThan(before);
  });
});

describe("BIN and installments (canned)", () => {
  it("a known BIN answers its bank, brand and family", async () => {
    const { json } = await call(sim, "/api/paywall/bin/inquiry", undefined, { headers: { binnumber: "55496012" } });
    expect(json.Body).toEqual({
      BinNumber: "55496012",
      CardBank: "Garanti BBVA",
      CardBrand: "MasterCard",
      CardFamily: "Bonus",
      CardKind: "Individual",
      CardType: "Credit",
    });
  });

  it("installments add interest to the amount per count; a debit card has only one", async () => {
    const { json } = await call(sim, "/api/paywall/installment", undefined, {
      headers: { currencyid: "1", amount: "200", binnumber: "402277" },
    });
    expect(json.Body.Options[0]).toEqual({ Installment: 1, Commission: 1.79, Interest: 0, RawAmount: 200, InterestAmount: 0 });
    expect(json.Body.Options[2]).toMatchObject({ Installment: 3, InterestAmount: 7.6 });
    const debit = await call(sim, "/api/paywall/installment", undefined, {
      headers: { currencyid: "1", amount: "10", binnumber: "979209" },
    });
    expect(debit.json.Body.Options).toHaveLength(1);
  });

  it("an invalid BIN is 2", async () => {
    expect((await call(sim, "/api/paywall/bin/inquiry", undefined, { headers: { binnumber: "12ab" } })).json.ErrorCode).toBe(2);
  });
});
