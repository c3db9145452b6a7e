import { describe, expect, it } from "vitest";
import { money, parseMoney, type OdemeError } from "../../src/index.ts";
import { precheckFailed } from "../../src/errors.ts";
import {
  alreadyRefunded,
  leftToRefund,
  paymentDetails,
  refundAmount,
  refundAmounts,
  statusOf,
  type RefundCheck,
} from "../../src/providers/refund.ts";

const TRY = (text: string) => parseMoney(text, "TRY");
const base: RefundCheck = { provider: "iyzico", name: "iyzico", subject: "payment 7", currency: "TRY", paid: TRY("100") };

function refusal(run: () => unknown): OdemeError {
  try {
    run();
  } catch (error) {
    return error as OdemeError;
  }
  throw new Error("expected a refusal");
}

describe("refundAmount", () => {
  it("defaults to all that is left, and to the whole payment when the lookup does not say what was refunded", () => {
    expect(refundAmount({ ...base, refunded: TRY("30") }, undefined)).toEqual(TRY("70"));
    expect(refundAmount(base, undefined)).toEqual(TRY("100"));
    expect(refundAmount({ ...base, refunded: TRY("30") }, TRY("70"))).toEqual(TRY("70"));
  });

  it("checks in a fixed order: currency, cancel, the provider's refusals, nothing left, more than is left", () => {
    const calls: string[] = [];
    const everything: RefundCheck = {
      ...base,
      refunded: TRY("100"),
      cancelled: "was cancelled",
      refusals: [() => (calls.push("refusal"), precheckFailed("iyzico", "refund", "not_found", "provider's own"))],
    };
    expect(refusal(() => refundAmount(everything, parseMoney("1", "USD")))).toMatchObject({
      code: "invalid_request",
      field: "amount",
      outcome: "not_sent",
    });
    expect(refusal(() => refundAmount(everything, TRY("1")))).toMatchObject({ code: "already_cancelled" });
    expect(calls).toEqual([]);
    const { cancelled: _cancelled, ...notCancelled } = everything;
    expect(refusal(() => refundAmount(notCancelled, TRY("1"))).message).toBe("provider's own");
    const { refusals: _refusals, ...noRefusals } = notCancelled;
    expect(refusal(() => refundAmount(noRefusals, TRY("1")))).toMatchObject({ code: "already_refunded" });
    expect(refusal(() => refundAmount({ ...noRefusals, refunded: TRY("99") }, TRY("2")))).toMatchObject({
      code: "amount_exceeds_refundable",
      field: "amount",
    });
  });

  it("words every refusal with the provider's name and what it calls the payment", () => {
    expect(refusal(() => refundAmount(base, parseMoney("1", "USD"))).message).toBe(
      "iyzico refund: amount is in USD but payment 7 is in TRY.",
    );
    expect(refusal(() => refundAmount({ ...base, cancelled: "was voided (status void)" }, undefined)).message).toBe(
      "iyzico refund: payment 7 was voided (status void); there is nothing to refund.",
    );
    expect(refusal(() => refundAmount({ ...base, part: "basket item 9", refunded: TRY("100") }, undefined)).message).toBe(
      "iyzico refund: basket item 9 is already fully refunded.",
    );
    expect(refusal(() => refundAmount({ ...base, refunded: TRY("60") }, TRY("40.01"))).message).toBe(
      "iyzico refund: 40.01 TRY is more than the 40.00 TRY left to refund on payment 7.",
    );
  });

  it("with capAtPaid, caps at the payment's amount first, and at what is left only when the lookup says", () => {
    const capped = { ...base, capAtPaid: true };
    expect(refusal(() => refundAmount(capped, TRY("100.01"))).message).toBe(
      "iyzico refund: 100.01 TRY is more than payment 7's 100.00 TRY.",
    );
    expect(refusal(() => refundAmount({ ...capped, refunded: TRY("60") }, TRY("100.01"))).message).toContain("payment 7's 100.00 TRY");
    expect(refusal(() => refundAmount({ ...capped, refunded: TRY("60") }, TRY("41"))).message).toContain("the 40.00 TRY left to refund");
    // Without a refunded total, the payment's amount is the only cap.
    expect(refundAmount(capped, TRY("100"))).toEqual(TRY("100"));
  });

  it("with refundsUntold (earlier refunds, no total), refuses a refund without an amount, naming amount, after the provider's refusals", () => {
    const untold: RefundCheck = { ...base, refundsUntold: "no refunded_amount in the status" };
    expect(refusal(() => refundAmount(untold, undefined))).toMatchObject({
      code: "invalid_request",
      field: "amount",
      outcome: "not_sent",
      message:
        "iyzico refund: payment 7 already has refunds and iyzico did not report their total (no refunded_amount in the status); pass amount (what is left to refund).",
    });
    expect(refundAmount(untold, TRY("40"))).toEqual(TRY("40"));
    // A known total wins: what is left is known.
    expect(refundAmount({ ...untold, refunded: TRY("60") }, undefined)).toEqual(TRY("40"));
    const refused = precheckFailed("iyzico", "refund", "already_refunded", "provider's own");
    expect(refusal(() => refundAmount({ ...untold, refusals: [() => refused] }, undefined))).toBe(refused);
  });

  it("refuses a payment refunded beyond its amount as already refunded, not as a negative amount", () => {
    expect(refusal(() => refundAmount({ ...base, refunded: TRY("120") }, undefined))).toMatchObject({ code: "already_refunded" });
  });
});

describe("alreadyRefunded", () => {
  it("is the same refusal refundAmount gives", () => {
    expect(alreadyRefunded({ provider: "parolapay", name: "Parolapay", subject: "intent pi_1" })).toMatchObject({
      code: "already_refunded",
      message: "Parolapay refund: intent pi_1 is already fully refunded.",
      outcome: "not_sent",
    });
  });
});

describe("amounts of a PaymentDetails", () => {
  it("leftToRefund never goes below zero", () => {
    expect(leftToRefund(TRY("100"), TRY("30"))).toEqual(TRY("70"));
    expect(leftToRefund(TRY("100"), TRY("130"))).toEqual(money(0n, "TRY"));
  });

  it("refundAmounts takes the refunded total when the lookup gives it, else only what the status proves", () => {
    const zero = money(0n, "TRY");
    const paid = TRY("100");
    expect(refundAmounts("partially_refunded", paid, { refunded: TRY("30"), left: TRY("70"), fullRefundKnown: false })).toEqual({
      refundedAmount: TRY("30"),
      refundableAmount: TRY("70"),
    });
    expect(refundAmounts("succeeded", paid, { refunded: undefined, left: undefined, fullRefundKnown: false })).toEqual({
      refundedAmount: zero,
      refundableAmount: paid,
    });
    expect(refundAmounts("cancelled", paid, { refunded: undefined, left: undefined, fullRefundKnown: false })).toEqual({
      refundableAmount: zero,
    });
    expect(refundAmounts("refunded", paid, { refunded: undefined, left: undefined, fullRefundKnown: true })).toEqual({
      refundedAmount: paid,
      refundableAmount: zero,
    });
    // A word that may mean a partial refund proves nothing about the amounts.
    expect(refundAmounts("refunded", paid, { refunded: undefined, left: undefined, fullRefundKnown: false })).toEqual({});
    expect(refundAmounts("pending", paid, { refunded: undefined, left: undefined, fullRefundKnown: true })).toEqual({});
  });

  it("statusOf maps a known word and takes any other (Object.prototype's names too) as pending", () => {
    const table = { OK: "succeeded" } as const;
    expect(statusOf(table, "OK")).toBe("succeeded");
    expect(statusOf(table, "NEW")).toBe("pending");
    expect(statusOf(table, "toString")).toBe("pending");
  });

  it("paymentDetails leaves out what the lookup did not tell", () => {
    expect(paymentDetails("dineropay", { status: "pending", amount: undefined, refundedAmount: undefined, refunds: undefined })).toEqual({
      provider: "dineropay",
      status: "pending",
    });
    expect(paymentDetails("iyzico", { status: "succeeded", providerStatus: "SUCCESS", amount: TRY("1"), refunds: [] })).toEqual({
      provider: "iyzico",
      status: "succeeded",
      providerStatus: "SUCCESS",
      amount: TRY("1"),
      refunds: [],
    });
  });
});
