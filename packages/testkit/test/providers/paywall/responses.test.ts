/**
 * Every answer the Paywall simulator gives must validate against the spec's 200 schema, and every
 * error code it uses must be either a key of the spec's x-odeme-errors (with the unified code the
 * simulator means) or marked as not in the spec.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isObject, loadSpec } from "../../../src/spec.ts";
import { createSpecValidator } from "../../../src/validate.ts";
import { PAYWALL_ERRORS } from "../../../src/providers/paywall/errors.ts";
import { startPaywallSimulator, type PaywallSimulator } from "../../../src/providers/paywall/simulator.ts";
import { call, DIRECT_PAYMENT } from "./http.ts";

const spec = loadSpec("paywall");
const validator = createSpecValidator(spec);

let sim: PaywallSimulator;
beforeAll(async () => {
  sim = await startPaywallSimulator({ now: new Date("2024-06-12T07:00:00Z") });
});
afterAll(() => sim.close());

describe("responses conform to specs/paywall.yaml", () => {
  it("covers every operation of the spec, successes and failures", async () => {
    const a = sim.seedPayment({ amount: "100.00" });
    const b = sim.seedPayment({ amount: "50.00" });
    const c = sim.seedPayment({ amount: "20.00" });
    const P = "/api/paywall/private";
    const threeD = DIRECT_PAYMENT("o-3d", 10);
    const cases: [string, object | undefined, Record<string, string>?][] = [
      [`${P}/refund/partial`, { Date: a.date, MerchantUniqueCode: a.merchantUniqueCode, Amount: 10 }],
      [`${P}/refund/partial/by/paymentid`, { Date: a.date, PaymentId: a.paymentId, Amount: 10 }],
      [`${P}/refund/partial/by/uniquecode`, { Date: a.date, UniqueCode: a.uniqueCode, Amount: 1000 }],
      [`${P}/refund/by/uniquecode`, { Date: a.date, UniqueCode: a.uniqueCode, CompletePartialRefund: true }],
      [`${P}/refund`, { Date: b.date, MerchantUniqueCode: b.merchantUniqueCode }],
      [`${P}/refund`, { Date: b.date, MerchantUniqueCode: "unknown" }],
      [`${P}/cancel`, { Date: c.date, MerchantUniqueCode: c.merchantUniqueCode }],
      [`${P}/cancel/by/uniqueCode`, { Date: c.date, UniqueCode: c.uniqueCode }],
      [`${P}/revert`, { MerchantUniqueCode: a.merchantUniqueCode, Amount: 0 }],
      [`${P}/revert/by/paymentid`, { PaymentId: c.paymentId, Amount: 0 }],
      [`${P}/query`, undefined, { merchantuniquecode: a.merchantUniqueCode }],
      [`${P}/query/by/paymentid`, undefined, { paymentid: String(b.paymentId) }],
      [`${P}/query/by/paymentid`, undefined, { paymentid: "7" }],
      ["/api/paywall/payment/startdirect", DIRECT_PAYMENT("o-direct")],
      ["/api/paywall/payment/startdirect", DIRECT_PAYMENT("o-direct")],
      [
        "/api/paywall/payment/start3d",
        {
          ...threeD,
          PaymentDetail: {
            ...threeD.PaymentDetail,
            MerchantSuccessBackUrl: "https://s.example/ok",
            MerchantFailBackUrl: "https://s.example/no",
          },
        },
      ],
      ["/api/paywall/bin/inquiry", undefined, { binnumber: "418342" }],
      ["/api/paywall/installment", undefined, { currencyid: "1", amount: "99.9", binnumber: "418342" }],
    ];
    const seen = new Set<string>();
    for (const [path, body, headers] of cases) {
      const op = spec.operations.find((o) => o.path === path);
      if (!op) throw new Error(`spec has no ${path}`);
      seen.add(op.operationId);
      const { status, json } = await call(sim, path, body, headers ? { headers } : {});
      expect(status, path).toBe(200);
      expect(validator.response(op, json as never), `${path} -> ${JSON.stringify(json)}`).toBeUndefined();
    }
    expect([...seen].sort()).toEqual(spec.operations.map((o) => o.operationId).sort());
  });

  it("auth and schema failures validate too", async () => {
    const op = spec.operations.find((o) => o.operationId === "refund");
    if (!op) throw new Error("no refund");
    for (const answer of [
      await call(sim, "/api/paywall/private/refund", { Date: "2024-06-12", MerchantUniqueCode: "x" }, { set: "public" }),
      await call(sim, "/api/paywall/private/refund", { Date: "not a date" }),
    ]) {
      expect(validator.response(op, answer.json as never)).toBeUndefined();
    }
  });

  it("every error code the simulator uses is in the spec's x-odeme-errors with the intended unified code, or marked as not", () => {
    const global = spec.document["x-odeme-errors"];
    const table = isObject(global) ? global : {};
    const refundOp = spec.operations.find((o) => o.operationId === "refund");
    const override = isObject(refundOp?.raw["x-odeme-errors"]) ? refundOp.raw["x-odeme-errors"] : {};
    for (const [key, entry] of Object.entries(PAYWALL_ERRORS)) {
      const mapped = override[String(entry.code)] ?? table[String(entry.code)];
      expect(mapped, key).toBe(entry.unified);
    }
  });
});
