import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startIyzicoSimulator, type IyzicoSimulator, type SeededPayment } from "../../../src/index.ts";
import { call, iyzwsV2Header } from "./sign.ts";

let sim: IyzicoSimulator;
let payment: SeededPayment;
// 10:00 in Istanbul (UTC+3) on 2024-06-12.
const PAID_AT = new Date("2024-06-12T07:00:00Z");

beforeEach(async () => {
  sim = await startIyzicoSimulator({ now: PAID_AT });
  payment = sim.seedPayment({
    conversationId: "order-1",
    items: [
      { id: "BI101", price: "30.0" },
      { id: "BI102", price: "50.0" },
      { id: "BI103", price: "20.0" },
    ],
  });
});
afterEach(() => sim.close());

const tx = (i: number) => payment.items[i]?.paymentTransactionId ?? "";
const refund = (i: number, price: string, extra: object = {}) =>
  call(sim, "/payment/refund", { locale: "tr", conversationId: "r", paymentTransactionId: tx(i), price, ...extra });
const refundV2 = (price: string) => call(sim, "/v2/payment/refund", { conversationId: "r2", paymentId: payment.paymentId, price });
const cancel = () => call(sim, "/payment/cancel", { conversationId: "c", paymentId: payment.paymentId });
const detail = () => call(sim, "/payment/detail", { paymentId: payment.paymentId });

describe("seedPayment", () => {
  it("returns numeric-string ids and decimal prices, and the ledger keeps kuruş", () => {
    expect(payment.paymentId).toMatch(/^\d+$/);
    expect(payment.items.map((i) => i.price)).toEqual(["30.0", "50.0", "20.0"]);
    expect(payment.paidPrice).toBe("100.0");
    expect(sim.ledger.payment(payment.paymentId)?.items.map((i) => i.paidPrice)).toEqual([3000, 5000, 2000]);
  });

  it("spreads a paidPrice with interest over the items exactly", () => {
    const p = sim.seedPayment({
      paidPrice: "121.5",
      items: [
        { id: "a", price: "75" },
        { id: "b", price: "45" },
      ],
    });
    expect(p.items.map((i) => i.paidPrice)).toEqual(["75.93", "45.57"]);
  });

  it("rejects an amount with more precision than kuruş instead of rounding", () => {
    expect(() => sim.seedPayment({ items: [{ id: "a", price: "1.005" }] })).toThrow(/items\[0\]\.price/);
  });
});

describe("item refund (POST /payment/refund)", () => {
  it("refunds part of an item and answers like iyzico", async () => {
    const { json } = await refund(0, "15.5");
    expect(json).toMatchObject({
      status: "success",
      locale: "tr",
      conversationId: "r",
      paymentId: payment.paymentId,
      paymentTransactionId: tx(0),
      price: 15.5,
      currency: "TRY",
    });
    expect(sim.ledger.refunds).toEqual([
      expect.objectContaining({ kind: "item", paymentId: payment.paymentId, paymentTransactionId: tx(0), amount: 1550 }),
    ]);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "refund", applied: true, status: 200 });
  });

  it("allows several partial refunds up to the item's paid price, then refuses", async () => {
    for (const price of ["10.0", "10.0", "9.99", "0.01"]) expect((await refund(0, price)).json.status).toBe("success");
    expect(sim.ledger.payment(payment.paymentId)?.items[0]?.refunded).toBe(3000);
    const { json } = await refund(0, "0.01");
    expect(json).toMatchObject({ status: "failure", errorCode: "5086" });
  });

  it("refuses more than is left on the item, naming nothing changed", async () => {
    await refund(1, "40.0");
    const { json } = await refund(1, "10.01");
    expect(json).toMatchObject({
      status: "failure",
      errorCode: "5085",
      errorMessage: "İade tutarı, iade edilebilir tutardan büyük olamaz",
      conversationId: "r",
    });
    expect(sim.ledger.refunds).toHaveLength(1);
    expect(sim.requests.at(-1)).toMatchObject({ applied: false });
  });

  it("answers in English when locale is en", async () => {
    const { json } = await refund(1, "50.01", { locale: "en" });
    expect(json).toMatchObject({
      errorCode: "5085",
      errorMessage: "Refund price cannot be greater than the refundable amount",
      locale: "en",
    });
  });

  it("refuses an unknown paymentTransactionId", async () => {
    const { json } = await call(sim, "/payment/refund", { paymentTransactionId: "999", price: "1.0" });
    expect(json).toMatchObject({ status: "failure", errorCode: "5084", errorMessage: "Ödeme kırılımı bulunamadı: 999" });
  });

  it("refuses a zero price and a price finer than kuruş, naming the field", async () => {
    expect((await refund(0, "0.0")).json).toMatchObject({ errorCode: "11", errorMessage: "Geçersiz istek: price" });
    expect((await refund(0, "1.001")).json).toMatchObject({ errorCode: "11", errorMessage: "Geçersiz istek: price" });
  });

  it("refuses a currency other than the payment's", async () => {
    expect((await refund(0, "1.0", { currency: "USD" })).json).toMatchObject({ errorCode: "11", errorMessage: "Geçersiz istek: currency" });
  });
});

describe("amount refund (POST /v2/payment/refund)", () => {
  it("spreads the amount over the items in basket order and signs the answer", async () => {
    const { json } = await refundV2("45.0");
    expect(json).toMatchObject({
      status: "success",
      paymentId: payment.paymentId,
      price: 45,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(sim.ledger.refunds[0]?.allocations).toEqual([
      { paymentTransactionId: tx(0), amount: 3000 },
      { paymentTransactionId: tx(1), amount: 1500 },
    ]);
  });

  it("counts item refunds against the payment's remaining amount", async () => {
    await refund(2, "20.0");
    expect((await refundV2("80.01")).json).toMatchObject({ status: "failure", errorCode: "5085" });
    expect((await refundV2("80.0")).json).toMatchObject({ status: "success", price: 80 });
    expect((await refundV2("0.01")).json).toMatchObject({ status: "failure", errorCode: "5086" });
  });

  it("refuses an unknown payment", async () => {
    const { json } = await call(sim, "/v2/payment/refund", { paymentId: "1", price: "1.0" });
    expect(json).toMatchObject({ status: "failure", errorCode: "5083", errorMessage: "Ödeme bulunamadı: 1" });
  });
});

describe("cancel (POST /payment/cancel)", () => {
  it("cancels on the day of payment, once", async () => {
    sim.clock.set(new Date("2024-06-12T20:59:59Z")); // 23:59:59 in Istanbul
    expect((await cancel()).json).toMatchObject({ status: "success", paymentId: payment.paymentId, price: 100 });
    expect(sim.ledger.cancels).toEqual([expect.objectContaining({ paymentId: payment.paymentId, amount: 10000 })]);
    expect((await cancel()).json).toMatchObject({ status: "failure", errorCode: "5087", errorMessage: "Ödeme daha önce iptal edilmiş" });
  });

  it("refuses on a later Istanbul day", async () => {
    sim.clock.set(new Date("2024-06-12T21:00:00Z")); // 00:00 on the 13th in Istanbul
    expect((await cancel()).json).toMatchObject({ status: "failure", errorCode: "5089" });
    expect(sim.ledger.cancels).toHaveLength(0);
  });

  it("refuses after a refund", async () => {
    await refund(0, "1.0");
    expect((await cancel()).json).toMatchObject({ status: "failure", errorCode: "5088" });
  });

  it("blocks refunds of a cancelled payment", async () => {
    await cancel();
    expect((await refund(0, "1.0")).json).toMatchObject({ status: "failure", errorCode: "5087" });
    expect((await refundV2("1.0")).json).toMatchObject({ status: "failure", errorCode: "5087" });
  });
});

describe("payment detail (POST /payment/detail)", () => {
  it("reads the payment back without refund or cancel lists, which only the reporting detail has", async () => {
    await refund(1, "12.5");
    const { json } = await detail();
    expect(json).toMatchObject({ status: "success", paymentId: payment.paymentId, price: 100, paidPrice: 100, paymentStatus: "SUCCESS" });
    expect(json).not.toHaveProperty("paymentRefundStatus");
    expect(json).not.toHaveProperty("cancels");
    for (const item of json.itemTransactions as object[]) expect(item).not.toHaveProperty("refunds");
  });

  it("finds a payment by paymentConversationId", async () => {
    const { json } = await call(sim, "/payment/detail", { paymentConversationId: "order-1" });
    expect(json).toMatchObject({ paymentId: payment.paymentId });
  });

  it("needs paymentId or paymentConversationId", async () => {
    expect((await call(sim, "/payment/detail", { locale: "tr" })).json).toMatchObject({
      errorCode: "5004",
      errorMessage: "paymentId gönderilmesi zorunludur",
    });
  });
});

describe("reporting detail (GET /v2/reporting/payment/details)", () => {
  const report = async (query: string) => {
    const { json } = await call(sim, `/v2/reporting/payment/details?${query}`, undefined, { method: "GET" });
    return json as { status: string; payments: Record<string, unknown>[] } & Record<string, unknown>;
  };
  const byId = () => report(`paymentId=${payment.paymentId}&conversationId=rep-1&locale=tr`);

  it("reflects refunds per transaction, with each refund's conversationId, and the payment's refund status", async () => {
    expect((await byId()).payments[0]).toMatchObject({ paymentId: Number(payment.paymentId), paymentRefundStatus: "NOT_REFUNDED" });
    await refund(1, "12.5", { conversationId: "r-a" });
    await refund(1, "2.5", { conversationId: "r-b" });
    const json = await byId();
    expect(json).toMatchObject({ status: "success", conversationId: "rep-1", locale: "tr" });
    expect(json.payments[0]).toMatchObject({
      price: 100,
      paidPrice: 100,
      paymentConversationId: "order-1",
      paymentRefundStatus: "PARTIALLY_REFUNDED",
    });
    const items = json.payments[0]?.itemTransactions as {
      paymentTransactionId: number;
      refunds: { refundPrice: number; refundConversationId: string; refundTxId: number }[];
    }[];
    expect(items.map((i) => i.paymentTransactionId)).toEqual([0, 1, 2].map((i) => Number(tx(i))));
    expect(items.map((i) => i.refunds.map((r) => [r.refundPrice, r.refundConversationId]))).toEqual([
      [],
      [
        [12.5, "r-a"],
        [2.5, "r-b"],
      ],
      [],
    ]);
    expect(items[1]?.refunds.map((r) => typeof r.refundTxId)).toEqual(["number", "number"]);
    await refundV2("85.0");
    const after = await byId();
    expect(after.payments[0]).toMatchObject({ paymentRefundStatus: "TOTALLY_REFUNDED" });
    // The amount-based refund is listed once per item it was taken from, each with its conversationId.
    const spread = (after.payments[0]!.itemTransactions as { refunds: { refundConversationId: string; refundPrice: number }[] }[]).map(
      (i) => i.refunds.filter((r) => r.refundConversationId === "r2").map((r) => r.refundPrice),
    );
    expect(spread).toEqual([[30], [35], [20]]);
  });

  it("lists a cancel with its cancelConversationId, and finds payments by paymentConversationId", async () => {
    await cancel();
    const json = await report("paymentConversationId=order-1");
    expect(json.payments).toHaveLength(1);
    expect(json.payments[0]).toMatchObject({
      paymentId: Number(payment.paymentId),
      cancels: [{ cancelConversationId: "c", refundPrice: 100, currencyCode: "TRY", refundId: expect.any(Number) }],
    });
  });

  it("needs paymentId or paymentConversationId, and answers an unknown payment with a failure", async () => {
    expect(await report("locale=en&conversationId=x")).toMatchObject({
      status: "failure",
      errorCode: "11",
      errorMessage: "Invalid request: paymentId",
      locale: "en",
      conversationId: "x",
    });
    expect(await report("paymentId=1")).toMatchObject({ status: "failure", errorCode: "5083" });
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "retrieveReportingPaymentDetail", applied: false });
  });

  it("rejects a request whose signature covers the query string (iyzico signs the path only)", async () => {
    const path = `/v2/reporting/payment/details?paymentId=${payment.paymentId}`;
    const rnd = "rnd-query";
    const header = iyzwsV2Header(sim.credentials.apiKey, sim.credentials.secretKey, rnd, path, "");
    const res = await fetch(`${sim.url}${path}`, { headers: { authorization: header, "x-iyzi-rnd": rnd } });
    expect(await res.json()).toMatchObject({ status: "failure", errorCode: "1000" });
  });
});

describe("create payment (POST /payment/auth)", () => {
  const body = (cardNumber: string, prices = ["0.3", "0.7"]) => ({
    locale: "tr",
    conversationId: "pay-1",
    price: "1.0",
    paidPrice: "1.2",
    installment: 1,
    basketId: "B1",
    paymentCard: { cardHolderName: "John Doe", cardNumber, expireMonth: "12", expireYear: "2030", cvc: "123" },
    buyer: {
      id: "BY1",
      name: "John",
      surname: "Doe",
      identityNumber: "74300864791",
      email: "a@b.c",
      registrationAddress: "x",
      city: "Istanbul",
      country: "Turkey",
      ip: "85.34.78.112",
    },
    billingAddress: { contactName: "Jane", city: "Istanbul", country: "Turkey", address: "x" },
    basketItems: prices.map((price, i) => ({ id: `I${i}`, name: "n", category1: "c", itemType: "PHYSICAL", price })),
  });

  it("records the payment from the basket; its items can then be refunded", async () => {
    const { json } = await call(sim, "/payment/auth", body("5528790000000008"));
    expect(json).toMatchObject({
      status: "success",
      price: 1,
      paidPrice: 1.2,
      binNumber: "552879",
      lastFourDigits: "0008",
      basketId: "B1",
    });
    const items = json.itemTransactions as { paymentTransactionId: string; paidPrice: number }[];
    expect(items.map((i) => i.paidPrice)).toEqual([0.36, 0.84]);
    const r = await call(sim, "/payment/refund", { paymentTransactionId: items[1]?.paymentTransactionId, price: "0.84" });
    expect(r.json).toMatchObject({ status: "success", price: 0.84 });
  });

  it("refuses a basket whose sum differs from price (5062), a bad card (12), and declines the sandbox no-funds card", async () => {
    expect((await call(sim, "/payment/auth", body("5528790000000008", ["0.3", "0.8"]))).json).toMatchObject({ errorCode: "5062" });
    expect((await call(sim, "/payment/auth", body("5528790000000009"))).json).toMatchObject({ errorCode: "12" });
    expect((await call(sim, "/payment/auth", body("4111111111111129"))).json).toMatchObject({
      errorCode: "10051",
      errorGroup: "NOT_SUFFICIENT_FUNDS",
    });
    expect(sim.ledger.payments).toHaveLength(1);
  });
});

describe("queries", () => {
  it("BIN check and installments return canned data", async () => {
    expect((await call(sim, "/payment/bin/check", { binNumber: "554960" })).json).toMatchObject({
      status: "success",
      cardFamily: "Bonus",
      bankName: "Garanti Bankası",
    });
    const { json } = await call(sim, "/payment/iyzipos/installment", { binNumber: "554960", price: "100.0" });
    const [first] = json.installmentDetails as { installmentPrices: unknown[] }[];
    expect(first?.installmentPrices.slice(0, 3)).toEqual([
      { installmentPrice: 100, totalPrice: 100, installmentNumber: 1 },
      { installmentPrice: 51.03, totalPrice: 102.06, installmentNumber: 2 },
      { installmentPrice: 34.55, totalPrice: 103.65, installmentNumber: 3 },
    ]);
  });
});
