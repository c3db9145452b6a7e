/**
 * Paywall (specs/paywall.yaml), private API. A payment is named three ways, and each one reaches a
 * different set of endpoints:
 * - `{ merchantUniqueCode, date }`: refund, partialRefund, cancel, queryPayment;
 * - `{ uniqueCode, date }`: refundByUniqueCode, partialRefundByUniqueCode, cancelByUniqueCode,
 *   and no lookup at all;
 * - `{ paymentId }`: revertByPaymentId (Paywall cancels on the payment day and refunds later;
 *   the result names the operation) and queryPaymentByPaymentId; no cancel.
 * Paywall has no idempotency key and no per-refund reference: a refund or cancel request names only
 * the payment, its answer has no Body (the SDK's PrivatePaymentEmptyResult), and the inquiry
 * reports flags (any refund, any partial refund, any cancel) and the last activity (SDK
 * QueryResult.cs), never which request made it. So a lookup cannot find *this* write: a new
 * activity or a flipped flag may be another caller's refund (three concurrent refunds, one lost,
 * all three reported succeeded, is the bug this avoids). A lost answer is "not applied" only when
 * the inquiry is exactly as planned (flags, last activity id, amount and time, status, type,
 * RefundedAmount; Paywall's refunds and cancels are synchronous) and the flag this write would
 * flip was still false (after a partial refund only the last activity, an inferred field, could
 * show another); otherwise it is outcome_unknown.
 * The inquiry may also carry `RefundedAmount`, the total refunded
 * so far (x-odeme-inferred: not in Paywall's SDK, served by the simulator): when present it gives
 * the refunded and refundable amounts and what is left to refund after partial refunds; when
 * absent, amounts are known only when the flags say nothing or everything was refunded.
 */
import {
  PaywallClient,
  type CancelByUniqueCodeRequest,
  type CancelRequest,
  type PartialRefundByUniqueCodeRequest,
  type PartialRefundRequest,
  type PaywallClientOptions,
  type QueryPaymentResponse,
  type RefundRequest,
  type RevertByPaymentIdRequest,
} from "@odeme/paywall";
import { OdemeError } from "@odeme/core";
import { invalidRequest, precheckFailed, refined, unsupported, withCode } from "../errors.ts";
import { compare, isZero, money, moneyToJSON, subtract, type Currency, type Money } from "../money.ts";
import type { CancelInput, Capabilities, PaymentDetails, PaymentStatus, RefundInput } from "../types.ts";
import type { JsonObject, ProviderAdapter, Reconciliation, SharedClientOptions, WriteOperation, WritePlan } from "./adapter.ts";
import { describe, field, readAmount, readCurrency, toDecimal } from "./wire.ts";

export interface PaywallConfig extends PaywallClientOptions {
  /** The "3D Hash Key" from the Paywall panel; needed only to verify 3-D Secure callbacks. */
  hashKey?: string;
}

export const paywallCapabilities = {
  partialRefund: true,
  repeatedRefund: true,
  itemRefund: false,
  cancel: true,
  retrieve: true,
  refundedAmount: true,
  listsRefunds: false,
  // The payment is found by merchantUniqueCode, but no per-refund reference carries the
  // idempotency key (the SDK's refund/cancel requests and answers have none): a write can never be
  // found by its key, so "applied" is never proven by a lookup and a crash that loses the
  // idempotency store cannot be detected (README).
  lookupByMerchantReference: false,
  asyncRefund: false,
  idempotency: "lookup",
  // Several partial refunds are implied by CompletePartialRefund, not stated. The refunded total
  // is the inquiry's RefundedAmount, an inferred field (specs/paywall.yaml); without it only the
  // flags remain and amounts after partial refunds are unknown.
  unverified: ["repeatedRefund", "refundedAmount"],
} as const satisfies Capabilities;

const P = "paywall";

/** Paywall's CurrencyId (SDK IRequestParams.cs). */
const CURRENCY_IDS: Record<number, string> = { 1: "TRY", 2: "USD", 3: "EUR", 4: "BAM", 5: "MKD", 6: "ALL", 7: "GBP" };

type Ref =
  | { kind: "merchant"; merchantUniqueCode: string; date?: string }
  | { kind: "unique"; uniqueCode: string; date: string }
  | { kind: "paymentId"; paymentId: number };

interface Inquiry {
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

export function createPaywallAdapter(config: PaywallConfig, shared: SharedClientOptions): ProviderAdapter<"paywall"> {
  const { hashKey: _hashKey, ...clientOptions } = config;
  const client = new PaywallClient({ ...shared, ...clientOptions });

  /** Undefined for a uniqueCode: Paywall has no lookup by it. */
  async function inquire(ref: Ref, operation: string): Promise<Inquiry | undefined> {
    if (ref.kind === "unique") return undefined;
    const response = await refined(
      () =>
        ref.kind === "merchant"
          ? client.queryPayment({ header: { merchantuniquecode: ref.merchantUniqueCode } })
          : client.queryPaymentByPaymentId({ header: { paymentid: ref.paymentId } }),
      refineMinusOne,
    );
    return readInquiry(response, operation);
  }

  return {
    provider: P,
    name: "Paywall",
    capabilities: paywallCapabilities,
    rejectsRepeatedKeys: false,

    async retrieve(ref) {
      const q = await inquire(readRef(ref, "retrieve", false), "retrieve");
      if (q === undefined) throw unsupported(P, "retrieve", "Paywall cannot look a payment up by uniqueCode; use { merchantUniqueCode } or { paymentId }.");
      return toDetails(q);
    },

    async planRefund(input: RefundInput<"paywall">): Promise<WritePlan> {
      const ref = readRef(input.payment, "refund", true);
      const q = await inquire(ref, "refund");
      // After partial refunds what is left is known only from RefundedAmount (none left: precheck
      // says already_refunded).
      const rest = q === undefined ? undefined : q.anyPartialRefund ? refundable(q) : q.amount;
      const amount = input.amount ?? rest;
      if (amount === undefined) {
        throw invalidRequest(
          P,
          "refund",
          "amount",
          q === undefined
            ? "Paywall refund: Paywall cannot look a payment up by uniqueCode, so the amount to refund is unknown; pass amount, or name the payment by { merchantUniqueCode, date }."
            : "Paywall refund: the payment already has partial refunds and Paywall did not report their total (no RefundedAmount in the inquiry); pass amount (what is left to refund).",
        );
      }
      if (q !== undefined) precheck(q, amount, "refund");
      const full = q !== undefined && !q.anyPartialRefund && compare(amount, q.amount) === 0;
      const value = toDecimal(amount);
      const plan = ((): Pick<WritePlan, "providerOperation" | "request"> => {
        switch (ref.kind) {
          case "merchant": {
            const base = { Date: ref.date as string, MerchantUniqueCode: ref.merchantUniqueCode };
            return full
              ? { providerOperation: "refund", request: base satisfies RefundRequest }
              : { providerOperation: "partialRefund", request: { ...base, Amount: value } satisfies PartialRefundRequest };
          }
          case "unique":
            return {
              providerOperation: "partialRefundByUniqueCode",
              request: { Date: ref.date, UniqueCode: ref.uniqueCode, Amount: value } satisfies PartialRefundByUniqueCodeRequest,
            };
          case "paymentId":
            return { providerOperation: "revertByPaymentId", request: { PaymentId: ref.paymentId, Amount: value } satisfies RevertByPaymentIdRequest };
        }
      })();
      return { ...plan, amount: moneyToJSON(amount), snapshot: snapshot(ref, q) };
    },

    async planCancel(input: CancelInput<"paywall">): Promise<WritePlan> {
      const ref = readRef(input.payment, "cancel", true);
      if (ref.kind === "paymentId") throw unsupported(P, "cancel", "Paywall cancels only by { merchantUniqueCode, date } or { uniqueCode, date }.");
      const q = await inquire(ref, "cancel");
      if (q?.anyCancel) throw precheckFailed(P, "cancel", "already_cancelled", "Paywall cancel: the payment is already cancelled.");
      if (q?.anyRefund || q?.anyPartialRefund || (q?.refunded !== undefined && !isZero(q.refunded))) {
        throw precheckFailed(P, "cancel", "already_refunded", "Paywall cancel: the payment has refunds and can no longer be cancelled; refund what is left instead.");
      }
      const request: CancelRequest | CancelByUniqueCodeRequest =
        ref.kind === "merchant" ? { Date: ref.date as string, MerchantUniqueCode: ref.merchantUniqueCode } : { Date: ref.date, UniqueCode: ref.uniqueCode };
      return {
        providerOperation: ref.kind === "merchant" ? "cancel" : "cancelByUniqueCode",
        request: request as JsonObject,
        ...(q !== undefined ? { amount: moneyToJSON(q.amount) } : {}),
        snapshot: snapshot(ref, q),
      };
    },

    async send(_operation, plan) {
      const call = () => {
        const body = plan.request as never;
        switch (plan.providerOperation) {
          case "refund":
            return client.refund(body);
          case "partialRefund":
            return client.partialRefund(body);
          case "partialRefundByUniqueCode":
            return client.partialRefundByUniqueCode(body);
          case "revertByPaymentId":
            return client.revertByPaymentId(body);
          case "cancel":
            return client.cancel(body);
          case "cancelByUniqueCode":
            return client.cancelByUniqueCode(body);
          default:
            throw new TypeError(`Paywall: no operation ${plan.providerOperation}`);
        }
      };
      await refined(call, refineMinusOne);
      return { status: "succeeded" };
    },

    async reconcile(operation, plan): Promise<Reconciliation> {
      const ref = field(plan.snapshot, "ref") as Ref;
      if (ref.kind === "unique") {
        return {
          state: "unknown",
          how: `Paywall cannot look a payment up by uniqueCode: find payment ${ref.uniqueCode} in the Paywall panel and check for the ${operation} before trying again.`,
        };
      }
      const now = await inquire(ref, operation);
      const before = field(plan.snapshot, "inquiry") as Snapshot | null;
      if (now === undefined || before === null) return { state: "unknown", how: "Paywall gave no payment state to compare with." };
      const changed = describeChange(before, snapshotOf(now));
      if (changed === undefined) {
        // Paywall refunds and cancels are synchronous, and the first refund or cancel flips one of
        // the SDK's AnySuccess* flags: with the flag that would show this write still false and
        // nothing else changed, it was not applied. After an earlier partial refund only the last
        // activity could show a second one, and what ActivityId means is inferred, not documented.
        const flagWouldShow = operation === "cancel" ? !before.anyCancel : !before.anyRefund && !before.anyPartialRefund && !before.anyCancel;
        if (flagWouldShow) return { state: "not_applied" };
        return {
          state: "unknown",
          how:
            "The payment shows no change, but it already had a partial refund, so only its last activity (ActivityId, whose meaning Paywall does not document) could show this one. " +
            `Check the payment's activities in the Paywall panel before trying again: if this ${operation} is not there, retry it with a new idempotencyKey.`,
        };
      }
      return {
        state: "unknown",
        how:
          `The payment changed since the ${operation} was planned (${changed}), and Paywall's inquiry does not say which request made the change (no per-refund reference). ` +
          `Check the payment's activities in the Paywall panel before trying again: if this ${operation} is not there, retry it with a new idempotencyKey.`,
      };
    },
  };
}

/**
 * A -1 is Paywall's SystemMessage (SDK ErrorCodes.cs), documented as "payment not found / request
 * could not be processed / general error": the spec maps it to provider_error; only a message that
 * says "not found" makes it not_found.
 */
function refineMinusOne(e: OdemeError): OdemeError {
  if (e.providerCode !== "-1") return e;
  const notFound = /not found|bulunamad/i.test(e.providerMessage ?? "");
  return notFound ? withCode(e, "not_found", "Paywall -1 with a not-found message") : withCode(e, "provider_error", "Paywall -1 is also its general error");
}

/** Everything of the inquiry a refund or cancel could change, exactly (amounts in minor units). */
interface Snapshot {
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

function snapshotOf(q: Inquiry): Snapshot {
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
function describeChange(before: Snapshot, now: Snapshot): string | undefined {
  const names = Object.keys(now) as (keyof Snapshot)[];
  // A field the plan did not record (a snapshot from an older version) counts as changed.
  const parts = names.filter((k) => before[k] !== now[k]).map((k) => `${k} ${JSON.stringify(before[k] ?? null)} -> ${JSON.stringify(now[k])}`);
  return parts.length === 0 ? undefined : parts.join(", ");
}

function snapshot(ref: Ref, q: Inquiry | undefined): JsonObject {
  return { ref: { ...ref }, inquiry: q === undefined ? null : { ...snapshotOf(q) } };
}

function precheck(q: Inquiry, amount: Money, operation: string): void {
  if (amount.currency !== q.currency) {
    throw precheckFailed(P, operation, "invalid_request", `Paywall ${operation}: amount is in ${amount.currency} but the payment is in ${q.currency}.`, "amount");
  }
  if (q.anyCancel) throw precheckFailed(P, operation, "already_cancelled", `Paywall ${operation}: the payment was cancelled; there is nothing to refund.`);
  if (q.anyRefund) throw precheckFailed(P, operation, "already_refunded", `Paywall ${operation}: the payment is already fully refunded.`);
  const left = refundable(q);
  if (left !== undefined && isZero(left)) throw precheckFailed(P, operation, "already_refunded", `Paywall ${operation}: the payment is already fully refunded.`);
  if (compare(amount, q.amount) > 0) {
    throw precheckFailed(
      P,
      operation,
      "amount_exceeds_refundable",
      `Paywall ${operation}: ${toDecimal(amount)} ${amount.currency} is more than the payment's ${toDecimal(q.amount)} ${q.currency}.`,
      "amount",
    );
  }
  if (left !== undefined && compare(amount, left) > 0) {
    throw precheckFailed(
      P,
      operation,
      "amount_exceeds_refundable",
      `Paywall ${operation}: ${toDecimal(amount)} ${amount.currency} is more than the ${toDecimal(left)} ${q.currency} left to refund.`,
      "amount",
    );
  }
}

/**
 * What is left to refund, from RefundedAmount; undefined when the inquiry does not carry it. Never
 * below zero: a total above the payment (which Paywall should not report) leaves nothing.
 */
function refundable(q: Inquiry): Money | undefined {
  if (q.refunded === undefined) return undefined;
  if (q.anyCancel) return money(0n, q.currency);
  const left = subtract(q.amount, q.refunded);
  return left.minor < 0n ? money(0n, q.currency) : left;
}

function readRef(ref: unknown, operation: string, needDate: boolean): Ref {
  const r = (ref ?? {}) as Record<string, unknown>;
  const date = r.date;
  const checkDate = (): string => {
    if (typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
    throw invalidRequest(P, operation, "payment.date", `Paywall ${operation}: payment.date must be the payment's date as "yyyy-MM-dd", got ${describe(date)}.`);
  };
  if (r.merchantUniqueCode !== undefined) {
    const code = r.merchantUniqueCode;
    if (typeof code !== "string" || code === "" || code.length > 250) {
      throw invalidRequest(P, operation, "payment.merchantUniqueCode", `Paywall ${operation}: payment.merchantUniqueCode must be 1 to 250 characters, got ${describe(code)}.`);
    }
    return needDate || date !== undefined ? { kind: "merchant", merchantUniqueCode: code, date: checkDate() } : { kind: "merchant", merchantUniqueCode: code };
  }
  if (r.uniqueCode !== undefined) {
    if (typeof r.uniqueCode !== "string" || r.uniqueCode === "") {
      throw invalidRequest(P, operation, "payment.uniqueCode", `Paywall ${operation}: payment.uniqueCode must be Paywall's transaction id, got ${describe(r.uniqueCode)}.`);
    }
    return { kind: "unique", uniqueCode: r.uniqueCode, date: checkDate() };
  }
  if (r.paymentId !== undefined) {
    if (typeof r.paymentId !== "number" || !Number.isSafeInteger(r.paymentId) || r.paymentId <= 0) {
      throw invalidRequest(P, operation, "payment.paymentId", `Paywall ${operation}: payment.paymentId must be Paywall's numeric PaymentId, got ${describe(r.paymentId)}.`);
    }
    return { kind: "paymentId", paymentId: r.paymentId };
  }
  throw invalidRequest(P, operation, "payment", `Paywall ${operation}: payment must be { merchantUniqueCode, date }, { uniqueCode, date } or { paymentId }.`);
}

function readInquiry(response: QueryPaymentResponse, operation: string): Inquiry {
  const p = response.Body?.Paywall;
  const currency = readCurrency(P, operation, (p?.CurrencyId !== undefined ? CURRENCY_IDS[p.CurrencyId] : undefined) ?? p?.CurrencyName);
  const amount = readAmount(P, operation, p?.PaymentAmount, currency, "Body.Paywall.PaymentAmount");
  if (p === undefined || amount === undefined) {
    throw new OdemeError({ code: "malformed_response", message: `Paywall ${operation}: the inquiry has no payment amount.`, provider: P, operation, outcome: "rejected", raw: response });
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

function toDetails(q: Inquiry): PaymentDetails<"paywall"> {
  const zero = money(0n, q.currency);
  const flagged: PaymentStatus = q.anyCancel
    ? "cancelled"
    : q.anyRefund
      ? "refunded"
      : q.anyPartialRefund
        ? "partially_refunded"
        : q.anyPayment
          ? "succeeded"
          : "failed";
  const left = flagged === "failed" ? undefined : refundable(q);
  // Partial refunds that add up to the whole payment leave only the partial flag set.
  const status: PaymentStatus = flagged === "partially_refunded" && left !== undefined && isZero(left) ? "refunded" : flagged;
  // With RefundedAmount, both amounts; with only flags, amounts are known when nothing or
  // everything was refunded.
  const amounts =
    q.refunded !== undefined && left !== undefined
      ? { refundedAmount: q.refunded, refundableAmount: left }
      : status === "succeeded"
      ? { refundedAmount: zero, refundableAmount: q.amount }
      : status === "refunded"
        ? { refundedAmount: q.amount, refundableAmount: zero }
        : status === "cancelled"
          ? { refundableAmount: zero }
          : {};
  return { provider: P, status, providerStatus: q.statusName, amount: q.amount, ...amounts };
}
