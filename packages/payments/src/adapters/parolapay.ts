/**
 * Parolapay's payment-intent API (specs/parolapay.yaml). Low confidence: only the refund request
 * is documented; status, cancel and every response shape are inferred, and amounts are integer
 * kuruş by decision (`minorUnits`). The idempotency key goes out as `merchant_ref`; whether
 * Parolapay deduplicates on it is unknown, so a lost answer is reconciled with `status`, comparing
 * the intent's `amount_refunded` (or its state, for a cancel) with a snapshot.
 */
import { minorUnits } from "@odeme/core";
import {
  ParolapayClient,
  type CancelRequest,
  type ParolapayClientOptions,
  type RefundRequest,
  type StatusResponse,
} from "@odeme/parolapay";
import { precheckFailed, withCode } from "../errors.ts";
import { compare, money, moneyToJSON, subtract, toMinorNumber, type Currency, type Money } from "../money.ts";
import type { Capabilities, PaymentDetails, PaymentStatus, RefundInput } from "../types.ts";
import type { ProviderAdapter, Reconciliation, SharedClientOptions, WritePlan } from "./adapter.ts";
import { field, malformed, planAmount, readCurrency, readMinor, refString, toDecimal } from "./wire.ts";

export type ParolapayConfig = ParolapayClientOptions;

export const parolapayCapabilities = {
  partialRefund: true,
  repeatedRefund: true,
  itemRefund: false,
  cancel: true,
  retrieve: true,
  refundedAmount: true,
  listsRefunds: false,
  lookupByMerchantReference: true,
  asyncRefund: true,
  idempotency: "lookup",
  // Everything but the refund request itself is inferred in specs/parolapay.yaml.
  unverified: ["repeatedRefund", "cancel", "retrieve", "refundedAmount", "lookupByMerchantReference", "asyncRefund"],
} as const satisfies Capabilities;

const P = "parolapay";
const INTENT_ID = /^pi_[0-9a-f]{24}$/;

interface Intent {
  id: string;
  status: string;
  currency: Currency;
  amount?: Money;
  captured?: Money;
  /** Undefined when the intent does not say. */
  refunded?: Money;
}

export function createParolapayAdapter(config: ParolapayConfig, shared: SharedClientOptions): ProviderAdapter<"parolapay"> {
  const client = new ParolapayClient({ ...shared, ...config });
  const intentId = (ref: unknown, operation: string) => refString(P, operation, ref, "intentId", INTENT_ID, 'an intent id like "pi_" + 24 hex digits');

  async function intent(id: string, operation: string): Promise<Intent> {
    return readIntent(await client.status({ intent_id: id }), operation);
  }

  return {
    provider: P,
    name: "Parolapay",
    capabilities: parolapayCapabilities,
    rejectsRepeatedKeys: false,

    async retrieve(ref) {
      return toDetails(await intent(intentId(ref, "retrieve"), "retrieve"));
    },

    async planRefund(input: RefundInput<"parolapay">): Promise<WritePlan> {
      const id = intentId(input.payment, "refund");
      const i = await intent(id, "refund");
      if (input.amount !== undefined && input.amount.currency !== i.currency) {
        throw precheckFailed(P, "refund", "invalid_request", `Parolapay refund: amount is in ${input.amount.currency} but intent ${id} is in ${i.currency}.`, "amount");
      }
      if (i.status === "cancelled") throw precheckFailed(P, "refund", "already_cancelled", `Parolapay refund: intent ${id} was cancelled; there is nothing to refund.`);
      if (i.status === "refunded") throw precheckFailed(P, "refund", "already_refunded", `Parolapay refund: intent ${id} is already fully refunded.`);
      const paid = i.captured ?? i.amount;
      if ((i.status !== "captured" && i.status !== "partially_refunded") || paid === undefined) {
        throw precheckFailed(P, "refund", "invalid_request", `Parolapay refund: intent ${id} is "${i.status}"; only a captured intent can be refunded (cancel one that is not captured).`);
      }
      const left = i.refunded === undefined ? paid : subtract(paid, i.refunded);
      if (left.minor <= 0n) throw precheckFailed(P, "refund", "already_refunded", `Parolapay refund: intent ${id} is already fully refunded.`);
      const amount = input.amount ?? left;
      if (compare(amount, left) > 0) {
        throw precheckFailed(
          P,
          "refund",
          "amount_exceeds_refundable",
          `Parolapay refund: ${toDecimal(amount)} ${amount.currency} is more than the ${toDecimal(left)} ${i.currency} left to refund on intent ${id}.`,
          "amount",
        );
      }
      return {
        providerOperation: "refund",
        request: {
          intent_id: id,
          amount: toMinorNumber(amount),
          currency: amount.currency,
          ...(input.description !== undefined ? { description: input.description } : {}),
        },
        amount: moneyToJSON(amount),
        snapshot: { intentId: id, status: i.status, refunded: i.refunded === undefined ? null : i.refunded.minor.toString() },
      };
    },

    async planCancel(input) {
      const id = intentId(input.payment, "cancel");
      const i = await intent(id, "cancel");
      if (i.status === "cancelled") throw precheckFailed(P, "cancel", "already_cancelled", `Parolapay cancel: intent ${id} is already cancelled.`);
      if (i.status === "captured" || i.status === "partially_refunded" || i.status === "refunded") {
        throw precheckFailed(P, "cancel", "cancel_window_closed", `Parolapay cancel: intent ${id} is already captured ("${i.status}"); refund it instead.`);
      }
      if (i.status === "failed") throw precheckFailed(P, "cancel", "invalid_request", `Parolapay cancel: intent ${id} failed; there is nothing to cancel.`);
      const request: CancelRequest = { intent_id: id, ...(input.description !== undefined ? { description: input.description } : {}) };
      return {
        providerOperation: "cancel",
        request: { ...request },
        ...(i.amount !== undefined ? { amount: moneyToJSON(i.amount) } : {}),
        snapshot: { intentId: id, status: i.status },
      };
    },

    async send(operation, plan, key) {
      if (operation === "cancel") {
        const answer = await client.cancel({ ...(plan.request as CancelRequest), merchant_ref: key });
        return { status: answer.status === "cancelled" ? "succeeded" : "pending" };
      }
      const amount = planAmount(plan) as Money;
      const body: RefundRequest = {
        ...(plan.request as Omit<RefundRequest, "amount">),
        amount: minorUnits(toMinorNumber(amount)),
        merchant_ref: key,
      };
      const refund = await client.refund(body);
      if (refund.status === "failed") throw withCode(malformed(P, "refund", "the refund answered status failed"), "provider_error", "Parolapay declined the refund");
      // The documented answer is `{}`: without a status the refund is taken as pending.
      return { status: refund.status === "succeeded" ? "succeeded" : "pending", ...(refund.id !== undefined ? { refundId: refund.id } : {}) };
    },

    async reconcile(operation, plan): Promise<Reconciliation> {
      const id = String(field(plan.snapshot, "intentId"));
      const now = await intent(id, "reconcile");
      const before = field(plan.snapshot, "status");
      if (operation === "cancel") {
        if (now.status === "cancelled") return { state: "applied", status: "succeeded" };
        return now.status === before ? { state: "not_applied" } : { state: "unknown", how: `Intent ${id} is now "${now.status}"; check it with Parolapay.` };
      }
      const refundedBefore = field(plan.snapshot, "refunded");
      if (typeof refundedBefore !== "string" || now.refunded === undefined) {
        return { state: "unknown", how: `Parolapay reports no refunded amount for intent ${id}; ask Parolapay whether a refund with merchant_ref equal to the idempotency key exists.` };
      }
      const grew = now.refunded.minor - BigInt(refundedBefore);
      if (grew === 0n) return { state: "not_applied" };
      const amount = planAmount(plan);
      if (amount !== undefined && grew >= amount.minor) return { state: "applied", status: "succeeded" };
      return { state: "unknown", how: `Intent ${id}'s refunded amount changed by another amount than this refund's; check its refunds with Parolapay.` };
    },
  };
}

function readIntent(r: StatusResponse, operation: string): Intent {
  if (typeof r.id !== "string" || typeof r.status !== "string") throw malformed(P, operation, "the intent has no id or status");
  // The documents show only TRY; an intent without a currency is taken as TRY.
  const currency = readCurrency(P, operation, r.currency ?? "TRY");
  const minor = (v: unknown, name: string) => readMinor(P, operation, v, currency, name);
  const amount = minor(r.amount, "amount");
  const captured = minor(r.amount_captured, "amount_captured");
  const refunded = minor(r.amount_refunded, "amount_refunded");
  return {
    id: r.id,
    status: r.status,
    currency,
    ...(amount !== undefined ? { amount } : {}),
    ...(captured !== undefined ? { captured } : {}),
    ...(refunded !== undefined ? { refunded } : {}),
  };
}

/** Parolapay's inferred Paymentstate values. */
const STATUS: Record<string, PaymentStatus> = {
  requires_otp: "requires_action",
  requires_3d: "requires_action",
  pending: "pending",
  authorized: "authorized",
  captured: "succeeded",
  cancelled: "cancelled",
  refunded: "refunded",
  partially_refunded: "partially_refunded",
  failed: "failed",
};

function toDetails(i: Intent): PaymentDetails<"parolapay"> {
  const paid = i.captured ?? i.amount;
  const refundable =
    i.status === "captured" || i.status === "partially_refunded" || i.status === "refunded"
      ? paid !== undefined && i.refunded !== undefined
        ? subtract(paid, i.refunded)
        : undefined
      : money(0n, i.currency);
  return {
    provider: P,
    status: STATUS[i.status] ?? "pending",
    providerStatus: i.status,
    ...(paid !== undefined ? { amount: paid } : {}),
    ...(i.refunded !== undefined ? { refundedAmount: i.refunded } : {}),
    ...(refundable !== undefined ? { refundableAmount: refundable } : {}),
  };
}

