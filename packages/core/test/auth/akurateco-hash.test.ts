import { describe, expect, it } from "vitest";
import { akuratecoHash } from "../../src/auth/akurateco-hash.ts";

const PAYMENT_ID = "63c781cc-de3d-11eb-a1f1-0242ac130006";

describe("akuratecoHash (DineroPay vectors, providers.md section 4, password PASSWORD)", () => {
  it.each([
    ["refund: payment_id + amount", [PAYMENT_ID, "0.10"], "01470c7eb9e5bc5e22870e0ec03a4813176f510c"],
    [
      "session: order.number + amount + currency + description",
      ["order-1234", "0.19", "USD", "Important gift"],
      "a66e63add2a347a9e747262d8adf40aa0dc6e397",
    ],
    ["status / void: payment_id", [PAYMENT_ID], "2761f9f103e6a8d5546d7255c5f41c9dab3bd4b7"],
  ])("%s", (_op, fields, expected) => {
    expect(akuratecoHash(fields, "PASSWORD")).toBe(expected);
  });

  it("hashes the exact amount string: 0.1 and 0.10 differ", () => {
    expect(akuratecoHash([PAYMENT_ID, "0.1"], "PASSWORD")).not.toBe("01470c7eb9e5bc5e22870e0ec03a4813176f510c");
  });

  it("uppercases ASCII letters only (PHP strtoupper), so case in the inputs does not matter", () => {
    expect(akuratecoHash([PAYMENT_ID.toUpperCase(), "0.10"], "password")).toBe("01470c7eb9e5bc5e22870e0ec03a4813176f510c");
    // Turkish dotless/dotted i are not ASCII: "ı" must not become "I".
    expect(akuratecoHash(["ı"], "")).not.toBe(akuratecoHash(["I"], ""));
  });
});
