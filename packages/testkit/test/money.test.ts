import { describe, expect, it } from "vitest";
import { allocate, formatMinor, minorToNumber, MoneyFormatError, parseMinor } from "../src/money.ts";

describe("money", () => {
  it.each([
    ["15", 1500],
    ["15.0", 1500],
    ["15.5", 1550],
    ["15.340000", 1534],
    ["0.01", 1],
    ["0", 0],
    ["90071992547409.91", 9007199254740991],
  ])("parseMinor(%s) = %d", (text, minor) => {
    expect(parseMinor(text)).toBe(minor);
  });

  it.each(["1.005", "-1.0", "1,5", "", "1e3", "abc", "90071992547409.92"])("parseMinor rejects %j", (text) => {
    expect(() => parseMinor(text)).toThrow(MoneyFormatError);
  });

  it("formats like iyzico's formatPrice and answers exact JSON numbers", () => {
    expect([1500, 1550, 1534, 1, 0].map((m) => formatMinor(m))).toEqual(["15.0", "15.5", "15.34", "0.01", "0.0"]);
    expect(formatMinor(1500, 0)).toBe("15");
    // 0.1 + 0.2 style drift cannot happen: the number is parsed from the decimal string.
    expect([30, 1550, 10_207].map((m) => minorToNumber(m))).toEqual([0.3, 15.5, 102.07]);
  });

  it("allocate splits exactly, the remainder to the last share", () => {
    expect(allocate(12150, [7500, 4500])).toEqual([7593, 4557]);
    expect(allocate(100, [1, 1, 1])).toEqual([33, 33, 34]);
    expect(allocate(5, [0, 0])).toEqual([0, 5]);
  });
});
