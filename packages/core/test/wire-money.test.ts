import { describe, expect, it } from "vitest";
import { formatWireAmount, minorUnits, WireMoneyError, type MoneyWireFormat } from "../src/wire-money.ts";

const IYZICO: MoneyWireFormat = { unit: "major", wire: "string", minFractionDigits: 1, maxFractionDigits: 8 };
const DINEROPAY: MoneyWireFormat = { unit: "major", wire: "string", minFractionDigits: 2, maxFractionDigits: 2 };
const SIPAY: MoneyWireFormat = { unit: "major", wire: "number", maxFractionDigits: 2 };
const MINOR: MoneyWireFormat = { unit: "minor", wire: "number" };

describe("formatWireAmount", () => {
  it.each([
    // iyzipay-node UtilsTest.js formatPrice cases
    [IYZICO, "22", "22.0"],
    [IYZICO, "22.00", "22.0"],
    [IYZICO, "15.340000", "15.34"],
    [IYZICO, 23.12, "23.12"],
    [IYZICO, "15", "15.0"],
    [IYZICO, "0", "0.0"],
    [IYZICO, "007.50", "7.5"],
    [IYZICO, "15.12345678", "15.12345678"],
    [IYZICO, "15.123456780", "15.12345678"],
    // DineroPay: exactly two decimals, hashed as sent
    [DINEROPAY, "0.1", "0.10"],
    [DINEROPAY, "0.19", "0.19"],
    [DINEROPAY, "100", "100.00"],
    [DINEROPAY, "0.100", "0.10"],
    // Sipay / Paywall: a JSON number literal, no padding
    [SIPAY, "10.50", "10.5"],
    [SIPAY, "10.00", "10"],
    // minor units
    [MINOR, 1500, "1500"],
    [MINOR, 0, "0"],
  ] as const)("%j formats %j as %j", (format, input, expected) => {
    expect(formatWireAmount(input, format)).toBe(expected);
  });

  it.each([
    [IYZICO, "15.123456789", /9 decimals; at most 8/],
    [DINEROPAY, "0.105", /3 decimals; at most 2/],
    [SIPAY, "10.001", /at most 2/],
  ] as const)("%j rejects %j instead of rounding", (format, input, message) => {
    expect(() => formatWireAmount(input, format)).toThrow(WireMoneyError);
    expect(() => formatWireAmount(input, format)).toThrow(message);
  });

  it.each(["1e3", "-1", "1,5", "", " 1", "1.", ".5", "+1", "1 000", "abc", "0x10", "١٢"])("rejects the string %j", (input) => {
    expect(() => formatWireAmount(input, IYZICO)).toThrow(WireMoneyError);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 1e21, null, undefined, true, {}, [15]])("rejects the value %j", (input) => {
    expect(() => formatWireAmount(input, IYZICO)).toThrow(WireMoneyError);
  });

  it.each([15.5, -1, "1500", Number.MAX_SAFE_INTEGER + 2, Number.NaN])("minor units reject %j", (input) => {
    expect(() => formatWireAmount(input, MINOR)).toThrow(/minor units/);
  });
});

describe("minorUnits", () => {
  it("accepts a non-negative safe integer", () => {
    expect(minorUnits(1500)).toBe(1500);
  });

  it.each([15.5, -1, Number.NaN, 2 ** 53])("rejects %j", (value) => {
    expect(() => minorUnits(value)).toThrow(RangeError);
  });
});
