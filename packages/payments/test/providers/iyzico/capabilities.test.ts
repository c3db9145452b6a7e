import { describe, expect, it } from "vitest";
import { iyzicoCapabilities } from "../../../src/providers/iyzico/capabilities.ts";
import { agreesWithTheProvider } from "../../helpers/capabilities.ts";

describe("iyzico capabilities", () => {
  agreesWithTheProvider("iyzico", { paymentId: "1" });

  it("is the one provider that refunds basket items and lists its refunds, with nothing inferred", () => {
    expect(iyzicoCapabilities).toMatchObject({ itemRefund: true, listsRefunds: true, lookupByMerchantReference: true, unverified: [] });
  });
});
