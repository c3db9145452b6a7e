/**
 * 3-D Secure and checkout-form flows against the simulator, end to end over real HTTP: initialize,
 * the browser leg posting to a callback server the test runs on 127.0.0.1, auth or retrieve, and the
 * payment then living in the same ledger that refunds use.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSpecValidator, loadSpec, startIyzicoSimulator, type IyzicoSimulator, type JsonValue } from "../../../src/index.ts";
import { call } from "./sign.ts";

const spec = loadSpec("iyzico");
const validator = createSpecValidator(spec);
const valid = (path: string, json: unknown) => validator.response(spec.operations.find((o) => o.path === path)!, json as JsonValue);

let sim: IyzicoSimulator;
let callbacks: Record<string, string>[];
let server: Server;
let callbackUrl: string;

beforeEach(async () => {
  sim = await startIyzicoSimulator({ now: new Date("2026-03-10T08:00:00Z") });
  callbacks = [];
  server = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString("utf8")));
    req.on("end", () => {
      callbacks.push(Object.fromEntries(new URLSearchParams(text)));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/iyzico/callback`;
});
afterEach(async () => {
  await sim.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const hmac = (values: string[]) => createHmac("sha256", sim.credentials.secretKey).update(values.join(":")).digest("hex");
const buyer = {
  id: "B",
  name: "J",
  surname: "D",
  identityNumber: "1",
  email: "e",
  registrationAddress: "a",
  city: "c",
  country: "t",
  ip: "1.1.1.1",
};
const address = { contactName: "J", city: "c", country: "t", address: "a" };
const basketItems = [
  { id: "i1", name: "n", category1: "c", itemType: "VIRTUAL", price: "6.0" },
  { id: "i2", name: "n", category1: "c", itemType: "VIRTUAL", price: "4.0" },
];
const card = { cardHolderName: "J", cardNumber: "5528790000000008", expireMonth: "12", expireYear: "2030", cvc: "123" };
const payment = {
  conversationId: "order-3ds",
  price: "10.0",
  paidPrice: "10.0",
  installment: 1,
  basketId: "B1",
  currency: "TRY",
  paymentCard: card,
  buyer,
  billingAddress: address,
  basketItems,
};

describe("3-D Secure", () => {
  const initialize = async (path = "/payment/3dsecure/initialize") => {
    const { json } = await call(sim, path, { ...payment, callbackUrl });
    expect(valid(path, json)).toBeUndefined();
    return json as { status: string; paymentId: string; threeDSHtmlContent: string; signature: string };
  };

  it("initialize -> bank callback -> auth v1 -> a payment that retrieves, lists and refunds", async () => {
    const init = await initialize();
    expect(init.status).toBe("success");
    expect(init.signature).toBe(hmac([init.paymentId, "order-3ds"]));
    expect(Buffer.from(init.threeDSHtmlContent, "base64").toString("utf8")).toContain(`action="${callbackUrl}"`);
    expect(sim.ledger.payment(init.paymentId)?.status).toBe("INIT_THREEDS");

    const { status, fields } = await sim.completeThreeds(init.paymentId);
    expect(status).toBe(200);
    expect(callbacks).toEqual([fields]);
    expect(fields).toMatchObject({ status: "success", paymentId: init.paymentId, conversationId: "order-3ds", mdStatus: "1" });
    // The callback signature, computed here from the documented field order.
    expect(fields.signature).toBe(hmac([fields.conversationData!, "order-3ds", "1", init.paymentId, "success"]));

    const auth = await call(sim, "/payment/3dsecure/auth", {
      paymentId: init.paymentId,
      conversationData: fields.conversationData,
      conversationId: "order-3ds",
    });
    expect(auth.json).toMatchObject({
      status: "success",
      paymentId: init.paymentId,
      paymentStatus: "SUCCESS",
      phase: "AUTH",
      paidPrice: 10,
    });
    expect(valid("/payment/3dsecure/auth", auth.json)).toBeUndefined();

    expect((await call(sim, "/payment/detail", { paymentId: init.paymentId })).json).toMatchObject({ paymentStatus: "SUCCESS" });
    const report = await call(sim, `/v2/reporting/payment/details?paymentId=${init.paymentId}`, undefined, { method: "GET" });
    expect(report.json).toMatchObject({ payments: [{ threeDS: true, paymentConversationId: "order-3ds" }] });
    expect((await call(sim, "/v2/payment/refund", { paymentId: init.paymentId, price: "3.0", conversationId: "r" })).json).toMatchObject({
      status: "success",
    });
    expect(sim.ledger.refunds).toHaveLength(1);
  });

  it("auth fails before the bank's callback, after mdStatus 0, and with the wrong conversationData; a waiting payment cannot be refunded", async () => {
    const init = await initialize();
    expect((await call(sim, "/payment/3dsecure/auth", { paymentId: init.paymentId })).json).toMatchObject({
      status: "failure",
      errorCode: "11",
    });
    expect((await call(sim, "/v2/payment/refund", { paymentId: init.paymentId, price: "1.0" })).json).toMatchObject({ status: "failure" });
    const { fields } = await sim.completeThreeds(init.paymentId, { mdStatus: 0 });
    expect(fields).toMatchObject({ status: "failure", mdStatus: "0" });
    expect((await call(sim, "/payment/3dsecure/auth", { paymentId: init.paymentId })).json).toMatchObject({ status: "failure" });
    const again = await initialize();
    await sim.completeThreeds(again.paymentId);
    expect((await call(sim, "/payment/3dsecure/auth", { paymentId: again.paymentId, conversationData: "forged" })).json).toMatchObject({
      status: "failure",
      errorMessage: "Geçersiz istek: conversationData",
    });
    expect(sim.ledger.refunds).toHaveLength(0);
  });

  it("auth v2 checks paidPrice, basketId and currency against the initialize request", async () => {
    const init = await initialize();
    await sim.completeThreeds(init.paymentId);
    const v2 = (extra: object) =>
      call(sim, "/payment/v2/3dsecure/auth", { paymentId: init.paymentId, paidPrice: "10.0", basketId: "B1", currency: "TRY", ...extra });
    expect((await v2({ paidPrice: "9.99" })).json).toMatchObject({ status: "failure", errorMessage: "Geçersiz istek: paidPrice" });
    expect((await v2({ basketId: "other" })).json).toMatchObject({ status: "failure", errorMessage: "Geçersiz istek: basketId" });
    expect((await v2({ currency: "EUR" })).json).toMatchObject({ status: "failure", errorMessage: "Geçersiz istek: currency" });
    const ok = await v2({});
    expect(ok.json).toMatchObject({ status: "success", paymentStatus: "SUCCESS" });
    expect(valid("/payment/v2/3dsecure/auth", ok.json)).toBeUndefined();
  });

  it("a 3-D Secure pre-authorization is captured by post-auth, and only the captured amount can be refunded", async () => {
    const init = await initialize("/payment/3dsecure/initialize/preauth");
    await sim.completeThreeds(init.paymentId);
    expect((await call(sim, "/payment/3dsecure/auth", { paymentId: init.paymentId })).json).toMatchObject({
      status: "success",
      phase: "PRE_AUTH",
    });
    expect((await call(sim, "/v2/payment/refund", { paymentId: init.paymentId, price: "1.0" })).json).toMatchObject({ status: "failure" });
    const post = await call(sim, "/payment/postauth", { paymentId: init.paymentId, paidPrice: "8.0" });
    expect(post.json).toMatchObject({ status: "success", phase: "POST_AUTH", paidPrice: 8 });
    expect((await call(sim, "/v2/payment/refund", { paymentId: init.paymentId, price: "8.01" })).json).toMatchObject({
      status: "failure",
      errorCode: "5085",
    });
    expect((await call(sim, "/v2/payment/refund", { paymentId: init.paymentId, price: "8.0" })).json).toMatchObject({ status: "success" });
  });

  it("delivers callbacks only on this machine", async () => {
    const { json } = await call(sim, "/payment/3dsecure/initialize", { ...payment, callbackUrl: "https://merchant.example/callback" });
    await expect(sim.completeThreeds((json as { paymentId: string }).paymentId)).rejects.toThrow(/only loopback callbacks/);
  });
});

describe("checkout form", () => {
  // callbackUrl is added per test: the callback server starts in beforeEach.
  const form = {
    conversationId: "order-cf",
    price: "10.0",
    paidPrice: "10.0",
    basketId: "B2",
    currency: "TRY",
    buyer,
    billingAddress: address,
    basketItems,
  };

  it("initialize -> buyer pays -> token posted to the callback -> retrieve -> refund", async () => {
    const init = await call(sim, "/payment/iyzipos/checkoutform/initialize/auth/ecom", { ...form, callbackUrl });
    expect(valid("/payment/iyzipos/checkoutform/initialize/auth/ecom", init.json)).toBeUndefined();
    const { token, signature } = init.json as { token: string; signature: string };
    expect(signature).toBe(hmac(["order-cf", token]));
    expect((await call(sim, "/payment/iyzipos/checkoutform/auth/ecom/detail", { token })).json).toMatchObject({ status: "failure" });

    const paid = await sim.payCheckoutForm(token);
    expect(callbacks).toEqual([{ token }]);
    const result = await call(sim, "/payment/iyzipos/checkoutform/auth/ecom/detail", { token, conversationId: "order-cf" });
    expect(valid("/payment/iyzipos/checkoutform/auth/ecom/detail", result.json)).toBeUndefined();
    expect(result.json).toMatchObject({
      status: "success",
      token,
      paymentId: paid.paymentId,
      paymentStatus: "SUCCESS",
      basketId: "B2",
      paidPrice: 10,
      callbackUrl,
    });
    expect((result.json as { signature: string }).signature).toBe(
      hmac(["SUCCESS", paid.paymentId, "TRY", "B2", "order-cf", "10", "10", token]),
    );
    expect(
      (
        await call(sim, "/payment/refund", {
          paymentTransactionId: sim.ledger.payment(paid.paymentId)?.items[0]?.paymentTransactionId,
          price: "6.0",
        })
      ).json,
    ).toMatchObject({ status: "success" });
    await expect(sim.payCheckoutForm(token)).rejects.toThrow(/already paid/);
  });

  it("refuses a form whose basket does not add up", async () => {
    const { json } = await call(sim, "/payment/iyzipos/checkoutform/initialize/auth/ecom", { ...form, callbackUrl, price: "11.0" });
    expect(json).toMatchObject({ status: "failure", errorCode: "5062" });
  });
});

describe("card storage", () => {
  it("store -> list -> pay with the stored card -> delete", async () => {
    const created = await call(sim, "/cardstorage/card", {
      email: "ada@example.com",
      externalId: "ext-1",
      card: { cardAlias: "work", cardHolderName: "Ada", cardNumber: "5528790000000008", expireMonth: "12", expireYear: "2030" },
    });
    expect(valid("/cardstorage/card", created.json)).toBeUndefined();
    const { cardUserKey, cardToken } = created.json as { cardUserKey: string; cardToken: string };
    expect(created.json).toMatchObject({
      status: "success",
      email: "ada@example.com",
      externalId: "ext-1",
      binNumber: "552879",
      lastFourDigits: "0008",
      cardAlias: "work",
    });
    const second = await call(sim, "/cardstorage/card", {
      cardUserKey,
      card: { cardNumber: "4543590000000006", expireMonth: "01", expireYear: "2031" },
    });
    expect(second.json).toMatchObject({ status: "success", cardUserKey, lastFourDigits: "0006" });

    const list = await call(sim, "/cardstorage/cards", { cardUserKey });
    expect(valid("/cardstorage/cards", list.json)).toBeUndefined();
    expect((list.json.cardDetails as { lastFourDigits: string }[]).map((c) => c.lastFourDigits)).toEqual(["0008", "0006"]);

    const paid = await call(sim, "/payment/auth", { ...payment, paymentCard: { cardUserKey, cardToken } });
    expect(paid.json).toMatchObject({ status: "success", binNumber: "552879", lastFourDigits: "0008" });

    expect((await call(sim, "/cardstorage/card", { cardUserKey, cardToken }, { method: "DELETE" })).json).toMatchObject({
      status: "success",
    });
    expect(((await call(sim, "/cardstorage/cards", { cardUserKey })).json.cardDetails as unknown[]).length).toBe(1);
    expect((await call(sim, "/payment/auth", { ...payment, paymentCard: { cardUserKey, cardToken } })).json).toMatchObject({
      status: "failure",
      errorMessage: "Geçersiz istek: cardToken",
    });
  });

  it("a first card needs the owner's email; an unknown cardUserKey is refused", async () => {
    const card = { cardNumber: "5528790000000008", expireMonth: "12", expireYear: "2030" };
    expect((await call(sim, "/cardstorage/card", { card })).json).toMatchObject({
      status: "failure",
      errorMessage: "email gönderilmesi zorunludur",
    });
    expect((await call(sim, "/cardstorage/card", { cardUserKey: "nobody", card })).json).toMatchObject({
      status: "failure",
      errorMessage: "Geçersiz istek: cardUserKey",
    });
  });
});

describe("reporting transactions", () => {
  it("lists a day's payments, refunds and cancels from the ledger", async () => {
    const p = sim.seedPayment({
      conversationId: "day-1",
      items: [
        { id: "a", price: "30.0" },
        { id: "b", price: "20.0" },
      ],
    });
    const q = sim.seedPayment({ items: [{ id: "c", price: "5.0" }] });
    await call(sim, "/payment/refund", { paymentTransactionId: p.items[0]?.paymentTransactionId, price: "10.0" });
    await call(sim, "/payment/cancel", { paymentId: q.paymentId });
    const { json } = await call(sim, "/v2/reporting/payment/transactions?transactionDate=2026-03-10&page=1", undefined, { method: "GET" });
    expect(valid("/v2/reporting/payment/transactions", json)).toBeUndefined();
    const rows = (json.transactions as { transactionType: string; paymentId: number; price: number }[]).map((t) => [
      t.transactionType,
      String(t.paymentId),
      t.price,
    ]);
    expect(rows.sort()).toEqual(
      [
        ["CANCEL", q.paymentId, 5],
        ["PAYMENT", p.paymentId, 20],
        ["PAYMENT", p.paymentId, 30],
        ["PAYMENT", q.paymentId, 5],
        ["REFUND", p.paymentId, 10],
      ].sort(),
    );
    expect(json).toMatchObject({ currentPage: 1, totalPageCount: 1 });
    const other = await call(sim, "/v2/reporting/payment/transactions?transactionDate=2026-03-11&page=1", undefined, { method: "GET" });
    expect(other.json.transactions).toEqual([]);
  });
});
