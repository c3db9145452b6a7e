import { describe, expect, it } from "vitest";
import { readAmount, seedAmount } from "../../src/kit/amounts.ts";

describe("readAmount", () => {
  it.each([
    ["15.0", 1500],
    ["15.340000", 1534],
    [15.5, 1550],
    ["100", 10_000],
  ])("reads the decimal wire %j as %d kuruş", (value, minor) => {
    expect(readAmount(value, "decimal")).toEqual({ ok: true, minor });
  });

  it.each([
    [undefined, "missing"],
    [null, "missing"],
    ["1.005", "format"],
    ["-1.00", "format"],
    ["1,5", "format"],
    [true, "format"],
    [{ amount: 1 }, "format"],
    ["0.00", "not-positive"],
    [0, "not-positive"],
  ])("rejects the decimal %j as %s, never rounding", (value, problem) => {
    const reading = readAmount(value, "decimal");
    expect(reading.ok).toBe(false);
    expect(reading).toMatchObject({ problem });
  });

  it("accepts zero only when allowed", () => {
    expect(readAmount("0", "decimal", { allowZero: true })).toEqual({ ok: true, minor: 0 });
    expect(readAmount(0, "minor", { allowZero: true })).toEqual({ ok: true, minor: 0 });
  });

  it("reads the minor wire as integer kuruş only", () => {
    expect(readAmount(150_000, "minor")).toEqual({ ok: true, minor: 150_000 });
    expect(readAmount(15.5, "minor")).toMatchObject({ ok: false, problem: "format" });
    expect(readAmount("1500", "minor")).toMatchObject({ ok: false, problem: "format" });
    expect(readAmount(-5, "minor")).toMatchObject({ ok: false, problem: "not-positive" });
  });
});

describe("seedAmount", () => {
  it("returns kuruş, or a RangeError naming what was seeded", () => {
    expect(seedAmount("49.90", "seedPayment: amount")).toBe(4990);
    expect(() => seedAmount("1.005", "seedPayment: amount")).toThrow(
      /^seedPayment: amount: "1\.005" has more than 2 significant decimals$/,
    );
    expect(() => seedAmount("0", "seedPayment: amount")).toThrow(RangeError);
    expect(seedAmount("0", "seedWallet: balance", "decimal", { allowZero: true })).toBe(0);
    expect(() => seedAmount(15.5, "seedIntent: amount", "minor")).toThrow(
      "seedIntent: amount must be a positive integer number of kuruş, got 15.5",
    );
  });
});
