import { describe, expect, it } from "vitest";
import { checkWrite } from "../../../src/input/index.ts";
import { sipayWalletInput } from "../../../src/providers/sipay-wallet/input.ts";
import { ways } from "../../helpers/schemas.ts";

describe("Sipay Wallet input", () => {
  it("names a payment the ways the spec's operations take it", () => {
    expect(sipayWalletInput.name).toBe("Sipay Wallet");
    expect(ways(sipayWalletInput, "refund")).toEqual(["{ transactionId }"]);
    expect(ways(sipayWalletInput, "cancel")).toBeUndefined();
    expect(ways(sipayWalletInput, "retrieve")).toEqual(["{ transactionId }"]);
  });

  it("has no cancel: a cancel is refused as unsupported, before the wire", () => {
    expect(() => checkWrite("cancel", { provider: "sipay-wallet", payment: { transactionId: "1" }, idempotencyKey: "k1" })).toThrow(
      expect.objectContaining({ code: "unsupported", outcome: "not_sent" }),
    );
  });

  it("sends the key of ours as ext_transaction_id, checked against that field", () => {
    expect(sipayWalletInput.refund.idempotencyKey).toBeDefined();
  });
});
