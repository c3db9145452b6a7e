import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startPaywallSimulator, type PaywallSimulator, type SeededPaywallPayment } from "../../../src/providers/paywall/simulator.ts";
import { call, pairHeaders } from "./http.ts";

let sim: PaywallSimulator;
let p: SeededPaywallPayment;
beforeEach(async () => {
  sim = await startPaywallSimulator();
  p = sim.seedPayment({ amount: "100.00" });
});
afterEach(() => sim.close());

const PATH = "/api/paywall/private/refund/partial";
const send = () =>
  fetch(`${sim.url}${PATH}`, {
    method: "POST",
    headers: { ...pairHeaders(sim, "private"), "content-type": "application/json" },
    body: JSON.stringify({ Date: p.date, MerchantUniqueCode: p.merchantUniqueCode, Amount: 5 }),
  });
const refunded = () => sim.ledger.payment(p.paymentId)?.refunded;

describe("faults on a Paywall write", () => {
  it("reset-before: nothing applied", async () => {
    sim.faults.inject({ kind: "reset-before" }, { route: PATH });
    await expect(send()).rejects.toThrow();
    expect(refunded()).toBe(0);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "partialRefund", applied: false, fault: "reset-before" });
  });

  it("reset-after: the refund is in the ledger although the client saw only a dead socket", async () => {
    sim.faults.inject({ kind: "reset-after" }, { route: PATH });
    await expect(send()).rejects.toThrow();
    expect(refunded()).toBe(500);
    expect(sim.requests.at(-1)).toMatchObject({ applied: true, fault: "reset-after" });
  });

  it("http-error 503: an HTML page, nothing applied", async () => {
    sim.faults.inject({ kind: "http-error", status: 503 });
    const response = await send();
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(refunded()).toBe(0);
  });

  it("malformed-json: applied, a 200 that does not parse", async () => {
    sim.faults.inject({ kind: "malformed-json" });
    const text = await (await send()).text();
    expect(text.startsWith('{"ErrorCode":0')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(refunded()).toBe(500);
  });

  it("a second request after a one-time fault is answered normally", async () => {
    sim.faults.inject({ kind: "http-error", status: 502 });
    expect((await send()).status).toBe(502);
    expect((await call(sim, PATH, { Date: p.date, MerchantUniqueCode: p.merchantUniqueCode, Amount: 5 })).json.ErrorCode).toBe(0);
    expect(refunded()).toBe(500);
  });
});
