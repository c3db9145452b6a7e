/** What Paywall can do, as literal types (`capabilities("paywall")`); the comments say what each flag rests on. */
import type { Capabilities } from "../../types.ts";

export const paywallCapabilities = {
  partialRefund: true, // partialRefund, partialRefundByUniqueCode, revertByPaymentId take an Amount
  repeatedRefund: true, // implied by the SDK's CompletePartialRefund (unverified below)
  itemRefund: false, // refunds name only the payment and an Amount
  cancel: true, // cancel, cancelByUniqueCode (not by PaymentId)
  retrieve: true, // queryPayment, queryPaymentByPaymentId (not by uniqueCode)
  refundedAmount: true, // the inquiry's RefundedAmount, else only what its flags prove
  listsRefunds: false, // the inquiry has flags and the last activity, no list
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
