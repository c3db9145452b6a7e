/**
 * Parolapay's payment-intent API (specs/parolapay.yaml). Low confidence: only the refund request
 * is documented (its answer is `{}`); status, cancel and every response field are inferred, and amounts are integer
 * kuruş by decision (`minorUnits`). The idempotency key goes out as `merchant_ref`; whether
 * Parolapay deduplicates on it is unknown, and no source documents a way to find a refund by it.
 * So a refund whose answer was lost is never reported as applied or not applied: the intent's
 * `amount_refunded` is designed (x-odeme-inferred), and even a real one could have grown by
 * another refund of the same amount. It stays outcome_unknown, with what to ask Parolapay.
 * Across processes only the idempotency store protects a retry (no check before the first send is
 * possible without a lookup by merchant_ref).
 */
import { minorUnits, OdemeError } from "@odeme/core";
import {
  parolapayProvider,
  ParolapayClient,
  type CancelRequest,
  type ParolapayClientOptions,
  type RefundRequest,
  type StatusResponse,
} from "@odeme/parolapay";
import { precheckFailed } from "../../errors.ts";
import { money, moneyToJSON, subtract, toMinorNumber, type Currency, type Money } from "../../money.ts";
import type { PaymentDetails, PaymentStatus, RefundInput } from "../../types.ts";
import type { ProviderAdapter, ProviderModule, Reconciliation, SharedClientOptions, WritePlan } from "../adapter.ts";
import { alreadyRefunded, paymentDetails, refundAmount, statusOf } from "../refund.ts";
import { malformed, planAmount, readCurrency, readMinor, refString, toDecimal } from "../wire.ts";
import { parolapayCapabilities } from "./capabilities.ts";
import { parolapayInput } from "./input.ts";

export type ParolapayConfig = ParolapayClientOptions;

const P = "parolapay";
const INTENT_ID = /^pi_[0-9a-f]{24}$/;

/** What a plan keeps of the intent, for `reconcile`. */
interface Snapshot {
  intentId: string;
  status: string;
  /** Refunds only: amount_refunded in minor units, null when the intent does not say. */
  refunded?: string | null;
}

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
  const intentId = (ref: unknown, operation: string) =>
    refString(P, operation, ref, "intentId", INTENT_ID, 'an intent id like "pi_" + 24 hex digits');

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
      const paid = i.captured ?? i.amount;
      const check = { provider: P, name: "Parolapay", subject: `intent ${id}` } as const;
      const amount = refundAmount(
        {
          ...check,
          currency: i.currency,
          paid: paid ?? money(0n, i.currency),
          ...(i.refunded !== undefined ? { refunded: i.refunded } : {}),
          // Only an untouched captured intent is known to have nothing refunded without
          // amount_refunded: after a partial refund what is left is unknown, so the amount must be given.
          ...(i.status !== "captured" ? { refundsUntold: "no amount_refunded in the status" } : {}),
          ...(i.status === "cancelled" ? { cancelled: "was cancelled" } : {}),
          refusals: [
            () => (i.status === "refunded" ? alreadyRefunded(check) : undefined),
            () =>
              (i.status !== "captured" && i.status !== "partially_refunded") || paid === undefined
                ? precheckFailed(
                    P,
                    "refund",
                    "invalid_request",
                    `Parolapay refund: intent ${id} is "${i.status}"; only a captured intent can be refunded (cancel one that is not captured).`,
                  )
                : undefined,
          ],
          // amount_refunded is inferred: the intent's captured amount caps a refund without it.
          capAtPaid: true,
        },
        input.amount,
      );
      return {
        providerOperation: "refund",
        request: {
          intent_id: id,
          amount: toMinorNumber(amount),
          currency: amount.currency,
          ...(input.description !== undefined ? { description: input.description } : {}),
        },
        amount: moneyToJSON(amount),
        snapshot: {
          intentId: id,
          status: i.status,
          refunded: i.refunded === undefined ? null : i.refunded.minor.toString(),
        } satisfies Snapshot,
      };
    },

    async planCancel(input) {
      const id = intentId(input.payment, "cancel");
      const i = await intent(id, "cancel");
      if (i.status === "cancelled")
        throw precheckFailed(P, "cancel", "already_cancelled", `Parolapay cancel: intent ${id} is already cancelled.`);
      if (i.status === "captured" || i.status === "partially_refunded" || i.status === "refunded") {
        throw precheckFailed(
          P,
          "cancel",
          "cancel_window_closed",
          `Parolapay cancel: intent ${id} is already captured ("${i.status}"); refund it instead.`,
        );
      }
      if (i.status === "failed")
        throw precheckFailed(P, "cancel", "invalid_request", `Parolapay cancel: intent ${id} failed; there is nothing to cancel.`);
      const request: CancelRequest = { intent_id: id, ...(input.description !== undefined ? { description: input.description } : {}) };
      return {
        providerOperation: "cancel",
        request: { ...request },
        ...(i.amount !== undefined ? { amount: moneyToJSON(i.amount) } : {}),
        snapshot: { intentId: id, status: i.status } satisfies Snapshot,
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
      // `status` is a designed field of a 200 whose documented body is `{}`: "failed" there proves
      // nothing either way, so it is reported as unknown (a retry looks it up, never re-sends).
      if (refund.status === "failed") {
        throw new OdemeError({
          code: "outcome_unknown",
          message: `Parolapay refund: the answer says status "failed", a field no source documents; ask Parolapay whether intent ${String(body.intent_id)} has a refund with merchant_ref "${key}".`,
          provider: P,
          operation: "refund",
          outcome: "unknown",
          raw: refund,
        });
      }
      // The documented answer is `{}`: without a status the refund is taken as pending.
      return {
        status: refund.status === "succeeded" ? "succeeded" : "pending",
        ...(refund.id !== undefined ? { refundId: refund.id } : {}),
      };
    },

    async reconcile(operation, plan, key): Promise<Reconciliation> {
      const before = plan.snapshot as unknown as Snapshot;
      const id = before.intentId;
      if (operation === "refund") {
        // No documented lookup finds this refund by its merchant_ref, and the refunded amount is
        // designed: neither "applied" nor "not applied" can be proven, so nothing is read.
        const amount = planAmount(plan);
        const what = amount === undefined ? "" : ` of ${toDecimal(amount)} ${amount.currency}`;
        return {
          state: "unknown",
          how: `Parolapay documents no way to look a refund up by merchant_ref: ask Parolapay whether intent ${id} has a refund${what} with merchant_ref "${key}", and do not send it again under a new key until you know.`,
        };
      }
      const now = await intent(id, "reconcile");
      // A cancel is only ever "not applied" here: an intent whose state did not move since the
      // plan is cancelled again (a second cancel cannot move money twice; it is refused as
      // already_cancelled). A cancelled intent may have been cancelled by anyone, and the state
      // is designed, so it is not taken as proof that this request did it.
      if (now.status === before.status) return { state: "not_applied" };
      return {
        state: "unknown",
        how: `Intent ${id} is now "${now.status}" (a designed field); ask Parolapay whether the cancel with merchant_ref "${key}" was applied.`,
      };
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
  const captured = i.status === "captured" || i.status === "partially_refunded" || i.status === "refunded";
  return paymentDetails(P, {
    status: statusOf(STATUS, i.status),
    providerStatus: i.status,
    amount: paid,
    refundedAmount: i.refunded,
    // Nothing can be refunded of an intent that was never captured.
    refundableAmount: !captured
      ? money(0n, i.currency)
      : paid !== undefined && i.refunded !== undefined
        ? subtract(paid, i.refunded)
        : undefined,
  });
}

/** Parolapay as the registry lists it: its generated definition, capabilities, adapter. It documents no webhook signature. */
export const parolapay = {
  id: "parolapay",
  definition: parolapayProvider,
  capabilities: parolapayCapabilities,
  input: parolapayInput,
  createAdapter: createParolapayAdapter,
} as const satisfies ProviderModule<"parolapay", ParolapayConfig>;
