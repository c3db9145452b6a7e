import type { QueryPaymentResponse } from "@odeme/paywall";
import { describe, expect, it } from "vitest";
import { parseMoney } from "../../../src/index.ts";
import { describeChange, planSnapshot, readInquiry, readRef, snapshotOf } from "../../../src/providers/paywall/references.ts";

function inquiry(over: Record<string, unknown> = {}): QueryPaymentResponse {
  return {
    ErrorCode: 0,
    Result: true,
    Body: { Paywall: { PaymentAmount: 101.5, CurrencyId: 1, AnySuccessPayment: true, StatusName: "Başarılı", ActivityId: 3, ...over } },
  } as QueryPaymentResponse;
}

describe("how Paywall names a payment", () => {
  it("reads each of the three ways, the date only where the endpoints need it", () => {
    expect(readRef({ merchantUniqueCode: "o-1", date: "2024-02-01" }, "refund", true)).toEqual({
      kind: "merchant",
      merchantUniqueCode: "o-1",
      date: "2024-02-01",
    });
    expect(readRef({ merchantUniqueCode: "o-1" }, "retrieve", false)).toEqual({ kind: "merchant", merchantUniqueCode: "o-1" });
    expect(readRef({ uniqueCode: "u-1", date: "2024-02-01" }, "cancel", true)).toEqual({
      kind: "unique",
      uniqueCode: "u-1",
      date: "2024-02-01",
    });
    expect(readRef({ paymentId: 7 }, "refund", true)).toEqual({ kind: "paymentId", paymentId: 7 });
  });

  it.each([
    [{ merchantUniqueCode: "o-1" }, "payment.date"],
    [{ merchantUniqueCode: "", date: "2024-02-01" }, "payment.merchantUniqueCode"],
    [{ paymentId: 1.5 }, "payment.paymentId"],
    [{}, "payment"],
  ])("refuses %j for a refund, naming %s", (ref, field) => {
    expect(() => readRef(ref, "refund", true)).toThrow(expect.objectContaining({ code: "invalid_request", field, outcome: "not_sent" }));
  });
});

describe("what the inquiry proves", () => {
  it("reads the amount exactly, the currency from CurrencyId, RefundedAmount only when present", () => {
    const q = readInquiry(inquiry(), "retrieve");
    expect(q).toMatchObject({ currency: "TRY", amount: parseMoney("101.50", "TRY"), anyPayment: true, anyRefund: false, activityId: 3 });
    expect(q.refunded).toBeUndefined();
    expect(readInquiry(inquiry({ RefundedAmount: 1.5 }), "retrieve").refunded).toEqual(parseMoney("1.50", "TRY"));
  });

  it("says what changed between two inquiries, and nothing when nothing did", () => {
    const before = snapshotOf(readInquiry(inquiry(), "refund"));
    expect(describeChange(before, snapshotOf(readInquiry(inquiry(), "refund")))).toBeUndefined();
    expect(describeChange(before, snapshotOf(readInquiry(inquiry({ AnySuccessPartialRefund: true, ActivityId: 4 }), "refund")))).toBe(
      "anyPartialRefund false -> true, activityId 3 -> 4",
    );
  });

  it("a plan keeps how the payment was named and the inquiry before, none by uniqueCode", () => {
    const q = readInquiry(inquiry(), "refund");
    expect(planSnapshot({ kind: "paymentId", paymentId: 7 }, q)).toEqual({
      ref: { kind: "paymentId", paymentId: 7 },
      inquiry: snapshotOf(q),
    });
    expect(planSnapshot({ kind: "unique", uniqueCode: "u", date: "2024-02-01" }, undefined).inquiry).toBeNull();
  });

  it("refuses an inquiry without a payment amount", () => {
    expect(() => readInquiry(inquiry({ PaymentAmount: undefined }), "refund")).toThrow(
      expect.objectContaining({ code: "malformed_response" }),
    );
  });
});
