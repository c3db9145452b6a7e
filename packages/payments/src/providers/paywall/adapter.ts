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
  paywallProvider,
  PaywallClient,
  type CancelByUniqueCodeRequest,
  type CancelRequest,
  type PartialRefundByUniqueCodeRequest,
  type PartialRefundRequest,
  type PaywallClientOptions,
  type RefundRequest,
  type RevertByPaymentIdRequest,
} from "@odeme/paywall";
import type { OdemeError } from "@odeme/core";
import { invalidRequest, precheckFailed, refined, unsupported, withCode } from "../../errors.ts";
import { compare, isZero, money, moneyToJSON, type Money } from "../../money.ts";
import type { CancelInput, PaymentDetails, PaymentStatus, RefundInput } from "../../types.ts";
import type { JsonObject, ProviderAdapter, ProviderModule, Reconciliation, SharedClientOptions, WritePlan } from "../adapter.ts";
import { alreadyRefunded, leftToRefund, paymentDetails, refundAmount, refundAmounts } from "../refund.ts";
import { toDecimal } from "../wire.ts";
import { paywallCapabilities } from "./capabilities.ts";
import { paywallInput } from "./input.ts";
import { paywallWebhook, type PaywallCallbackEvent } from "./webhook.ts";
import { describeChange, planSnapshot, readInquiry, readRef, snapshotOf, type Inquiry, type PlanSnapshot, type Ref } from "./references.ts";

export interface PaywallConfig extends PaywallClientOptions {
  /** The "3D Hash Key" from the Paywall panel; needed only to verify 3-D Secure callbacks. */
  hashKey?: string;
}

const P = "paywall";

/** The generated client's writes a plan may name. */
const PAYWALL_WRITES = [
  "refund",
  "partialRefund",
  "partialRefundByUniqueCode",
  "revertByPaymentId",
  "cancel",
  "cancelByUniqueCode",
] as const;
type PaywallWrite = (typeof PAYWALL_WRITES)[number];

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
      if (q === undefined)
        throw unsupported(P, "retrieve", "Paywall cannot look a payment up by uniqueCode; use { merchantUniqueCode } or { paymentId }.");
      return toDetails(q);
    },

    async planRefund(input: RefundInput<"paywall">): Promise<WritePlan> {
      const ref = readRef(input.payment, "refund", true);
      const q = await inquire(ref, "refund");
      const check = { provider: P, name: "Paywall", subject: "the payment" } as const;
      const amount =
        q === undefined
          ? unlookedAmount(input.amount)
          : refundAmount(
              {
                ...check,
                currency: q.currency,
                paid: q.amount,
                ...(q.refunded !== undefined ? { refunded: q.refunded } : {}),
                // After partial refunds what is left is known only from RefundedAmount.
                ...(q.anyPartialRefund ? { refundsUntold: "no RefundedAmount in the inquiry" } : {}),
                ...(q.anyCancel ? { cancelled: "was cancelled" } : {}),
                refusals: [() => (q.anyRefund ? alreadyRefunded(check) : undefined)],
                // RefundedAmount is inferred: the payment's own amount caps a refund without it.
                capAtPaid: true,
              },
              // Before any partial refund, no amount means the whole payment (a full refund).
              input.amount ?? (q.anyPartialRefund ? undefined : q.amount),
            );
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
            return {
              providerOperation: "revertByPaymentId",
              request: { PaymentId: ref.paymentId, Amount: value } satisfies RevertByPaymentIdRequest,
            };
        }
      })();
      return { ...plan, amount: moneyToJSON(amount), snapshot: planSnapshot(ref, q) };
    },

    async planCancel(input: CancelInput<"paywall">): Promise<WritePlan> {
      const ref = readRef(input.payment, "cancel", true);
      if (ref.kind === "paymentId")
        throw unsupported(P, "cancel", "Paywall cancels only by { merchantUniqueCode, date } or { uniqueCode, date }.");
      const q = await inquire(ref, "cancel");
      if (q?.anyCancel) throw precheckFailed(P, "cancel", "already_cancelled", "Paywall cancel: the payment is already cancelled.");
      if (q?.anyRefund || q?.anyPartialRefund || (q?.refunded !== undefined && !isZero(q.refunded))) {
        throw precheckFailed(
          P,
          "cancel",
          "already_refunded",
          "Paywall cancel: the payment has refunds and can no longer be cancelled; refund what is left instead.",
        );
      }
      const request: CancelRequest | CancelByUniqueCodeRequest =
        ref.kind === "merchant"
          ? { Date: ref.date as string, MerchantUniqueCode: ref.merchantUniqueCode }
          : { Date: ref.date, UniqueCode: ref.uniqueCode };
      return {
        providerOperation: ref.kind === "merchant" ? "cancel" : "cancelByUniqueCode",
        request: request as JsonObject,
        ...(q !== undefined ? { amount: moneyToJSON(q.amount) } : {}),
        snapshot: planSnapshot(ref, q),
      };
    },

    async send(_operation, plan) {
      const operation = plan.providerOperation as PaywallWrite;
      if (!PAYWALL_WRITES.includes(operation)) throw new TypeError(`Paywall: no operation ${plan.providerOperation}`);
      // Each plan's request was built for its operation (planRefund, planCancel).
      await refined(() => client[operation](plan.request as never), refineMinusOne);
      return { status: "succeeded" };
    },

    async reconcile(operation, plan): Promise<Reconciliation> {
      const planned = plan.snapshot as unknown as PlanSnapshot;
      const ref = planned.ref;
      if (ref.kind === "unique") {
        return {
          state: "unknown",
          how: `Paywall cannot look a payment up by uniqueCode: find payment ${ref.uniqueCode} in the Paywall panel and check for the ${operation} before trying again.`,
        };
      }
      const now = await inquire(ref, operation);
      const before = planned.inquiry;
      if (now === undefined || before === null) return { state: "unknown", how: "Paywall gave no payment state to compare with." };
      const changed = describeChange(before, snapshotOf(now));
      if (changed === undefined) {
        // Paywall refunds and cancels are synchronous, and the first refund or cancel flips one of
        // the SDK's AnySuccess* flags: with the flag that would show this write still false and
        // nothing else changed, it was not applied. After an earlier partial refund only the last
        // activity could show a second one, and what ActivityId means is inferred, not documented.
        const flagWouldShow =
          operation === "cancel" ? !before.anyCancel : !before.anyRefund && !before.anyPartialRefund && !before.anyCancel;
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

/** The amount of a refund by uniqueCode, which Paywall cannot look up: only the one asked for. */
function unlookedAmount(requested: Money | undefined): Money {
  if (requested !== undefined) return requested;
  throw invalidRequest(
    P,
    "refund",
    "amount",
    "Paywall refund: Paywall cannot look a payment up by uniqueCode, so the amount to refund is unknown; pass amount, or name the payment by { merchantUniqueCode, date }.",
  );
}

/**
 * A -1 is Paywall's SystemMessage (SDK ErrorCodes.cs), documented as "payment not found / request
 * could not be processed / general error": the spec maps it to provider_error; only a message that
 * says "not found" makes it not_found.
 */
function refineMinusOne(e: OdemeError): OdemeError {
  if (e.providerCode !== "-1") return e;
  const notFound = /not found|bulunamad/i.test(e.providerMessage ?? "");
  return notFound
    ? withCode(e, "not_found", "Paywall -1 with a not-found message")
    : withCode(e, "provider_error", "Paywall -1 is also its general error");
}

/**
 * What is left to refund, from RefundedAmount; undefined when the inquiry does not carry it. Never
 * below zero: a total above the payment (which Paywall should not report) leaves nothing.
 */
function refundable(q: Inquiry): Money | undefined {
  if (q.refunded === undefined) return undefined;
  if (q.anyCancel) return money(0n, q.currency);
  return leftToRefund(q.amount, q.refunded);
}

function toDetails(q: Inquiry): PaymentDetails<"paywall"> {
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
  return paymentDetails(P, {
    status,
    providerStatus: q.statusName,
    amount: q.amount,
    // With RefundedAmount, both amounts; with only flags, amounts are known when nothing or
    // everything was refunded (AnySuccessRefund is a full refund).
    ...refundAmounts(status, q.amount, { refunded: q.refunded, left, fullRefundKnown: true }),
  });
}

/** Paywall as the registry lists it: its generated definition, capabilities, adapter and webhook check. */
export const paywall = {
  id: "paywall",
  definition: paywallProvider,
  capabilities: paywallCapabilities,
  input: paywallInput,
  secretOptions: ["hashKey"],
  createAdapter: createPaywallAdapter,
  webhook: paywallWebhook,
} as const satisfies ProviderModule<"paywall", PaywallConfig, PaywallCallbackEvent>;
