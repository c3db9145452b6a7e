/**
 * How Paywall names a payment and what its inquiry can prove. A payment is named three ways
 * (`Ref`), each reaching its own endpoints; no request or answer names a refund or cancel, so a
 * plan keeps the whole inquiry (`Snapshot`) and a lost answer is judged only by comparing it with
 * the inquiry after (see adapter.ts).
 */
import type { QueryPaymentResponse } from "@odeme/paywall";
import { OdemeError } from "@odeme/core";
import { invalidRequest } from "../../errors.ts";
import type { Currency, Money } from "../../money.ts";
import type { JsonObject } from "../adapter.ts";
import { describe, readAmount, readCurrency } from "../wire.ts";

const P = "paywall";

/** Paywall's CurrencyId (SDK IRequestParams.cs). */
const CURRENCY_IDS: Record<number, string> = { 1: "TRY", 2: "USD", 3: "EUR", 4: "BAM", 5: "MKD", 6: "ALL", 7: "GBP" };

export type Ref =
  | { kind: "merchant"; merchantUniqueCode: string; date?: string }
  | { kind: "unique"; uniqueCode: string; date: string }
  | { kind: "paymentId"; paymentId: number };

export interface Inquiry {
  currency: Currency;
  amount: Money;
  anyRefund: boolean;
  anyPartialRefund: boolean;
  anyCancel: boolean;
  anyPayment: boolean;
  statusName: string;
  statusId: number | null;
  typeId: number | null;
  activityId: number | null;
  /** ActivityAmount and LastActivityDateTime as sent: the last activity. */
  activityAmount: string | null;
  lastActivityAt: string | null;
  /** Body.Paywall.RefundedAmount when the inquiry carries it (an inferred field); else undefined. */
  refunded?: Money;
}

/** Everything of the inquiry a refund or cancel could change, exactly (amounts in minor units). */
export interface Snapshot {
  anyRefund: boolean;
  anyPartialRefund: boolean;
  anyCancel: boolean;
  activityId: number | null;
  activityAmount: string | null;
  lastActivityAt: string | null;
  statusId: number | null;
  statusName: string;
  typeId: number | null;
  refundedMinor: string | null;
}

export function snapshotOf(q: Inquiry): Snapshot {
  return {
    anyRefund: q.anyRefund,
    anyPartialRefund: q.anyPartialRefund,
    anyCancel: q.anyCancel,
    activityId: q.activityId,
    activityAmount: q.activityAmount,
    lastActivityAt: q.lastActivityAt,
    statusId: q.statusId,
    statusName: q.statusName,
    typeId: q.typeId,
    refundedMinor: q.refunded === undefined ? null : q.refunded.minor.toString(),
  };
}

/** What differs, for the outcome_unknown message; undefined when nothing does. */
export function describeChange(before: Snapshot, now: Snapshot): string | undefined {
  const names = Object.keys(now) as (keyof Snapshot)[];
  // A field the plan did not record (a snapshot from an older version) counts as changed.
  const parts = names
    .filter((k) => before[k] !== now[k])
    .map((k) => `${k} ${JSON.stringify(before[k] ?? null)} -> ${JSON.stringify(now[k])}`);
  return parts.length === 0 ? undefined : parts.join(", ");
}

/** What a plan keeps: how the payment was named, and the inquiry before the write (none by uniqueCode). */
export interface PlanSnapshot {
  ref: Ref;
  inquiry: Snapshot | null;
}

export function planSnapshot(ref: Ref, q: Inquiry | undefined): PlanSnapshot & JsonObject {
  return { ref: { ...ref }, inquiry: q === undefined ? null : { ...snapshotOf(q) } };
}

export function readRef(ref: unknown, operation: string, needDate: boolean): Ref {
  const r = (ref ?? {}) as Record<string, unknown>;
  const date = r.date;
  const checkDate = (): string => {
    if (typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
    throw invalidRequest(
      P,
      operation,
      "payment.date",
      `Paywall ${operation}: payment.date must be the payment's date as "yyyy-MM-dd", got ${describe(date)}.`,
    );
  };
  if (r.merchantUniqueCode !== undefined) {
    const code = r.merchantUniqueCode;
    if (typeof code !== "string" || code === "" || code.length > 250) {
      throw invalidRequest(
        P,
        operation,
        "payment.merchantUniqueCode",
        `Paywall ${operation}: payment.merchantUniqueCode must be 1 to 250 characters, got ${describe(code)}.`,
      );
    }
    return needDate || date !== undefined
      ? { kind: "merchant", merchantUniqueCode: code, date: checkDate() }
      : { kind: "merchant", merchantUniqueCode: code };
  }
  if (r.uniqueCode !== undefined) {
    if (typeof r.uniqueCode !== "string" || r.uniqueCode === "") {
      throw invalidRequest(
        P,
        operation,
        "payment.uniqueCode",
        `Paywall ${operation}: payment.uniqueCode must be Paywall's transaction id, got ${describe(r.uniqueCode)}.`,
      );
    }
    return { kind: "unique", uniqueCode: r.uniqueCode, date: checkDate() };
  }
  if (r.paymentId !== undefined) {
    if (typeof r.paymentId !== "number" || !Number.isSafeInteger(r.paymentId) || r.paymentId <= 0) {
      throw invalidRequest(
        P,
        operation,
        "payment.paymentId",
        `Paywall ${operation}: payment.paymentId must be Paywall's numeric PaymentId, got ${describe(r.paymentId)}.`,
      );
    }
    return { kind: "paymentId", paymentId: r.paymentId };
  }
  throw invalidRequest(
    P,
    operation,
    "payment",
    `Paywall ${operation}: payment must be { merchantUniqueCode, date }, { uniqueCode, date } or { paymentId }.`,
  );
}

export function readInquiry(response: QueryPaymentResponse, operation: string): Inquiry {
  const p = response.Body?.Paywall;
  const currency = readCurrency(P, operation, (p?.CurrencyId !== undefined ? CURRENCY_IDS[p.CurrencyId] : undefined) ?? p?.CurrencyName);
  const amount = readAmount(P, operation, p?.PaymentAmount, currency, "Body.Paywall.PaymentAmount");
  if (p === undefined || amount === undefined) {
    throw new OdemeError({
      code: "malformed_response",
      message: `Paywall ${operation}: the inquiry has no payment amount.`,
      provider: P,
      operation,
      outcome: "rejected",
      raw: response,
    });
  }
  // Undefined and null both mean "not reported": the facade then falls back to the flags.
  const refunded = readAmount(P, operation, p.RefundedAmount, currency, "Body.Paywall.RefundedAmount");
  return {
    currency,
    amount,
    anyRefund: p.AnySuccessRefund === true,
    anyPartialRefund: p.AnySuccessPartialRefund === true,
    anyCancel: p.AnySuccessCancel === true,
    anyPayment: p.AnySuccessPayment === true || p.Status === true,
    statusName: p.StatusName ?? "",
    statusId: typeof p.StatusId === "number" ? p.StatusId : null,
    typeId: typeof p.TypeId === "number" ? p.TypeId : null,
    activityId: typeof p.ActivityId === "number" ? p.ActivityId : null,
    // As sent, only compared: an odd amount here must not make the whole inquiry unreadable.
    activityAmount: p.ActivityAmount === undefined || p.ActivityAmount === null ? null : String(p.ActivityAmount),
    lastActivityAt: typeof p.LastActivityDateTime === "string" ? p.LastActivityDateTime : null,
    ...(refunded !== undefined ? { refunded } : {}),
  };
}
