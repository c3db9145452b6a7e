import { describe, expect, it } from "vitest";
import { dineropayCapabilities } from "../../../src/providers/dineropay/capabilities.ts";
import { agreesWithTheProvider } from "../../helpers/capabilities.ts";

describe("dineropay capabilities", () => {
  agreesWithTheProvider("dineropay", { paymentId: "0b9c7a52-3f8e-4d1a-9c2b-5e6f7a8b9c0d" });

  it("refunds asynchronously and cannot find a write by its key", () => {
    expect(dineropayCapabilities).toMatchObject({
      asyncRefund: true,
      lookupByMerchantReference: false,
      unverified: ["repeatedRefund", "refundedAmount"],
    });
  });
});
