import { describe, expect, it } from "vitest";
import { paywallCapabilities } from "../../../src/providers/paywall/capabilities.ts";
import { agreesWithTheProvider } from "../../helpers/capabilities.ts";

describe("paywall capabilities", () => {
  agreesWithTheProvider("paywall", { merchantUniqueCode: "o-1", date: "2024-02-01" });

  it("cannot find a write by its key, and rests its refunded total on an inferred field", () => {
    expect(paywallCapabilities).toMatchObject({
      lookupByMerchantReference: false,
      asyncRefund: false,
      unverified: ["repeatedRefund", "refundedAmount"],
    });
  });
});
