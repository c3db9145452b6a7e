/** What DineroPay can do, as literal types (`capabilities("dineropay")`); the comments say what each flag rests on. */
import type { Capabilities } from "../../types.ts";

export const dineropayCapabilities = {
  partialRefund: true, // refund takes an amount (Akurateco Checkout)
  repeatedRefund: true, // not stated by the documents (unverified below)
  itemRefund: false, // the refund names only the payment and an amount
  cancel: true, // void: a settled payment, on its financial day
  retrieve: true, // getPaymentStatus
  refundedAmount: true, // the status's refunded_amount, settled refunds only
  listsRefunds: false, // the status is one word for the whole payment
  // No per-refund reference carries the idempotency key (the refund request has none, the status
  // lists no refunds): a write can never be found by its key, so "applied" is never proven by a
  // lookup and a crash that loses the idempotency store cannot be detected (README).
  lookupByMerchantReference: false,
  asyncRefund: true,
  idempotency: "lookup",
  // The Akurateco documents read say nothing about a second partial refund. The refunded total is
  // the status's refunded_amount, an inferred field (specs/dineropay.yaml), and counts settled
  // refunds only.
  unverified: ["repeatedRefund", "refundedAmount"],
} as const satisfies Capabilities;
