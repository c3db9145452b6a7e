import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dineroPayHash, hashFieldValue, hashMatches } from "../../../src/providers/dineropay/auth.ts";
import {
  startDineroPaySimulator,
  type DineroPaySimulator,
  type SeededDineroPayPayment,
} from "../../../src/providers/dineropay/simulator.ts";
import { call, fieldError, signature, status } from "./sign.ts";

const ID = "63c781cc-de3d-11eb-a1f1-0242ac130006";

describe('Akurateco hash (providers.md §4 vectors, PASSWORD = "PASSWORD")', () => {
  it.each([
    ["refund(payment_id, 0.10)", [ID, "0.10"], "01470c7eb9e5bc5e22870e0ec03a4813176f510c"],
    [
      "session(order-1234, 0.19, USD, Important gift)",
      ["order-1234", "0.19", "USD", "Important gift"],
      "a66e63add2a347a9e747262d8adf40aa0dc6e397",
    ],
    ["status/void(payment_id)", [ID], "2761f9f103e6a8d5546d7255c5f41c9dab3bd4b7"],
  ])("%s", (_name, fields, expected) => {
    expect(dineroPayHash(fields, "PASSWORD")).toBe(expected);
    expect(signature(fields, "PASSWORD")).toBe(expected);
  });

  it("uppercases ASCII only (PHP strtoupper), so non-ASCII text hashes as sent", () => {
    // JavaScript's toUpperCase would turn "ı" into "I" and "ş" into "Ş"; strtoupper leaves them.
    expect(dineroPayHash(["kış"], "p")).toBe(signatureOfExact("KışP"));
    expect(dineroPayHash(["kış"], "p")).not.toBe(signature(["kış"], "p"));
  });

  it("reads dotted fields; absent ones are empty", () => {
    const body = { order: { number: "n", amount: "1.00" }, payment_id: ID };
    expect(hashFieldValue(body, "order.amount")).toBe("1.00");
    expect(hashFieldValue(body, "order.currency")).toBe("");
    expect(hashFieldValue(body, "order_id")).toBe("");
  });

  it("compares lowercase 40-hex only", () => {
    const h = dineroPayHash([ID], "PASSWORD");
    expect(hashMatches(h, h)).toBe(true);
    expect(hashMatches(h.toUpperCase(), h)).toBe(false);
    expect(hashMatches(h.slice(1), h)).toBe(false);
    expect(hashMatches(undefined, h)).toBe(false);
  });
});

function signatureOfExact(upper: string): string {
  return createHash("sha1").update(createHash("md5").update(upper).digest("hex")).digest("hex");
}

describe("over HTTP", () => {
  let sim: DineroPaySimulator;
  let p: SeededDineroPayPayment;
  beforeEach(async () => {
    sim = await startDineroPaySimulator();
    p = sim.seedPayment({ amount: "100.00" });
  });
  afterEach(() => sim.close());

  it("a correctly signed request passes", async () => {
    const { status: code, json } = await status(sim, p.paymentId);
    expect(code).toBe(200);
    expect(json).toMatchObject({ payment_id: p.paymentId, status: "settled" });
  });

  it("a wrong password is HTTP 400 hash: Hash is not valid.", async () => {
    const { status: code, json, headers } = await call(sim, "/api/v1/payment/status", { payment_id: p.paymentId }, { password: "wrong" });
    expect(code).toBe(400);
    expect(json).toEqual(fieldError("hash", "Hash is not valid."));
    expect(headers.get("x-simulator-reason")).toBe("hash mismatch");
  });

  it("an unknown merchant_key is the same 400", async () => {
    const {
      status: code,
      json,
      headers,
    } = await call(sim, "/api/v1/payment/status", { payment_id: p.paymentId }, { merchantKey: "someone-else" });
    expect(code).toBe(400);
    expect(json).toEqual(fieldError("hash", "Hash is not valid."));
    expect(headers.get("x-simulator-reason")).toBe("unknown merchant_key");
  });

  it("a body changed after signing fails and changes nothing (refund amount raised)", async () => {
    const { status: code } = await call(
      sim,
      "/api/v1/payment/refund",
      { payment_id: p.paymentId, amount: "1.00" },
      { tamper: (b) => ({ ...b, amount: "100.00" }) },
    );
    expect(code).toBe(400);
    expect(sim.ledger.refunds).toHaveLength(0);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "refund", applied: false, status: 400 });
  });

  it("a missing hash fails", async () => {
    const { json } = await call(sim, "/api/v1/payment/void", { payment_id: p.paymentId }, { tamper: ({ hash: _, ...rest }) => rest });
    expect(json).toEqual(fieldError("hash", "Hash is not valid."));
  });

  it("an uppercase hex hash is not accepted", async () => {
    const { status: code } = await call(
      sim,
      "/api/v1/payment/status",
      { payment_id: p.paymentId },
      { tamper: (b) => ({ ...b, hash: String(b.hash).toUpperCase() }) },
    );
    expect(code).toBe(400);
  });

  it('a full refund (no amount) is signed over payment_id + "" + password', async () => {
    const { status: code, json } = await call(sim, "/api/v1/payment/refund", { payment_id: p.paymentId });
    expect(code).toBe(200);
    expect(json).toEqual({ payment_id: p.paymentId, result: "accepted" });
  });

  it("a body that is not JSON is a 400 on body", async () => {
    const { status: code, json } = await call(sim, "/api/v1/payment/status", {}, { raw: "{nope" });
    expect(code).toBe(400);
    expect(json.errors[0].error_message).toMatch(/^body: /);
  });

  it("custom credentials replace the sandbox ones", async () => {
    const other = await startDineroPaySimulator({ credentials: { merchantKey: "k", password: "pw" } });
    try {
      const q = other.seedPayment({ amount: "1.00" });
      expect((await status(other, q.paymentId)).status).toBe(200);
      expect(
        (await call(other, "/api/v1/payment/status", { payment_id: q.paymentId }, { merchantKey: "k", password: sim.credentials.password }))
          .status,
      ).toBe(400);
    } finally {
      await other.close();
    }
  });
});
