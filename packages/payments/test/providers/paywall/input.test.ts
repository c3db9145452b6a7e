import { describe, expect, it } from "vitest";
import { checkWrite } from "../../../src/input/index.ts";
import { paywallInput } from "../../../src/providers/paywall/input.ts";
import { ways } from "../../helpers/schemas.ts";

describe("Paywall input", () => {
  it("names a payment the ways the spec's operations take it", () => {
    expect(paywallInput.name).toBe("Paywall");
    expect(ways(paywallInput, "refund")).toEqual(["{ merchantUniqueCode, date }", "{ uniqueCode, date }", "{ paymentId }"]);
    expect(ways(paywallInput, "cancel")).toEqual(["{ merchantUniqueCode, date }", "{ uniqueCode, date }", "{ paymentId } (unsupported)"]);
    expect(ways(paywallInput, "retrieve")).toEqual([
      "{ merchantUniqueCode, date? }",
      "{ paymentId }",
      "{ uniqueCode, date } (unsupported)",
    ]);
  });

  it("gets no key of ours (Paywall has no field for one): the facade's own rule checks it", () => {
    expect(paywallInput.refund.idempotencyKey).toBeUndefined();
    expect(paywallInput.refund.unsupportedKeys).toHaveProperty("paymentTransactionId");
  });

  it("refuses a cancel by paymentId as unsupported, before the wire", () => {
    expect(() => checkWrite("cancel", { provider: "paywall", payment: { paymentId: 7 }, idempotencyKey: "k1" })).toThrow(
      expect.objectContaining({ code: "unsupported", field: "payment.paymentId", outcome: "not_sent" }),
    );
  });
});
