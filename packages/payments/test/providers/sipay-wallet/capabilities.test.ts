import { describe, expect, it } from "vitest";
import { sipayWalletCapabilities } from "../../../src/providers/sipay-wallet/capabilities.ts";
import { agreesWithTheProvider } from "../../helpers/capabilities.ts";

describe("sipay-wallet capabilities", () => {
  agreesWithTheProvider("sipay-wallet", { transactionId: "1" });

  it("has no cancel and no refunded total, and leaves repeated keys to Sipay", () => {
    expect(sipayWalletCapabilities).toMatchObject({
      cancel: false,
      refundedAmount: false,
      idempotency: "provider",
      unverified: ["retrieve"],
    });
  });
});
