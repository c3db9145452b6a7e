import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  startDineroPaySimulator,
  type DineroPaySimulator,
  type SeededDineroPayPayment,
} from "../../../src/providers/dineropay/simulator.ts";
import { refund, signature } from "./sign.ts";

let sim: DineroPaySimulator;
let p: SeededDineroPayPayment;
beforeEach(async () => {
  sim = await startDineroPaySimulator({ now: new Date("2024-06-12T07:00:00Z") });
  p = sim.seedPayment({ amount: "100.00" });
});
afterEach(() => sim.close());

const PATH = "/api/v1/payment/refund";
const send = () =>
  fetch(`${sim.url}${PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      payment_id: p.paymentId,
      amount: "5.00",
      merchant_key: sim.credentials.merchantKey,
      hash: signature([p.paymentId, "5.00"], sim.credentials.password),
    }),
  });

describe("faults on a DineroPay refund", () => {
  it("reset-before: no refund queued", async () => {
    sim.faults.inject({ kind: "reset-before" }, { route: PATH });
    await expect(send()).rejects.toThrow();
    expect(sim.ledger.refunds).toHaveLength(0);
  });

  it("reset-after: the refund is queued although the answer was lost, and settles later", async () => {
    sim.faults.inject({ kind: "reset-after" }, { route: PATH });
    await expect(send()).rejects.toThrow();
    expect(sim.ledger.refunds).toEqual([expect.objectContaining({ amount: 500, state: "pending" })]);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "refund", applied: true, fault: "reset-after" });
    sim.settleRefunds();
    expect(sim.ledger.payment(p.paymentId)?.status).toBe("refund");
  });

  it("truncated-json: applied, the body ends early", async () => {
    sim.faults.inject({ kind: "truncated-json" });
    const response = await send();
    await expect(response.text()).rejects.toThrow();
    expect(sim.ledger.refunds).toHaveLength(1);
  });

  it("http-error 500: nothing queued; the next refund goes through", async () => {
    sim.faults.inject({ kind: "http-error", status: 500 });
    expect((await send()).status).toBe(500);
    expect(sim.ledger.refunds).toHaveLength(0);
    expect((await refund(sim, p.paymentId, "5.00")).status).toBe(200);
  });
});
