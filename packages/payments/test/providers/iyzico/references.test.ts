import type { RetrieveReportingPaymentDetailResponse } from "@odeme/iyzico";
import { describe, expect, it } from "vitest";
import { parseMoney } from "../../../src/index.ts";
import { readReport, refundedTotal, snapshotOf, succeeded, unchanged } from "../../../src/providers/iyzico/references.ts";

const TRY = (s: string) => parseMoney(s, "TRY");

/** A reporting detail as iyzipay-java's ReportingPaymentDetail models it: two items, one refund each (one failed), one cancel list. */
function report(over: { refunds?: boolean; cancels?: unknown[] } = {}): RetrieveReportingPaymentDetailResponse {
  const refunds = over.refunds ?? true;
  return {
    status: "success",
    payments: [
      {
        paymentId: 25180001,
        currency: "TRY",
        paidPrice: 100,
        itemTransactions: [
          {
            paymentTransactionId: 901,
            paidPrice: 60,
            ...(refunds
              ? { refunds: [{ refundTxId: 1, refundConversationId: "key-1", refundPrice: 10, createdDate: "2024-06-12 10:00:00" }] }
              : {}),
          },
          {
            paymentTransactionId: 902,
            paidPrice: 40,
            refunds: [{ refundTxId: 2, refundConversationId: "key-2", refundPrice: 5, errorCode: "10", errorMessage: "declined" }],
          },
        ],
        cancels: (over.cancels ?? []) as never,
      },
    ],
  } as RetrieveReportingPaymentDetailResponse;
}

describe("iyzico's reporting detail", () => {
  it("reads every item's refunds with their conversation id, failed ones marked", () => {
    const d = readReport("25180001", report());
    expect(d.paid).toEqual(TRY("100"));
    expect(d.items.map((i) => [i.paymentTransactionId, i.paid])).toEqual([
      ["901", TRY("60")],
      ["902", TRY("40")],
    ]);
    expect(d.refunds).toEqual([
      { id: "1", amount: TRY("10"), reference: "key-1", paymentTransactionId: "901", createdAt: "2024-06-12 10:00:00" },
      { id: "2", amount: TRY("5"), reference: "key-2", failed: "10: declined", paymentTransactionId: "902" },
    ]);
    expect(succeeded(d.refunds).map((r) => r.id)).toEqual(["1"]);
    expect(refundedTotal(d.refunds, d.currency)).toEqual(TRY("10"));
  });

  it("reads a cancel by its cancelConversationId", () => {
    const d = readReport("25180001", report({ cancels: [{ refundId: 77, cancelConversationId: "key-c", refundPrice: 100 }] }));
    expect(d.cancels).toEqual([{ id: "77", amount: TRY("100"), reference: "key-c" }]);
  });

  it("has no refund list when an item came without one: nothing is then claimed about the refunded total", () => {
    const d = readReport("25180001", report({ refunds: false }));
    expect(d.refunds).toBeUndefined();
    expect(snapshotOf(d)).toEqual({ paymentId: "25180001", refunded: null, fingerprint: null });
    expect(unchanged(snapshotOf(d), d)).toBe(false);
  });

  it("calls a payment unchanged only when every listed entry and the refunded total are as planned", () => {
    const before = snapshotOf(readReport("25180001", report()));
    expect(unchanged(before, readReport("25180001", report()))).toBe(true);
    const cancelled = readReport(
      "25180001",
      report({ cancels: [{ refundId: 77, cancelConversationId: "other", refundPrice: 100, errorCode: "5" }] }),
    );
    // Even a failed cancel is a change: the fingerprint lists it.
    expect(unchanged(before, cancelled)).toBe(false);
  });

  it("refuses a detail that does not list the payment, or lists a refund without its amount", () => {
    expect(() => readReport("1", report())).toThrow(expect.objectContaining({ code: "malformed_response" }));
    const bad = report();
    delete (bad.payments![0]!.itemTransactions![0]!.refunds![0] as { refundPrice?: number }).refundPrice;
    expect(() => readReport("25180001", bad)).toThrow(/itemTransactions\[0\]\.refunds\[0\] has no refundPrice/);
  });
});
