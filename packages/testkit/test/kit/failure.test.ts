import { describe, expect, it } from "vitest";
import { failureOf, ProviderFailure, withDetail } from "../../src/kit/failure.ts";

const TABLE = { paymentNotFound: { code: 56 }, refundExceeds: { code: 373 } } as const;

describe("ProviderFailure", () => {
  it("carries the table key, the detail and the field at fault", () => {
    const failure = new ProviderFailure("amountNotPositive", "0.00", { field: "order.amount" });
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ name: "ProviderFailure", key: "amountNotPositive", detail: "0.00", field: "order.amount" });
    expect(failure.message).toBe("order.amount: amountNotPositive (0.00)");
    expect(new ProviderFailure("alreadyCancelled").field).toBeUndefined();
  });

  it("failureOf builds failures for one provider's table", () => {
    const fail = failureOf(TABLE);
    const failure = fail("paymentNotFound", "PaymentId 480001");
    expect(failure).toBeInstanceOf(ProviderFailure);
    expect(failure.key).toBe("paymentNotFound");
    // @ts-expect-error: a key the table does not have does not compile.
    fail("nope");
  });
});

describe("withDetail", () => {
  it("appends the detail in the provider's style, or leaves the message alone", () => {
    expect(withDetail("Payment not found", "42", "colon")).toBe("Payment not found: 42");
    expect(withDetail("Payment not found", "42", "parens")).toBe("Payment not found (42)");
    expect(withDetail("Only a settled payment can be voided.", "Its status is void.", "space")).toBe(
      "Only a settled payment can be voided. Its status is void.",
    );
    expect(withDetail("Payment not found", undefined, "colon")).toBe("Payment not found");
    expect(withDetail("Payment not found", "", "parens")).toBe("Payment not found");
  });
});
