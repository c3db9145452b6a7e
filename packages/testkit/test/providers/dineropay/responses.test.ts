/** Every answer the DineroPay simulator gives validates against the spec: 200s and 400s alike. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, isObject, type JsonObject } from "../../../src/spec.ts";
import { createSpecValidator } from "../../../src/validate.ts";
import { startDineroPaySimulator, type DineroPaySimulator } from "../../../src/providers/dineropay/simulator.ts";
import { call } from "./sign.ts";

const spec = loadSpec("dineropay");
const validator = createSpecValidator(spec);
const badRequest = (() => {
  const schemas = isObject(spec.document.components) ? spec.document.components.schemas : undefined;
  const schema = isObject(schemas) ? schemas.ErrorResponse : undefined;
  if (!isObject(schema)) throw new Error("spec has no ErrorResponse");
  return { ...spec.operations[0]!, operationId: "ErrorResponse", responseSchema: schema as JsonObject };
})();

let sim: DineroPaySimulator;
beforeAll(async () => {
  sim = await startDineroPaySimulator();
});
afterAll(() => sim.close());

describe("responses conform to specs/dineropay.yaml", () => {
  it("covers every operation, successes (200 schema) and failures (ErrorResponse)", async () => {
    const a = sim.seedPayment({ amount: "100.00", orderNumber: "o-a" });
    const b = sim.seedPayment({ amount: "10.00" });
    const r = sim.seedPayment({ amount: "5.00", recurring: true });
    const cases: [string, Record<string, unknown>, object?][] = [
      [
        "/api/v1/session",
        {
          operation: "purchase",
          success_url: "https://s.example/ok",
          order: { number: "o-s", amount: "1.00", currency: "TRY", description: "Desc" },
        },
      ],
      ["/api/v1/payment/status", { payment_id: a.paymentId }],
      ["/api/v1/payment/status", { order_id: "o-a" }],
      ["/api/v1/payment/status", { order_id: "none" }],
      ["/api/v1/payment/refund", { payment_id: a.paymentId, amount: "10.00" }],
      ["/api/v1/payment/refund", { payment_id: a.paymentId, amount: "1000.00" }],
      ["/api/v1/payment/void", { payment_id: b.paymentId }],
      ["/api/v1/payment/void", { payment_id: b.paymentId }],
      [
        "/api/v1/payment/recurring",
        {
          recurring_init_trans_id: r.paymentId,
          recurring_token: r.recurringToken,
          order: { number: "o-r", amount: "5.00", description: "Monthly" },
        },
      ],
      ["/api/v1/payment/status", { payment_id: a.paymentId }, { password: "wrong" }],
    ];
    const seen = new Set<string>();
    for (const [path, body, options] of cases) {
      const op = spec.operations.find((o) => o.path === path);
      if (!op) throw new Error(`spec has no ${path}`);
      seen.add(op.operationId);
      const { status, json } = await call(sim, path, body, options);
      const against = status === 200 ? op : badRequest;
      expect([200, 400], path).toContain(status);
      expect(validator.response(against, json), `${path} -> ${JSON.stringify(json)}`).toBeUndefined();
    }
    sim.settleRefunds();
    const settled = await call(sim, "/api/v1/payment/status", { payment_id: a.paymentId });
    expect(validator.response(spec.operations.find((o) => o.operationId === "getPaymentStatus")!, settled.json)).toBeUndefined();
    expect([...seen].sort()).toEqual(spec.operations.map((o) => o.operationId).sort());
  });
});
