/**
 * The refund rules every lookup-based adapter applies the same way, and the one way a lookup
 * becomes a `PaymentDetails`. An adapter reads its provider's lookup into a `RefundCheck` (what
 * was paid, what was refunded if the lookup says, whether it was cancelled) and its own refusals
 * (states only that provider has); the order of the checks and their messages live here only.
 */
import { precheckFailed } from "../errors.ts";
import { compare, money, subtract, type Currency, type Money } from "../money.ts";
import type { PaymentDetails, PaymentStatus, ProviderId, RefundEntry } from "../types.ts";
import { toDecimal } from "./wire.ts";

export interface RefundCheck {
  provider: ProviderId;
  /** The provider's name, the start of every message ("iyzico refund: ..."). */
  name: string;
  /** What the messages call the payment: "payment 123", "intent pi_...", "the payment". */
  subject: string;
  /** What the amount messages call the part refunded, when it is not the whole payment (an iyzico basket item). */
  part?: string;
  currency: Currency;
  /** What the payment (or the basket item) took: no refund may give back more. */
  paid: Money;
  /** Refunded so far; undefined when the lookup does not tell. */
  refunded?: Money;
  /** Set when the payment was cancelled: how, for the message ("was cancelled"). */
  cancelled?: string;
  /**
   * Set when the lookup shows earlier refunds (a state, a flag) but not their total (`refunded`
   * is undefined): what would have told it, for the message ("no refunded_amount in the status").
   * What is left is then unknown, so a refund without an amount is refused naming `amount`
   * instead of defaulting to the whole payment.
   */
  refundsUntold?: string;
  /**
   * The provider's own refusals, checked in order after the currency and the cancel and before
   * the amounts: the first error given is thrown.
   */
  refusals?: readonly (() => Error | undefined)[];
  /**
   * Check the amount against the payment's before what is left, with its own message. Set where
   * the refunded total is an inferred field (DineroPay, Paywall): the cap then does not rest on it.
   * Without it an unknown refunded total leaves the whole payment as what is left.
   */
  capAtPaid?: boolean;
}

/**
 * The amount to refund: the one asked for, checked against the lookup, or (none asked) all that is
 * left. Throws precheckFailed (nothing sent) for another currency, a cancelled or fully refunded
 * payment, the provider's refusals, no amount when what is left is unknown, or more than is left.
 */
export function refundAmount(check: RefundCheck, requested: Money | undefined): Money {
  const { provider: p, name, subject, currency, paid, refunded } = check;
  const part = check.part ?? subject;
  const at = `${name} refund`;
  if (requested !== undefined && requested.currency !== currency) {
    throw precheckFailed(
      p,
      "refund",
      "invalid_request",
      `${at}: amount is in ${requested.currency} but ${subject} is in ${currency}.`,
      "amount",
    );
  }
  if (check.cancelled !== undefined)
    throw precheckFailed(p, "refund", "already_cancelled", `${at}: ${subject} ${check.cancelled}; there is nothing to refund.`);
  for (const refusal of check.refusals ?? []) {
    const error = refusal();
    if (error !== undefined) throw error;
  }
  if (requested === undefined && refunded === undefined && check.refundsUntold !== undefined) {
    throw precheckFailed(
      p,
      "refund",
      "invalid_request",
      `${at}: ${subject} already has refunds and ${name} did not report their total (${check.refundsUntold}); pass amount (what is left to refund).`,
      "amount",
    );
  }
  const left = refunded === undefined ? paid : subtract(paid, refunded);
  if (refunded !== undefined && left.minor <= 0n) throw alreadyRefunded(check);
  const amount = requested ?? left;
  const more = (than: string) =>
    precheckFailed(
      p,
      "refund",
      "amount_exceeds_refundable",
      `${at}: ${toDecimal(amount)} ${amount.currency} is more than ${than}.`,
      "amount",
    );
  if (check.capAtPaid && compare(amount, paid) > 0) throw more(`${part}'s ${toDecimal(paid)} ${currency}`);
  if ((refunded !== undefined || !check.capAtPaid) && compare(amount, left) > 0)
    throw more(`the ${toDecimal(left)} ${currency} left to refund on ${part}`);
  return amount;
}

/** The refusal of a payment with nothing left to refund, for adapters whose lookup says so by a state. */
export function alreadyRefunded(check: Pick<RefundCheck, "provider" | "name" | "subject" | "part">): Error {
  return precheckFailed(
    check.provider,
    "refund",
    "already_refunded",
    `${check.name} refund: ${check.part ?? check.subject} is already fully refunded.`,
  );
}

/** Paid minus refunded, never below zero (a total above the payment leaves nothing). */
export function leftToRefund(paid: Money, refunded: Money): Money {
  const left = subtract(paid, refunded);
  return left.minor < 0n ? money(0n, paid.currency) : left;
}

/** A provider's status word in the normalized model; a word the table does not know is pending. */
export function statusOf(table: Readonly<Record<string, PaymentStatus>>, word: string): PaymentStatus {
  return Object.hasOwn(table, word) ? (table[word] as PaymentStatus) : "pending";
}

/**
 * The refunded and refundable amounts of a PaymentDetails: from the refunded total and what is left
 * when the lookup gives them; otherwise only what the status alone proves (nothing refunded yet of
 * a succeeded payment, nothing left of a cancelled one, and, where the provider's word means a
 * full refund, all of a refunded one).
 */
export function refundAmounts(
  status: PaymentStatus,
  paid: Money,
  seen: { refunded: Money | undefined; left: Money | undefined; fullRefundKnown: boolean },
): Pick<PaymentDetails, "refundedAmount" | "refundableAmount"> {
  if (seen.refunded !== undefined && seen.left !== undefined) return { refundedAmount: seen.refunded, refundableAmount: seen.left };
  const zero = money(0n, paid.currency);
  if (status === "succeeded") return { refundedAmount: zero, refundableAmount: paid };
  if (status === "refunded" && seen.fullRefundKnown) return { refundedAmount: paid, refundableAmount: zero };
  if (status === "cancelled") return { refundableAmount: zero };
  return {};
}

/** What an adapter read from a lookup, as the facade returns it: only what the lookup told. */
export interface Seen {
  status: PaymentStatus;
  providerStatus?: string;
  amount?: Money | undefined;
  refundedAmount?: Money | undefined;
  refundableAmount?: Money | undefined;
  refunds?: RefundEntry[] | undefined;
}

export function paymentDetails<P extends ProviderId>(provider: P, seen: Seen): PaymentDetails<P> {
  return {
    provider,
    status: seen.status,
    ...(seen.providerStatus !== undefined ? { providerStatus: seen.providerStatus } : {}),
    ...(seen.amount !== undefined ? { amount: seen.amount } : {}),
    ...(seen.refundedAmount !== undefined ? { refundedAmount: seen.refundedAmount } : {}),
    ...(seen.refundableAmount !== undefined ? { refundableAmount: seen.refundableAmount } : {}),
    ...(seen.refunds !== undefined ? { refunds: seen.refunds } : {}),
  };
}
