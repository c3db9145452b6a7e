/** What Parolapay can do, as literal types (`capabilities("parolapay")`); the comments say what each flag rests on. */
import type { Capabilities } from "../../types.ts";

export const parolapayCapabilities = {
  partialRefund: true, // the documented refund request takes an amount in kuruş
  repeatedRefund: true, // inferred, like all below but partialRefund
  itemRefund: false, // the refund names only the intent and an amount
  cancel: true, // cancel, of an intent not yet captured
  retrieve: true, // status, by intent id
  refundedAmount: true, // the intent's amount_refunded
  listsRefunds: false, // the intent lists no refunds
  lookupByMerchantReference: true,
  asyncRefund: true,
  // The facade's store only: a lost refund answer is never settled by a lookup (see adapter.ts).
  idempotency: "lookup",
  // Everything but the refund request itself is inferred in specs/parolapay.yaml: the status
  // read (refunded amount, states), cancel, and the lookup by merchant_ref (which finds intents,
  // not refunds). No per-refund reference can be looked up.
  unverified: ["repeatedRefund", "cancel", "retrieve", "refundedAmount", "lookupByMerchantReference", "asyncRefund"],
} as const satisfies Capabilities;
