import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startIyzicoSimulator, type IyzicoSimulator } from "../../../src/index.ts";
import { call, iyzwsV2Header } from "./sign.ts";

let sim: IyzicoSimulator;
beforeEach(async () => {
  sim = await startIyzicoSimulator();
});
afterEach(() => sim.close());

describe("requests are validated against specs/iyzico.yaml", () => {
  it("a missing required field gets 5004 '<field> gönderilmesi zorunludur', HTTP 200", async () => {
    const { status, json } = await call(sim, "/payment/refund", { locale: "tr", conversationId: "x", paymentTransactionId: "1" });
    expect(status).toBe(200);
    expect(json).toEqual({
      status: "failure",
      errorCode: "5004",
      errorMessage: "price gönderilmesi zorunludur",
      locale: "tr",
      systemTime: expect.any(Number),
      conversationId: "x",
    });
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "refund", applied: false });
  });

  it("a wrong type or pattern gets 11 naming the field, nested fields with their path", async () => {
    expect((await call(sim, "/payment/refund", { paymentTransactionId: 1, price: "1.0" })).json).toMatchObject({
      errorCode: "11",
      errorMessage: "Geçersiz istek: paymentTransactionId",
    });
    expect((await call(sim, "/payment/refund", { paymentTransactionId: "1", price: "1,5", locale: "en" })).json).toMatchObject({
      errorCode: "11",
      errorMessage: "Invalid request: price",
      locale: "en",
    });
    expect((await call(sim, "/payment/bin/check", { binNumber: "12" })).json).toMatchObject({ errorMessage: "Geçersiz istek: binNumber" });
    const auth = { price: "1.0", paidPrice: "1.0", installment: 1, paymentCard: {}, buyer: {}, billingAddress: {}, basketItems: [{}] };
    expect((await call(sim, "/payment/auth", auth)).json).toMatchObject({
      errorCode: "5004",
      errorMessage: "buyer.id gönderilmesi zorunludur",
    });
  });

  it("a body that is not JSON gets 11", async () => {
    const rnd = "1";
    const text = "{not json";
    const response = await fetch(`${sim.url}/payment/refund`, {
      method: "POST",
      headers: {
        authorization: iyzwsV2Header(sim.credentials.apiKey, sim.credentials.secretKey, rnd, "/payment/refund", text),
        "x-iyzi-rnd": rnd,
      },
      body: text,
    });
    expect(await response.json()).toMatchObject({ status: "failure", errorCode: "11", errorMessage: "Geçersiz istek: body" });
  });

  it("auth is checked before the schema", async () => {
    expect((await call(sim, "/payment/refund", {}, { secretKey: "x" })).json).toMatchObject({ errorCode: "1000" });
  });

  it("a path or method the spec does not have is a 404 with iyzico's envelope", async () => {
    const response = await fetch(`${sim.url}/payment/nope`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      status: "failure",
      errorCode: "11",
      errorMessage: "Geçersiz istek: POST /payment/nope bulunamadı",
    });
    expect((await fetch(`${sim.url}/payment/refund`)).status).toBe(404);
    expect(sim.requests.at(-1)).toEqual({ method: "GET", path: "/payment/refund", applied: false, status: 404 });
  });
});
