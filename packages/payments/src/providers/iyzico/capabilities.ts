/** What iyzico can do, as literal types (`capabilities("iyzico")`); the comments say what each flag rests on. */
import type { Capabilities } from "../../types.ts";

export const iyzicoCapabilities = {
  partialRefund: true,
  repeatedRefund: true,
  itemRefund: true,
  cancel: true,
  retrieve: true,
  refundedAmount: true,
  listsRefunds: true,
  lookupByMerchantReference: true,
  asyncRefund: false,
  idempotency: "lookup",
  // Refund and cancel lists are the reporting detail's, named and typed by iyzipay-java's models
  // (specs/iyzico.yaml, Reporting* schemas); nothing here rests on an inferred field.
  unverified: [],
} as const satisfies Capabilities;
