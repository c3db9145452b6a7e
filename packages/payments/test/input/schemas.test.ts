import { describe, expect, it } from "vitest";
import { FACADE_KEY, oneWaySchemas } from "../../src/input/schemas.ts";
import { freeText, referenceString } from "../../src/input/rules.ts";

const at = { provider: "dineropay", name: "DineroPay", operation: "refund" } as const;

describe("the idempotency key rule", () => {
  it("takes 1 to 128 visible ASCII characters and nothing else", () => {
    expect(FACADE_KEY(at, "idempotencyKey", "order-42-refund-1")).toBe("order-42-refund-1");
    for (const bad of ["", "order 42", "k".repeat(129), "sipariş", 42]) {
      expect(() => FACADE_KEY(at, "idempotencyKey", bad)).toThrow(
        expect.objectContaining({ code: "invalid_request", field: "idempotencyKey", outcome: "not_sent" }),
      );
    }
  });
});

describe("oneWaySchemas", () => {
  const rule = referenceString("an id", []);
  const description = freeText([]);

  it("names the payment one way for every input, refuses item refunds, and gives a cancel only when asked", () => {
    const withCancel = oneWaySchemas({ name: "Acme", by: "paymentId", rule, refund: { description }, cancel: { description } });
    for (const op of ["refund", "cancel", "retrieve"] as const)
      expect(withCancel[op]?.payment).toEqual([{ by: "paymentId", required: { paymentId: rule } }]);
    expect(withCancel.refund.unsupportedKeys).toEqual({
      paymentTransactionId: expect.stringMatching(/^Acme cannot refund one basket item/),
    });
    expect(withCancel.cancel?.hints).toHaveProperty("amount");
    expect(withCancel.retrieve.hints).toHaveProperty("idempotencyKey");
    expect(oneWaySchemas({ name: "Acme", by: "paymentId", rule, refund: { description } }).cancel).toBeUndefined();
  });
});
