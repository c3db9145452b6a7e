import { describe, expect, it } from "vitest";
import { parseMoney } from "../../../src/index.ts";
import { checkWrite } from "../../../src/input/index.ts";
import { parolapayInput } from "../../../src/providers/parolapay/input.ts";
import { ways } from "../../helpers/schemas.ts";

describe("Parolapay input", () => {
  it("names a payment the ways the spec's operations take it", () => {
    expect(parolapayInput.name).toBe("Parolapay");
    expect(ways(parolapayInput, "refund")).toEqual(["{ intentId }"]);
    expect(ways(parolapayInput, "cancel")).toEqual(["{ intentId }"]);
    expect(ways(parolapayInput, "retrieve")).toEqual(["{ intentId }"]);
  });

  it("sends the key of ours as merchant_ref, on refunds and cancels", () => {
    expect(parolapayInput.refund.idempotencyKey).toBeDefined();
    expect(parolapayInput.cancel?.idempotencyKey).toBeDefined();
  });

  it("passes a refund on as checked", () => {
    const input = {
      provider: "parolapay",
      payment: { intentId: "pi_f6c993ad890e49d4859c8c17" },
      idempotencyKey: "k1",
      amount: parseMoney("1.50", "TRY"),
      description: "iade",
    };
    expect(checkWrite("refund", input)).toEqual(input);
  });
});
