import { describe, expect, it } from "vitest";
import { checkRetrieve, checkWrite } from "../../../src/input/index.ts";
import { dineropayInput } from "../../../src/providers/dineropay/input.ts";
import { ways } from "../../helpers/schemas.ts";

const UUID = "0b9c7a52-3f8e-4d1a-9c2b-5e6f7a8b9c0d";

describe("DineroPay input", () => {
  it("names a payment the ways the spec's operations take it", () => {
    expect(dineropayInput.name).toBe("DineroPay");
    expect(ways(dineropayInput, "refund")).toEqual(["{ paymentId }"]);
    expect(ways(dineropayInput, "cancel")).toEqual(["{ paymentId }"]);
    expect(ways(dineropayInput, "retrieve")).toEqual(["{ paymentId }"]);
  });

  it("gets no key of ours and no item refunds", () => {
    expect(dineropayInput.refund.idempotencyKey).toBeUndefined();
    expect(dineropayInput.cancel?.idempotencyKey).toBeUndefined();
    expect(() =>
      checkWrite("refund", { provider: "dineropay", payment: { paymentId: UUID, paymentTransactionId: "2" }, idempotencyKey: "k1" }),
    ).toThrow(expect.objectContaining({ code: "unsupported", field: "payment.paymentTransactionId" }));
  });

  it("takes a UUID payment id, as the spec's payment_id says", () => {
    expect(checkRetrieve({ provider: "dineropay", payment: { paymentId: UUID } })).toEqual({
      provider: "dineropay",
      payment: { paymentId: UUID },
    });
    expect(() => checkRetrieve({ provider: "dineropay", payment: { paymentId: "12345" } })).toThrow(
      expect.objectContaining({ field: "payment.paymentId" }),
    );
  });
});
