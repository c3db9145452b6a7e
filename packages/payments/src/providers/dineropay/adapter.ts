/**
 * DineroPay (specs/dineropay.yaml, Akurateco Checkout protocol). Refunds are asynchronous: the
 * answer is `result: accepted` and the outcome comes later by callback or status, so a refund
 * result is `pending`. Void is synchronous. No DineroPay request or answer carries a merchant
 * reference for a refund or a void (specs/dineropay.yaml, "Refund references"), and the status is
 * one word for the whole payment, so a lookup can never find *this* write: a status that turned
 * "refund" may be an earlier refund settling, a "void" another caller's void. A lost refund answer
 * is therefore always outcome_unknown (a queued refund also leaves the status "settled", so not
 * even "nothing changed" proves it was not made); a lost void answer is "not applied" only when
 * the status and refunded total are exactly as planned (a void is synchronous), else
 * outcome_unknown.
 *
 * The status may carry `refunded_amount`, the total of SETTLED refunds (x-odeme-inferred: not in
 * the Akurateco documents, served by the simulator). When present it gives the refunded and
 * refundable amounts and what is left to refund after earlier refunds; refunds still pending are
 * not in it, and this adapter keeps no record of them, so the refundable amount it reports is
 * paid minus settled refunds and may include money a pending refund is about to take (DineroPay
 * then rejects the excess: amount_exceeds_refundable).
 */
import { dineropayProvider, DineroPayClient, type DineroPayClientOptions, type GetPaymentStatusResponse } from "@odeme/dineropay";
import { OdemeError, type ErrorCode } from "@odeme/core";
import { explained, precheckFailed, refined, withCode } from "../../errors.ts";
import { isZero, money, moneyToJSON, type Currency, type Money } from "../../money.ts";
import type { PaymentDetails, PaymentStatus, RefundInput } from "../../types.ts";
import type { JsonObject, ProviderAdapter, ProviderModule, Reconciliation, SharedClientOptions, WritePlan } from "../adapter.ts";
import { leftToRefund, paymentDetails, refundAmount, refundAmounts, statusOf } from "../refund.ts";
import { field, malformed, readAmount, readCurrency, refString, toDecimal } from "../wire.ts";
import { dineropayCapabilities } from "./capabilities.ts";
import { dineropayInput } from "./input.ts";
import { dineropayWebhook, type DineroPayCallbackEvent } from "./webhook.ts";

export type DineroPayConfig = DineroPayClientOptions;

const P = "dineropay";

interface Status {
  status: string;
  currency: Currency;
  amount: Money;
  /** refunded_amount (settled refunds) when the status carries it (an inferred field); else undefined. */
  refunded?: Money;
}

export function createDineroPayAdapter(config: DineroPayConfig, shared: SharedClientOptions): ProviderAdapter<"dineropay"> {
  const client = new DineroPayClient({ ...shared, ...config });

  async function status(paymentId: string, operation: string): Promise<Status> {
    return readStatus(await refined(() => client.getPaymentStatus({ payment_id: paymentId }), refine), operation);
  }

  return {
    provider: P,
    name: "DineroPay",
    capabilities: dineropayCapabilities,
    rejectsRepeatedKeys: false,

    async retrieve(ref) {
      const s = await status(refString(P, "retrieve", ref, "paymentId"), "retrieve");
      return toDetails(s);
    },

    async planRefund(input: RefundInput<"dineropay">): Promise<WritePlan> {
      const paymentId = refString(P, "refund", input.payment, "paymentId");
      const s = await status(paymentId, "refund");
      // Settled refunds only: a pending one is not subtracted here, and DineroPay itself rejects
      // a refund that would exceed what is left once pending refunds count.
      const amount = refundAmount(
        {
          provider: P,
          name: "DineroPay",
          subject: `payment ${paymentId}`,
          currency: s.currency,
          paid: s.amount,
          ...(s.refunded !== undefined ? { refunded: s.refunded } : {}),
          ...(s.status === "void" || s.status === "reversal" ? { cancelled: `was voided (status ${s.status})` } : {}),
          ...(s.status === "refund" ? { refundsUntold: "no refunded_amount in the status" } : {}),
          refusals: [
            () =>
              PAID.has(s.status)
                ? undefined
                : precheckFailed(
                    P,
                    "refund",
                    "invalid_request",
                    `DineroPay refund: payment ${paymentId} is "${s.status}", not settled; only a settled payment can be refunded.`,
                  ),
          ],
          // refunded_amount is inferred: the payment's own amount caps a refund without it.
          capAtPaid: true,
        },
        input.amount,
      );
      // Always send the amount: the hash of a refund without one is unconfirmed (specs/dineropay.yaml).
      return {
        providerOperation: "refund",
        request: { payment_id: paymentId, amount: toDecimal(amount) },
        amount: moneyToJSON(amount),
        snapshot: snapshotOf(paymentId, s),
      };
    },

    async planCancel(input) {
      const paymentId = refString(P, "cancel", input.payment, "paymentId");
      const s = await status(paymentId, "cancel");
      if (s.status === "void" || s.status === "reversal")
        throw precheckFailed(P, "cancel", "already_cancelled", `DineroPay void: payment ${paymentId} is already voided.`);
      if (s.status === "refund")
        throw precheckFailed(
          P,
          "cancel",
          "already_refunded",
          `DineroPay void: payment ${paymentId} has refunds and can no longer be voided.`,
        );
      if (s.status !== "settled") {
        throw precheckFailed(
          P,
          "cancel",
          "invalid_request",
          `DineroPay void: payment ${paymentId} is "${s.status}"; only a settled payment can be voided.`,
        );
      }
      return {
        providerOperation: "void",
        request: { payment_id: paymentId },
        amount: moneyToJSON(s.amount),
        snapshot: snapshotOf(paymentId, s),
      };
    },

    async send(operation, plan) {
      const paymentId = String(plan.request.payment_id);
      if (operation === "refund") {
        const amount = plan.request.amount as `${number}`;
        await refined(() => client.refund({ payment_id: paymentId, amount }), refine);
        // "accepted" is all DineroPay ever answers: the refund itself happens later.
        return { status: "pending" };
      }
      // A declined void (HTTP 200, status FAIL) is rejected by the client (the spec's envelope);
      // anything else that is not SUCCESS is not a confirmed void either.
      const answer = await refined(() => client.void({ payment_id: paymentId }), refine);
      if (answer.status !== "SUCCESS" && answer.payment_status !== "void") {
        throw withCode(
          malformed(P, "void", `the void answered status ${JSON.stringify(answer.status)}`),
          "provider_error",
          "DineroPay did not confirm the void",
        );
      }
      return { status: "succeeded" };
    },

    async reconcile(operation, plan, key): Promise<Reconciliation> {
      const before = plan.snapshot as unknown as Snapshot;
      const paymentId = before.paymentId;
      const now = snapshotOf(paymentId, await status(paymentId, "reconcile"));
      const changed = describeChange(before, now);
      if (operation === "cancel") {
        // A void is synchronous: had it been applied, the status would say so.
        if (changed === undefined) return { state: "not_applied" };
        return {
          state: "unknown",
          how:
            `Payment ${paymentId} changed since the void was planned (${changed}), and DineroPay's status does not say which request did it. ` +
            "Check the payment in the DineroPay dashboard (or its void callback) before trying again.",
        };
      }
      return {
        state: "unknown",
        how:
          `DineroPay refunds carry no merchant reference and are asynchronous, so a lookup cannot tell whether the refund with idempotencyKey "${key}" was queued ` +
          `(payment ${paymentId}: ${changed ?? `still "${now.status}", as planned`}). ` +
          "Wait for DineroPay's refund callback (type=refund) or check the dashboard; if no refund arrived, refund again with a new idempotencyKey.",
      };
    },
  };
}

/** What a lookup is compared with: the status and the settled-refund total, exactly. */
interface Snapshot {
  paymentId: string;
  status: string;
  /** refunded_amount in minor units as a string; null when the status does not carry it. */
  refundedMinor: string | null;
}

function snapshotOf(paymentId: string, s: Status): Snapshot & JsonObject {
  return { paymentId, status: s.status, refundedMinor: s.refunded === undefined ? null : s.refunded.minor.toString() };
}

/** What differs between two snapshots, for the outcome_unknown message; undefined when nothing. */
function describeChange(before: Snapshot, now: Snapshot): string | undefined {
  const parts: string[] = [];
  if (before.status !== now.status) parts.push(`status "${before.status}" -> "${now.status}"`);
  if (before.refundedMinor !== now.refundedMinor)
    parts.push(`refunded_amount (minor units) ${before.refundedMinor ?? "absent"} -> ${now.refundedMinor ?? "absent"}`);
  return parts.length === 0 ? undefined : parts.join(", ");
}

/**
 * DineroPay answers every rejection with code 0 and says what is wrong only in `errors[]`
 * ("<field>: <message>"). A bad hash, the one documented message, the client already reports as
 * authentication (this only says which options to check); the other rules are told apart by plain
 * words of their messages, which DineroPay does not document: anything unmatched stays invalid_request.
 */
const FIELD_RULES: readonly { test: RegExp; code: ErrorCode; why: string }[] = [
  { test: /not found/i, code: "not_found", why: "DineroPay does not know the payment" },
  { test: /already (fully )?refunded/i, code: "already_refunded", why: "DineroPay says it is already refunded" },
  { test: /exceed/i, code: "amount_exceeds_refundable", why: "DineroPay says the amount exceeds what is refundable" },
  { test: /has refunds/i, code: "already_refunded", why: "DineroPay cannot void a payment with refunds" },
  { test: /on the day|same (financial )?day/i, code: "cancel_window_closed", why: "DineroPay voids only on the payment's day" },
  { test: /is (already )?voided/i, code: "already_cancelled", why: "DineroPay says the payment is voided" },
];

function refine(e: OdemeError): OdemeError {
  // A declined void (HTTP 200, status FAIL): its `reason` says why, in the same plain words.
  const reason = field(e.raw, "status") === "FAIL" ? field(e.raw, "reason") : undefined;
  if (typeof reason === "string") {
    const declined = declinedVoid(e, reason);
    for (const rule of FIELD_RULES) if (rule.test.test(reason)) return withCode(declined, rule.code, rule.why);
    return declined;
  }
  // The client already reports a bad hash as authentication (specs/dineropay.yaml fieldCodes);
  // the facade knows which of its options that means.
  if (e.code === "authentication" && e.fieldErrors?.some((f) => f.field === "hash"))
    return explained(e, "DineroPay rejected the request hash: check merchantKey and password");
  if (e.providerCode !== "0" || e.code !== "invalid_request") return e;
  for (const rule of FIELD_RULES) if (e.fieldErrors?.some((f) => rule.test.test(f.message))) return withCode(e, rule.code, rule.why);
  return e;
}

/** The client's error for a FAIL void, with DineroPay's reason as its message (the envelope names none). */
function declinedVoid(e: OdemeError, reason: string): OdemeError {
  return new OdemeError({
    code: e.code,
    message: `DineroPay declined the void: ${reason} (HTTP 200, status FAIL; the payment is unchanged).`,
    provider: e.provider,
    operation: e.operation,
    outcome: e.outcome,
    retryable: e.retryable,
    ...(e.status !== undefined ? { status: e.status } : {}),
    providerMessage: reason,
    ...(e.raw !== undefined ? { raw: e.raw } : {}),
    cause: e,
  });
}

function readStatus(r: GetPaymentStatusResponse, operation: string): Status {
  const currency = readCurrency(P, operation, r.order?.currency);
  const amount = readAmount(P, operation, r.order?.amount, currency, "order.amount");
  if (amount === undefined || typeof r.status !== "string") throw malformed(P, operation, "the status has no status or order.amount");
  const refunded = readAmount(P, operation, r.refunded_amount, currency, "refunded_amount");
  return { status: r.status, currency, amount, ...(refunded !== undefined ? { refunded } : {}) };
}

/** Statuses of a payment that was paid and can still have (or had) refunds. */
const PAID = new Set(["settled", "refund", "chargeback"]);

/**
 * Paid minus settled refunds (refunded_amount), never below zero; zero once voided; undefined when
 * the status carries no refunded_amount or the payment was never paid.
 */
function refundable(s: Status): Money | undefined {
  if (s.refunded === undefined) return undefined;
  if (s.status === "void" || s.status === "reversal") return money(0n, s.currency);
  if (!PAID.has(s.status)) return undefined;
  return leftToRefund(s.amount, s.refunded);
}

/** DineroPay's payment status (Akurateco Checkout); `refund` does not say whether it was partial. */
const STATUS: Record<string, PaymentStatus> = {
  prepare: "pending",
  pending: "pending",
  "3ds": "requires_action",
  redirect: "requires_action",
  settled: "succeeded",
  decline: "failed",
  refund: "refunded",
  reversal: "cancelled",
  void: "cancelled",
  chargeback: "disputed",
};

function toDetails(s: Status): PaymentDetails<"dineropay"> {
  const mapped = statusOf(STATUS, s.status);
  const left = refundable(s);
  // With refunded_amount, "refund" tells partial from full. Settled refunds only: while a refund is
  // pending the status stays "settled" (succeeded) and the amounts leave it out.
  const status: PaymentStatus = s.status === "refund" && left !== undefined && !isZero(left) ? "partially_refunded" : mapped;
  return paymentDetails(P, {
    status,
    providerStatus: s.status,
    amount: s.amount,
    // Without refunded_amount, known only before any refund; "refund" may be partial.
    ...refundAmounts(mapped, s.amount, { refunded: s.refunded, left, fullRefundKnown: false }),
  });
}

/** DineroPay as the registry lists it: its generated definition, capabilities, adapter and webhook check. */
export const dineropay = {
  id: "dineropay",
  definition: dineropayProvider,
  capabilities: dineropayCapabilities,
  input: dineropayInput,
  createAdapter: createDineroPayAdapter,
  webhook: dineropayWebhook,
} as const satisfies ProviderModule<"dineropay", DineroPayConfig, DineroPayCallbackEvent>;
