import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startIyzicoSimulator, type IyzicoSimulator } from "../../../src/index.ts";
import { responseSignature, signedAmount, signFields, verifyIyzwsV2 } from "../../../src/providers/iyzico/auth.ts";
import { call, iyzwsV2Header } from "./sign.ts";

const SDK_VECTOR =
  "IYZWSv2 YXBpS2V5OmFwaV9rZXkmcmFuZG9tS2V5OnJhbmRvbV9zdHJpbmcmc2lnbmF0dXJlOjAxNzUwODkyMWEyOWVlNTYwMWJjZDFmYmU4M2VmZDJlMmJlNDNhZjAyZWNlZmYzMGNmMmU5MWE1MzlhYWIzNTU=";

describe("IYZWSv2", () => {
  it('the test signer reproduces iyzipay-node\'s vector (body is JSON.stringify("body"))', () => {
    expect(iyzwsV2Header("api_key", "secret_key", "random_string", "uri", JSON.stringify("body"))).toBe(SDK_VECTOR);
  });

  it("the simulator's verifier accepts the SDK vector and rejects one changed byte", () => {
    const secretFor = (key: string) => (key === "api_key" ? "secret_key" : undefined);
    const headers = { authorization: SDK_VECTOR, "x-iyzi-rnd": "random_string" };
    expect(verifyIyzwsV2(headers, "uri", Buffer.from('"body"'), secretFor)).toEqual({ ok: true, apiKey: "api_key" });
    expect(verifyIyzwsV2(headers, "uri", Buffer.from('"bodY"'), secretFor)).toMatchObject({ ok: false, reason: "invalidSignature" });
    expect(verifyIyzwsV2(headers, "urj", Buffer.from('"body"'), secretFor)).toMatchObject({ ok: false, reason: "invalidSignature" });
  });

  describe("over HTTP", () => {
    let sim: IyzicoSimulator;
    let payment: ReturnType<IyzicoSimulator["seedPayment"]>;
    beforeEach(async () => {
      sim = await startIyzicoSimulator();
      payment = sim.seedPayment({ items: [{ id: "A", price: "10.0" }] });
    });
    afterEach(() => sim.close());

    const detail = () => ({ locale: "tr", conversationId: "c-1", paymentId: payment.paymentId });

    it("a valid signature passes", async () => {
      const { status, json } = await call(sim, "/payment/detail", detail());
      expect(status).toBe(200);
      expect(json).toMatchObject({ status: "success", paymentId: payment.paymentId, conversationId: "c-1" });
    });

    it("a wrong secret fails with iyzico's 1000 envelope, HTTP 200", async () => {
      const { status, json } = await call(sim, "/payment/detail", detail(), { secretKey: "not-the-secret" });
      expect(status).toBe(200);
      expect(json).toEqual({
        status: "failure",
        errorCode: "1000",
        errorMessage: "Geçersiz imza",
        locale: "tr",
        systemTime: expect.any(Number),
        conversationId: "c-1",
      });
      expect(sim.requests.at(-1)).toMatchObject({ operationId: "retrievePayment", applied: false, status: 200 });
    });

    it("a body changed after signing fails (signature over the exact bytes received)", async () => {
      // Same JSON value, different bytes: only whitespace added.
      const { json } = await call(sim, "/payment/detail", detail(), { tamper: (b) => b.replace(":", ": ") });
      expect(json).toMatchObject({ status: "failure", errorCode: "1000", errorMessage: "Geçersiz imza" });
    });

    it("an unknown api key fails with 1001", async () => {
      const { json } = await call(sim, "/payment/detail", { ...detail(), locale: "en" }, { apiKey: "live-key" });
      expect(json).toMatchObject({ status: "failure", errorCode: "1001", errorMessage: "api bilgileri bulunamadı", locale: "en" });
    });

    it("a missing Authorization header fails with 1000", async () => {
      const response = await fetch(`${sim.url}/payment/detail`, { method: "POST", body: JSON.stringify(detail()) });
      expect(await response.json()).toMatchObject({ status: "failure", errorCode: "1000" });
    });

    it("an unsigned refund changes nothing in the ledger", async () => {
      const refund = { paymentTransactionId: payment.items[0]?.paymentTransactionId, price: "1.0" };
      await call(sim, "/payment/refund", refund, { secretKey: "wrong" });
      expect(sim.ledger.refunds).toHaveLength(0);
    });

    it("GET /payment/test is signed over rnd + path with nothing appended (iyzipay-php)", async () => {
      const { json } = await call(sim, "/payment/test");
      expect(json).toEqual({ status: "success", locale: "tr", systemTime: expect.any(Number) });
      // iyzipay-node's "{}" form is rejected on purpose (see auth.ts).
      const rnd = "123456789";
      const response = await fetch(`${sim.url}/payment/test`, {
        headers: {
          authorization: iyzwsV2Header(sim.credentials.apiKey, sim.credentials.secretKey, rnd, "/payment/test", "{}"),
          "x-iyzi-rnd": rnd,
        },
      });
      expect(await response.json()).toMatchObject({ status: "failure", errorCode: "1000" });
    });

    it("the query string is not part of the signed path", async () => {
      const rnd = "42";
      const body = JSON.stringify(detail());
      const response = await fetch(`${sim.url}/payment/detail?x=1`, {
        method: "POST",
        headers: {
          authorization: iyzwsV2Header(sim.credentials.apiKey, sim.credentials.secretKey, rnd, "/payment/detail", body),
          "x-iyzi-rnd": rnd,
        },
        body,
      });
      expect(await response.json()).toMatchObject({ status: "success" });
    });

    it("custom credentials replace the sandbox ones", async () => {
      const other = await startIyzicoSimulator({ credentials: { apiKey: "k", secretKey: "s" } });
      try {
        expect((await call(other, "/payment/test")).json.status).toBe("success");
        expect((await call(other, "/payment/test", undefined, { secretKey: "sandbox-sim-secret-key" })).json.errorCode).toBe("1000");
      } finally {
        await other.close();
      }
    });
  });
});

describe("answer signatures", () => {
  it("reproduces the docs' worked example (docs.iyzico.com/en/advanced/response-signature-validation)", () => {
    const body = {
      paymentId: "22416032",
      currency: "TRY",
      basketId: "basketId",
      conversationId: "conversationId",
      paidPrice: 10.5,
      price: 10.5,
    };
    const signature = "836c3a6c8db86c81043f2ca74edb13518b54a813f454f8dd762f0dd658610173";
    expect(
      signFields("sandbox-qaIiLIxhjMgx3LSKIVvp6j17NunHOFtD", body, [
        "paymentId",
        "currency",
        "basketId",
        "conversationId",
        "paidPrice",
        "price",
      ]),
    ).toBe(signature);
  });

  it("reproduces iyzipay-php's callback example (samples/callbackUrl_Signature_Validation.php), empty fields included", () => {
    expect(responseSignature("jLc7GQHD2pyJoqXDeEcTnGHYtP7Ai5jl", ["", "", "1", "22484292", "success"])).toBe(
      "a4f73b80bb32a6ef8358090bbd8609a49a7b53f463048f8ef147496e236d04f0",
    );
  });

  it.each([
    ["10", "10"],
    ["10.0", "10"],
    ["10.5", "10.5"],
    ["10.50", "10.5"],
    ["10.510", "10.51"],
    ["10.51050", "10.5105"],
    [100, "100"],
    [15.5, "15.5"],
  ] as const)("an amount %s is signed as %s (the docs' Trailing Zero list)", (value, signed) => {
    expect(signedAmount(value)).toBe(signed);
  });
});
