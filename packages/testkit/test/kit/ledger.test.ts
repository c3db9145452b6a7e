import { describe, expect, it } from "vitest";
import { checkRefund, sameBusinessDay } from "../../src/kit/ledger.ts";

describe("checkRefund", () => {
  it("allows up to what is left, and everything left when no amount is given", () => {
    expect(checkRefund(10_000, 2_500, 7_500)).toEqual({ ok: true, left: 7_500, amount: 7_500 });
    expect(checkRefund(10_000, 2_500, undefined)).toEqual({ ok: true, left: 7_500, amount: 7_500 });
    expect(checkRefund(10_000, 0, 1)).toEqual({ ok: true, left: 10_000, amount: 1 });
  });

  it("says exceeds for one kuruş too many, and fully-refunded once nothing is left", () => {
    expect(checkRefund(10_000, 2_500, 7_501)).toEqual({ ok: false, why: "exceeds", left: 7_500 });
    expect(checkRefund(10_000, 10_000, 1)).toEqual({ ok: false, why: "fully-refunded", left: 0 });
    expect(checkRefund(10_000, 10_000, undefined)).toEqual({ ok: false, why: "fully-refunded", left: 0 });
  });
});

describe("sameBusinessDay", () => {
  it("compares Istanbul calendar days, not UTC ones", () => {
    expect(sameBusinessDay(new Date("2024-06-12T06:00:00Z"), new Date("2024-06-12T20:59:59Z"))).toBe(true);
    // 21:00 UTC is already the next day in Istanbul.
    expect(sameBusinessDay(new Date("2024-06-12T06:00:00Z"), new Date("2024-06-12T21:00:00Z"))).toBe(false);
  });
});
