/** What Sipay Wallet can do, as literal types (`capabilities("sipay-wallet")`); the comments say what each flag rests on. */
import type { Capabilities } from "../../types.ts";

export const sipayWalletCapabilities = {
  partialRefund: true,
  repeatedRefund: true,
  itemRefund: false,
  cancel: false,
  retrieve: true,
  refundedAmount: false,
  listsRefunds: false,
  lookupByMerchantReference: true,
  asyncRefund: false,
  idempotency: "provider",
  // retrieve reads transactionReceipt, whose payload is inferred. The lookup by ext_transaction_id
  // (summaryRecordByFilter: its filters, `payload.results`, the 3-day default window and paging)
  // is documented by Sipay; so it is not listed here.
  unverified: ["retrieve"],
} as const satisfies Capabilities;
