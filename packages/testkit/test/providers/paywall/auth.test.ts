import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startPaywallSimulator, type PaywallSimulator, type SeededPaywallPayment } from "../../../src/providers/paywall/simulator.ts";
import { call, DIRECT_PAYMENT } from "./http.ts";

let sim: PaywallSimulator;
let payment: SeededPaywallPayment;
beforeEach(async () => {
  sim = await startPaywallSimulator();
  payment = sim.seedPayment({ amount: "100.00" });
});
afterEach(() => sim.close());

const refund = () => ({ Date: payment.date, MerchantUniqueCode: payment.merchantUniqueCode });
const AUTH_FAILURE = { ErrorCode: 401, Result: false, Message: expect.stringMatching(/Unauthorized/), Body: null };

describe("Paywall header auth", () => {
  it("a private operation with the private pair passes", async () => {
    const { status, json } = await call(sim, "/api/paywall/private/refund", refund());
    expect(status).toBe(200);
    expect(json).toMatchObject({ ErrorCode: 0, Result: true });
  });

  it("a public operation with the public pair passes", async () => {
    const { json } = await call(sim, "/api/paywall/bin/inquiry", undefined, { headers: { binnumber: "554960" } });
    expect(json).toMatchObject({ ErrorCode: 0, Body: { CardFamily: "Bonus" } });
  });

  it("the public pair on a private operation is refused (x-odeme-auth-set), in Paywall's envelope, HTTP 200", async () => {
    const { status, json, headers } = await call(sim, "/api/paywall/private/refund", refund(), { set: "public" });
    expect(status).toBe(200);
    expect(json).toEqual(AUTH_FAILURE);
    expect(headers.get("x-simulator-reason")).toBe("missing apikeyprivate (private set)");
    expect(sim.ledger.payment(payment.paymentId)?.refunded).toBe(0);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "refund", applied: false, status: 200 });
  });

  it("the private pair on a public operation is refused", async () => {
    const { json } = await call(sim, "/api/paywall/payment/startdirect", DIRECT_PAYMENT("o-1"), { set: "private" });
    expect(json).toEqual(AUTH_FAILURE);
    expect(sim.ledger.byMerchantUniqueCode("o-1")).toBeUndefined();
  });

  it.each([
    ["a wrong apikeyprivate", { apikeyprivate: "nope" }],
    ["a wrong apiclientprivate", { apiclientprivate: "sim-paywall-apiclient-public" }],
    ["a key with one more character", { apikeyprivate: "sim-paywall-apikey-private!" }],
    ["an empty key", { apikeyprivate: "" }],
  ])("%s is refused and nothing is applied", async (_name, headers) => {
    const { json } = await call(sim, "/api/paywall/private/refund", refund(), { headers });
    expect(json).toEqual(AUTH_FAILURE);
    expect(sim.ledger.payment(payment.paymentId)?.activities).toHaveLength(1);
  });

  it("no headers at all is refused", async () => {
    const { json } = await call(sim, "/api/paywall/private/query", undefined, {
      set: "none",
      headers: { merchantuniquecode: payment.merchantUniqueCode },
    });
    expect(json.ErrorCode).toBe(401);
  });

  it("custom credentials replace the sandbox ones", async () => {
    const other = await startPaywallSimulator({
      credentials: { apiKeyPublic: "a", apiClientPublic: "b", apiKeyPrivate: "c", apiClientPrivate: "d" },
    });
    try {
      const p = other.seedPayment({ amount: "5.00" });
      const ok = await call(other, "/api/paywall/private/query", undefined, {
        set: "none",
        headers: { apikeyprivate: "c", apiclientprivate: "d", merchantuniquecode: p.merchantUniqueCode },
      });
      expect(ok.json.ErrorCode).toBe(0);
      const sandbox = await call(other, "/api/paywall/private/query", undefined, {
        headers: {
          apikeyprivate: sim.credentials.apiKeyPrivate,
          apiclientprivate: sim.credentials.apiClientPrivate,
          merchantuniquecode: p.merchantUniqueCode,
        },
      });
      expect(sandbox.json.ErrorCode).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe("requests Paywall cannot read", () => {
  it("a body breaking the spec's schema is 2 (unexpected parameters), naming the field", async () => {
    const { json } = await call(sim, "/api/paywall/private/refund/partial", {
      Date: payment.date,
      MerchantUniqueCode: payment.merchantUniqueCode,
    });
    expect(json).toMatchObject({ ErrorCode: 2, Result: false, Message: expect.stringContaining("Amount"), Body: null });
  });

  it("a body that is not JSON is 2", async () => {
    const { json } = await call(sim, "/api/paywall/private/refund", undefined, { method: "POST", raw: "{nope" });
    expect(json).toMatchObject({ ErrorCode: 2, Result: false });
  });

  it("an amount finer than kuruş is 2, never rounded", async () => {
    const { json } = await call(sim, "/api/paywall/private/refund/partial", {
      Date: payment.date,
      MerchantUniqueCode: payment.merchantUniqueCode,
      Amount: 1.005,
    });
    expect(json).toMatchObject({ ErrorCode: 2, Message: expect.stringContaining("Amount") });
    expect(sim.ledger.payment(payment.paymentId)?.refunded).toBe(0);
  });

  it("a missing inquiry header is 2", async () => {
    const { json } = await call(sim, "/api/paywall/private/query/by/paymentid");
    expect(json).toMatchObject({ ErrorCode: 2, Message: expect.stringContaining("paymentid") });
  });

  it("an unknown path is Paywall's 404 envelope", async () => {
    const { status, json } = await call(sim, "/api/paywall/private/nothing", {});
    expect(status).toBe(404);
    expect(json).toMatchObject({ ErrorCode: 404, Result: false, Body: null });
  });
});
