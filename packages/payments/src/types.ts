/**
 * The normalized model: provider ids, the typed payment references of each provider, and what the
 * operations take and return. Provider knowledge beyond reference shapes lives in src/providers/<id>/.
 */
import type { Money } from "./money.ts";

export type ProviderId = "iyzico" | "paywall" | "dineropay" | "parolapay" | "sipay-wallet";

export const PROVIDER_IDS: readonly ProviderId[] = Object.freeze(["iyzico", "paywall", "dineropay", "parolapay", "sipay-wallet"]);

/** Paywall's payment date, `yyyy-MM-dd` (checked at run time too). */
export type PaywallDate = `${number}-${number}-${number}`;

/** A Parolapay payment intent id, `pi_` + 24 hex digits. */
export type ParolapayIntentId = `pi_${string}`;

// `?: never` keeps the alternatives apart: an object literal with both a merchantUniqueCode and a
// uniqueCode would otherwise satisfy the union and leave the adapter to guess which one was meant.
export type PaywallMerchantRef = { merchantUniqueCode: string; date: PaywallDate; uniqueCode?: never; paymentId?: never };
export type PaywallUniqueCodeRef = { uniqueCode: string; date: PaywallDate; merchantUniqueCode?: never; paymentId?: never };
export type PaywallPaymentIdRef = { paymentId: number; merchantUniqueCode?: never; uniqueCode?: never; date?: never };

/** A payment as each provider identifies it, for a refund. */
export interface RefundRefs {
  /** A whole payment, or one basket item of it (`paymentTransactionId` from `itemTransactions`). */
  iyzico: { paymentId: string; paymentTransactionId?: string };
  /** A `{ paymentId }` refund goes through Paywall's revert, which cancels instead on the payment day. */
  paywall: PaywallMerchantRef | PaywallUniqueCodeRef | PaywallPaymentIdRef;
  dineropay: { paymentId: string };
  parolapay: { intentId: ParolapayIntentId };
  /** The payment's `transaction_id`: a 19-digit number, so a string (a JS number would round it). */
  "sipay-wallet": { transactionId: string };
}

/** For a cancel: Paywall cancels only by merchantUniqueCode or uniqueCode; iyzico only whole payments. */
export interface CancelRefs {
  iyzico: { paymentId: string };
  paywall: PaywallMerchantRef | PaywallUniqueCodeRef;
  dineropay: { paymentId: string };
  parolapay: { intentId: ParolapayIntentId };
  "sipay-wallet": never;
}

/** For a lookup: Paywall looks payments up by merchantUniqueCode or paymentId only (no date needed). */
export interface RetrieveRefs {
  iyzico: { paymentId: string };
  paywall: { merchantUniqueCode: string; date?: PaywallDate; uniqueCode?: never; paymentId?: never } | PaywallPaymentIdRef;
  dineropay: { paymentId: string };
  parolapay: { intentId: ParolapayIntentId };
  "sipay-wallet": { transactionId: string };
}

/** What each provider can do; each adapter declares its own as a literal object. */
export interface Capabilities {
  /** Partial refunds (an amount below the payment's). */
  readonly partialRefund: boolean;
  /** Several refunds of one payment, up to its amount. */
  readonly repeatedRefund: boolean;
  /** Refunds of one basket item (iyzico's `paymentTransactionId`). */
  readonly itemRefund: boolean;
  /** Same-day void of a whole payment. */
  readonly cancel: boolean;
  /** Looking a payment up. */
  readonly retrieve: boolean;
  /** The lookup reports refunded and still-refundable amounts. */
  readonly refundedAmount: boolean;
  /** The lookup lists the refunds made so far. */
  readonly listsRefunds: boolean;
  /** The provider finds a payment by the merchant's own reference (order id / conversation id). */
  readonly lookupByMerchantReference: boolean;
  /** The provider only accepts a refund and finishes it later: refund results are `pending`. */
  readonly asyncRefund: boolean;
  /**
   * How a retry with the same idempotency key is kept from refunding twice:
   * `provider` — the provider itself rejects a repeated key (and the facade looks the first one up);
   * `lookup` — the facade looks the payment up and compares it with a snapshot taken before the write.
   */
  readonly idempotency: "provider" | "lookup";
  /** Flags above that rest on inferred or unconfirmed provider behaviour (see README). */
  readonly unverified: readonly CapabilityName[];
}

export type CapabilityName = Exclude<keyof Capabilities, "unverified" | "idempotency">;

interface WriteOptions {
  /**
   * Required. The same key always means the same operation: a retry with it never refunds twice,
   * and a different request under a used key is rejected. Up to 128 visible ASCII characters; it
   * is sent to the provider as its own reference where one exists (iyzico conversationId, Sipay
   * ext_transaction_id, Parolapay merchant_ref).
   */
  idempotencyKey: string;
  /** Free text, sent where the provider has a field for it. */
  description?: string;
}

export type RefundInput<P extends ProviderId = ProviderId> = P extends ProviderId
  ? WriteOptions & {
      provider: P;
      payment: RefundRefs[P];
      /** Omit for a full refund (of what is left); the adapter looks the amount up where it needs it. */
      amount?: Money;
    }
  : never;

export type CancelProviderId = { [P in ProviderId]: [CancelRefs[P]] extends [never] ? never : P }[ProviderId];

export type CancelInput<P extends CancelProviderId = CancelProviderId> = P extends CancelProviderId
  ? WriteOptions & { provider: P; payment: CancelRefs[P] }
  : never;

export type RetrieveInput<P extends ProviderId = ProviderId> = P extends ProviderId ? { provider: P; payment: RetrieveRefs[P] } : never;

/** `pending`: the provider accepted the operation and will finish it later (DineroPay's "accepted"). */
export type WriteStatus = "succeeded" | "pending";

interface WriteResultBase<P extends ProviderId> {
  status: WriteStatus;
  provider: P;
  idempotencyKey: string;
  /** The provider operation that did it, e.g. iyzico `refundV2`, Paywall `partialRefund`. */
  providerOperation: string;
  /**
   * True when no request of this call did it: the stored result of an earlier call with the same
   * key, or what a lookup found after an earlier outcome was unknown.
   */
  replayed: boolean;
}

export interface RefundResult<P extends ProviderId = ProviderId> extends WriteResultBase<P> {
  /** What this refund gives back. */
  amount: Money;
  /** The provider's id for the refund, where it issues one. */
  refundId?: string;
}

export interface CancelResult<P extends ProviderId = ProviderId> extends WriteResultBase<P> {
  /** The amount voided, where the provider says or the facade looked it up. */
  amount?: Money;
}

export type PaymentStatus =
  | "pending"
  | "requires_action"
  | "authorized"
  | "succeeded"
  | "partially_refunded"
  | "refunded"
  | "cancelled"
  | "failed"
  | "disputed";

export interface RefundEntry {
  amount: Money;
  refundId?: string;
  /** The merchant reference the refund was made with (iyzico conversationId = idempotency key). */
  reference?: string;
  /** The basket item it came from (iyzico). */
  paymentTransactionId?: string;
  /** As the provider wrote it. */
  createdAt?: string;
}

export interface PaymentDetails<P extends ProviderId = ProviderId> {
  provider: P;
  status: PaymentStatus;
  /** The provider's own status word(s), for logs and support tickets. */
  providerStatus?: string;
  /** What the payer was charged. */
  amount?: Money;
  /** Undefined when the provider does not tell (see `capabilities(provider).refundedAmount`). */
  refundedAmount?: Money;
  /** What can still be refunded; undefined when the provider does not tell. */
  refundableAmount?: Money;
  /** Refunds so far, where the provider lists them. */
  refunds?: RefundEntry[];
}
