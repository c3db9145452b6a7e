import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startIyzicoSimulator, type IyzicoSimulator, type SeededPayment } from "../../../src/index.ts";
import { call, send } from "./sign.ts";

let sim: IyzicoSimulator;
let payment: SeededPayment;
beforeEach(async () => {
  sim = await startIyzicoSimulator();
  payment = sim.seedPayment({ items: [{ id: "a", price: "10.0" }] });
});
afterEach(() => sim.close());

const refundBody = () => ({ conversationId: "f", paymentTransactionId: payment.items[0]?.paymentTransactionId, price: "1.0" });
const refund = (signal?: AbortSignal) => send(sim, "/payment/refund", refundBody(), signal ? { signal } : {});

describe("faults", () => {
  it("reset-before: the socket dies and nothing is applied", async () => {
    sim.faults.inject({ kind: "reset-before" });
    await expect(refund()).rejects.toThrow();
    expect(sim.ledger.refunds).toHaveLength(0);
    expect(sim.requests.at(-1)).toEqual({
      method: "POST",
      path: "/payment/refund",
      operationId: "refund",
      applied: false,
      fault: "reset-before",
    });
  });

  it("reset-after: the refund is in the ledger although the client only saw a socket error", async () => {
    sim.faults.inject({ kind: "reset-after" }, { route: "/payment/refund" });
    await expect(refund()).rejects.toThrow();
    expect(sim.ledger.refunds).toEqual([expect.objectContaining({ amount: 100, conversationId: "f" })]);
    expect(sim.requests.at(-1)).toMatchObject({ applied: true, fault: "reset-after" });
    expect(sim.requests.at(-1)?.status).toBeUndefined();
  });

  it("http-error: an HTML page from the proxy, nothing applied", async () => {
    sim.faults.inject({ kind: "http-error", status: 502 });
    const response = await refund();
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(await response.text()).toBe("<html><body><h1>502 Bad Gateway</h1></body></html>");
    expect(sim.ledger.refunds).toHaveLength(0);
    expect(sim.requests.at(-1)).toMatchObject({ applied: false, fault: "http-error", status: 502 });
  });

  it("malformed-json: applied, then a 200 whose body does not parse", async () => {
    sim.faults.inject({ kind: "malformed-json" });
    const response = await refund();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{"status":"succ')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(sim.ledger.refunds).toHaveLength(1);
  });

  it("truncated-json: applied, then the body ends before its content-length", async () => {
    sim.faults.inject({ kind: "truncated-json" });
    const response = await refund();
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(sim.ledger.refunds).toHaveLength(1);
    expect(sim.requests.at(-1)).toMatchObject({ applied: true, fault: "truncated-json", status: 200 });
  });

  it("slow-body: applied; a client timeout shorter than the stall fires while reading the body", async () => {
    sim.faults.inject({ kind: "slow-body", ms: 5_000 });
    const started = Date.now();
    await expect(refund(AbortSignal.timeout(150)).then((r) => r.text())).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sim.ledger.refunds).toHaveLength(1);
  });

  it("slow-body: a patient client gets the whole, valid body", async () => {
    sim.faults.inject({ kind: "slow-body", ms: 100 });
    const started = Date.now();
    const { json } = await call(sim, "/payment/refund", refundBody());
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(json).toMatchObject({ status: "success", price: 1 });
  });

  it("latency: waits, then answers normally", async () => {
    sim.faults.inject({ kind: "latency", ms: 200 });
    const started = Date.now();
    const { json } = await call(sim, "/payment/test");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(json.status).toBe("success");
    expect(sim.requests.at(-1)).toMatchObject({ fault: "latency", applied: true, status: 200 });
  });

  it("route and times: only matching requests, only that many times, in order; clear() drops the rest", async () => {
    sim.faults.inject({ kind: "http-error", status: 503 }, { route: "/payment/refund", times: 2 });
    expect((await call(sim, "/payment/test")).status).toBe(200);
    expect((await refund()).status).toBe(503);
    expect((await refund()).status).toBe(503);
    expect((await refund()).status).toBe(200);
    sim.faults.inject({ kind: "http-error", status: 500 }, { times: 5 });
    sim.faults.clear();
    expect((await call(sim, "/payment/test")).status).toBe(200);
    expect(sim.ledger.refunds).toHaveLength(1);
  });

  it("close() returns promptly with a slow-body and a latency in flight", async () => {
    sim.faults.inject({ kind: "slow-body", ms: 30_000 }, { route: "/payment/refund" });
    sim.faults.inject({ kind: "latency", ms: 30_000 }, { route: "/payment/test" });
    const slow = refund();
    const response = await slow; // headers and half the body have arrived
    const body = response.text().catch((e: unknown) => e);
    const delayed = call(sim, "/payment/test").catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await sim.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await body).toBeInstanceOf(Error);
    expect(await delayed).toBeInstanceOf(Error);
  });
});
