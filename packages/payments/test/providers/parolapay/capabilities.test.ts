import { describe, expect, it } from "vitest";
import { parolapayCapabilities } from "../../../src/providers/parolapay/capabilities.ts";
import { agreesWithTheProvider } from "../../helpers/capabilities.ts";

describe("parolapay capabilities", () => {
  agreesWithTheProvider("parolapay", { intentId: "pi_f6c993ad890e49d4859c8c17" });

  it("marks everything but the documented refund request as unverified", () => {
    expect(parolapayCapabilities.unverified).toEqual([
      "repeatedRefund",
      "cancel",
      "retrieve",
      "refundedAmount",
      "lookupByMerchantReference",
      "asyncRefund",
    ]);
    expect(parolapayCapabilities.partialRefund).toBe(true);
  });
});
