/**
 * What iyzico's reporting detail (GET /v2/reporting/payment/details, `retrieveReportingPaymentDetail`;
 * iyzipay-java `ReportingPaymentDetail`) says about a payment's refunds and cancels, and what a
 * plan keeps of it: every refund of every basket item with its `refundConversationId` and every
 * cancel with its `cancelConversationId` (the idempotency key, sent as `conversationId`), failed
 * ones with `errorCode`. A write is found by that reference; "nothing changed" is the fingerprint
 * of every listed entry plus the refunded total, and is never claimed when a list is missing.
 */
import type { RetrieveReportingPaymentDetailResponse } from "@odeme/iyzico";
import type { Currency, Money } from "../../money.ts";
import type { JsonObject } from "../adapter.ts";
import { malformed, readAmount, readCurrency, sumMoney } from "../wire.ts";

type ReportedPayment = NonNullable<RetrieveReportingPaymentDetailResponse["payments"]>[number];
type ReportingRefund = NonNullable<NonNullable<ReportedPayment["itemTransactions"]>[number]["refunds"]>[number];
type ReportingCancel = NonNullable<ReportedPayment["cancels"]>[number];

const P = "iyzico";
const REPORT = "retrieveReportingPaymentDetail";

/** A refund or cancel as listed, failed ones included. */
export interface Listed {
  /** iyzico's id (refundTxId / refundId), for the "nothing changed" fingerprint. */
  id: string;
  amount: Money;
  reference?: string;
  /** "errorCode: errorMessage" when the entry failed. */
  failed?: string;
  paymentTransactionId?: string;
  createdAt?: string;
}

/** What the facade reads from the reporting detail. */
export interface Detail {
  paymentId: string;
  currency: Currency;
  paid: Money;
  items: { paymentTransactionId: string; paid: Money; refunds?: Listed[] }[];
  /** Every item's refunds; undefined when an item came without its `refunds` list. */
  refunds?: Listed[];
  /** Undefined when the payment came without its `cancels` list. */
  cancels?: Listed[];
}

export function succeeded(list: readonly Listed[] | undefined): Listed[] {
  return (list ?? []).filter((r) => r.failed === undefined);
}

export function refundedTotal(list: readonly Listed[] | undefined, currency: Currency): Money | undefined {
  return list === undefined
    ? undefined
    : sumMoney(
        succeeded(list).map((r) => r.amount),
        currency,
      );
}

function refundedMinor(d: Detail): string | null {
  return refundedTotal(d.refunds, d.currency)?.minor.toString() ?? null;
}

/** Every listed refund and cancel by id and state: any change to the payment changes it. */
export function fingerprint(d: Detail): string | null {
  if (d.refunds === undefined || d.cancels === undefined) return null;
  const part = (kind: string, x: Listed) => `${kind}:${x.id}:${x.failed === undefined ? "ok" : "failed"}:${x.amount.minor}`;
  return [...d.refunds.map((r) => part("r", r)), ...d.cancels.map((c) => part("c", c))].sort().join(",");
}

/** What a plan keeps of the reporting detail, for `reconcile`. */
export interface Snapshot {
  paymentId: string;
  /** The refunded total in minor units; null when an item came without its refunds list. */
  refunded: string | null;
  fingerprint: string | null;
}

export function snapshotOf(d: Detail): Snapshot & JsonObject {
  return { paymentId: d.paymentId, refunded: refundedMinor(d), fingerprint: fingerprint(d) };
}

/** Nothing changed since the plan; never true when either read came without its lists. */
export function unchanged(snapshot: Snapshot, d: Detail): boolean {
  return typeof snapshot.fingerprint === "string" && snapshot.fingerprint === fingerprint(d) && snapshot.refunded === refundedMinor(d);
}

export function readReport(paymentId: string, r: RetrieveReportingPaymentDetailResponse): Detail {
  const payment = (r.payments ?? []).find((p) => String(p.paymentId) === paymentId);
  if (payment === undefined) throw malformed(P, REPORT, `the reporting detail lists no payment ${paymentId}`);
  const currency = readCurrency(P, REPORT, payment.currency ?? "TRY");
  const amount = (v: unknown, name: string) => readAmount(P, REPORT, v, currency, name);
  const paid = amount(payment.paidPrice ?? payment.price, "paidPrice");
  if (paid === undefined) throw malformed(P, REPORT, "the payment has no paidPrice");
  // Refunds and cancels share every field the facade reads but their id and reference.
  const listed = (
    x: ReportingRefund | ReportingCancel,
    at: string,
    id: number | string | undefined,
    reference: string | undefined,
    paymentTransactionId?: string,
  ): Listed => {
    const value = amount(x.refundPrice, `${at}.refundPrice`);
    if (value === undefined) throw malformed(P, REPORT, `${at} has no refundPrice`);
    const failed = x.errorCode ?? x.errorGroup;
    return {
      // Without its id an entry still counts in the fingerprint, by position.
      id: id === undefined || id === null ? `${at}` : String(id),
      amount: value,
      ...(typeof reference === "string" ? { reference } : {}),
      ...(failed !== undefined && failed !== null ? { failed: `${String(failed)}: ${String(x.errorMessage ?? "")}` } : {}),
      ...(paymentTransactionId !== undefined ? { paymentTransactionId } : {}),
      ...(typeof x.createdDate === "string" ? { createdAt: x.createdDate } : {}),
    };
  };
  const items = (payment.itemTransactions ?? []).map((item, i) => {
    const id = String(item.paymentTransactionId);
    return {
      paymentTransactionId: id,
      paid: amount(item.paidPrice ?? item.price, `itemTransactions[${i}].paidPrice`) ?? paid,
      ...(Array.isArray(item.refunds)
        ? {
            refunds: item.refunds.map((x, j) =>
              listed(x, `itemTransactions[${i}].refunds[${j}]`, x.refundTxId, x.refundConversationId, id),
            ),
          }
        : {}),
    };
  });
  const allListed = items.length > 0 && items.every((i) => i.refunds !== undefined);
  return {
    paymentId,
    currency,
    paid,
    items,
    ...(allListed ? { refunds: items.flatMap((i) => i.refunds ?? []) } : {}),
    ...(Array.isArray(payment.cancels)
      ? { cancels: payment.cancels.map((x, j) => listed(x, `cancels[${j}]`, x.refundId, x.cancelConversationId)) }
      : {}),
  };
}
