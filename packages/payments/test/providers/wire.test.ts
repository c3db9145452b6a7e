import { describe, expect, it } from "vitest";
import { money, moneyToJSON, parseMoney } from "../../src/index.ts";
import {
  describe as show,
  field,
  planAmount,
  readAmount,
  readCurrency,
  readMinor,
  refString,
  sumMoney,
  toDecimal,
} from "../../src/providers/wire.ts";

const TRY = (s: string) => parseMoney(s, "TRY");

describe("amounts between the model and the wire", () => {
  it("formats the exact decimal a client takes, never through a float", () => {
    expect(toDecimal(TRY("15.50"))).toBe("15.50");
    expect(toDecimal(TRY("100"))).toBe("100.00");
    expect(toDecimal(parseMoney("90071992547409.93", "TRY"))).toBe("90071992547409.93");
  });

  it("reads a response amount from a JSON number or a decimal string, exactly", () => {
    expect(readAmount("iyzico", "retrieve", 15.5, "TRY", "paidPrice")).toEqual(TRY("15.50"));
    expect(readAmount("iyzico", "retrieve", "0.1", "TRY", "paidPrice")).toEqual(TRY("0.10"));
    expect(readAmount("iyzico", "retrieve", null, "TRY", "paidPrice")).toBeUndefined();
  });

  it.each([
    [true, "paidPrice is boolean, not an amount"],
    ["1.001", "paidPrice"],
  ])("calls %j a malformed response", (value, says) => {
    expect(() => readAmount("iyzico", "retrieve", value, "TRY", "paidPrice")).toThrow(
      expect.objectContaining({ code: "malformed_response", outcome: "rejected" }),
    );
    expect(() => readAmount("iyzico", "retrieve", value, "TRY", "paidPrice")).toThrow(says);
  });

  it("reads whole minor units only", () => {
    expect(readMinor("parolapay", "retrieve", 1550, "TRY", "amount")).toEqual(TRY("15.50"));
    for (const bad of [15.5, -1, "1550"])
      expect(() => readMinor("parolapay", "retrieve", bad, "TRY", "amount")).toThrow(/not a whole number of minor units/);
  });

  it("refuses a currency the facade does not handle as unsupported", () => {
    expect(readCurrency("dineropay", "refund", "EUR")).toBe("EUR");
    expect(() => readCurrency("dineropay", "refund", "XYZ")).toThrow(expect.objectContaining({ code: "unsupported" }));
  });

  it("a plan's amount comes back from its JSON, and sums stay exact", () => {
    expect(planAmount({ amount: moneyToJSON(TRY("1.10")) })).toEqual(TRY("1.10"));
    expect(planAmount({})).toBeUndefined();
    expect(sumMoney([TRY("0.10"), TRY("0.20")], "TRY")).toEqual(TRY("0.30"));
    expect(sumMoney([], "TRY")).toEqual(money(0n, "TRY"));
  });
});

describe("references and loose reads", () => {
  it("checks a reference string, naming the field and the shape wanted", () => {
    expect(refString("parolapay", "refund", { intentId: "pi_1" }, "intentId", /^pi_/)).toBe("pi_1");
    expect(() => refString("parolapay", "refund", { intentId: "x" }, "intentId", /^pi_/, "an intent id")).toThrow(
      expect.objectContaining({
        code: "invalid_request",
        field: "payment.intentId",
        message: 'parolapay refund: payment.intentId must be an intent id, got "x".',
      }),
    );
  });

  it("shows a value without ever printing a long one whole", () => {
    expect(show("a".repeat(50))).toBe(`${JSON.stringify("a".repeat(37))}...`);
    expect(show(5n)).toBe("5n");
    expect(show(undefined)).toBe("nothing");
  });

  it("reads a field of anything, undefined for what is not an object", () => {
    expect(field({ status: "FAIL" }, "status")).toBe("FAIL");
    expect(field(null, "status")).toBeUndefined();
    expect(field("text", "length")).toBeUndefined();
  });
});
