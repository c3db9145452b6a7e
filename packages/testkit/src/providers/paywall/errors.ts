/**
 * Every failure the Paywall simulator answers with, in Paywall's envelope
 * `{ErrorCode, Result: false, Message, Body: null}` inside HTTP 200.
 *
 * Paywall has two numberings (specs/paywall.yaml, providers.md §3): the documented Payment API list
 * (-1, 2, 4, 26 ...) and the .NET SDK's `ErrorCodes` enum (56, 92, 93, 94, 269, 373, 401 ...).
 * Which one the private endpoints return is UNKNOWN; the simulator uses the documented list where
 * it has the case and the SDK enum otherwise. `inSpec` says whether the code is a key of the spec's
 * x-odeme-errors (so the generated client maps it to a unified code); `false` codes come back as
 * provider_error until the spec maps them.
 */

interface ErrorEntry {
  code: number;
  message: string;
  /** The unified code the spec maps `code` to, or undefined when the spec does not list it. */
  unified: string | undefined;
  /** Where the number comes from. */
  source: "docs" | "sdk-enum";
}

export const PAYWALL_ERRORS = {
  // SDK enum Unauthorized = 401; the docs' list has no authentication code.
  authentication: { code: 401, message: "Unauthorized: the api key and api client headers are not valid", unified: "authentication", source: "sdk-enum" },
  // Docs: 2 "unexpected parameters".
  invalidRequest: { code: 2, message: "Unexpected parameters", unified: "invalid_request", source: "docs" },
  // Docs: 4 "MerchantUniqueCode already exists".
  duplicateMerchantUniqueCode: { code: 4, message: "MerchantUniqueCode already exists", unified: "duplicate", source: "docs" },
  // Docs: 26 "product amounts do not sum to Amount".
  productTotalMismatch: { code: 26, message: "The sum of ProductAmount values must equal PaymentDetail.Amount", unified: "invalid_request", source: "docs" },
  // Docs: -1 "payment not found / general error" (the spec's examples use this message); the
  // private operations override -1 to not_found.
  paymentNotFound: { code: -1, message: "Payment not found", unified: "not_found", source: "docs" },
  // SDK enum PaymentHasSuccessfulRefund = 93.
  alreadyRefunded: { code: 93, message: "The payment has a successful refund", unified: "already_refunded", source: "sdk-enum" },
  // SDK enum PaymentHasSuccessfulCancel = 94.
  alreadyCancelled: { code: 94, message: "The payment has a successful cancel", unified: "already_cancelled", source: "sdk-enum" },
  // SDK enum ApmPartialRefundAmountMoreThanTransactionAmount = 373 (APM-named; used for cards too).
  refundExceeds: { code: 373, message: "The refund amount is more than the refundable amount of the payment", unified: "amount_exceeds_refundable", source: "sdk-enum" },
  // SDK enum ThisOperationCannotDoInThisTime = 269 (in the spec, marked uncertain).
  cancelWindowClosed: {
    code: 269,
    message: "A payment can only be cancelled on the day it was made; refund it instead",
    unified: "cancel_window_closed",
    source: "sdk-enum",
  },
  // SDK enum PaymentNotConvenientForOperation = 92 (a 3-D payment not completed yet; in the spec, uncertain).
  paymentNotCompleted: { code: 92, message: "The payment is not convenient for this operation: it is not completed", unified: "invalid_request", source: "sdk-enum" },
  // SDK enum NotFound = 404, for a path Paywall does not have.
  routeNotFound: { code: 404, message: "Not found", unified: "not_found", source: "sdk-enum" },
} as const satisfies Record<string, ErrorEntry>;

export type PaywallErrorKey = keyof typeof PAYWALL_ERRORS;

/** A broken rule, thrown by the ledger and turned into Paywall's failure envelope by the simulator. */
export class PaywallFailure extends Error {
  override readonly name = "PaywallFailure";
  constructor(
    readonly key: PaywallErrorKey,
    /** Appended to the message (the field at fault, the amount left ...). */
    readonly detail?: string,
  ) {
    super(`${PAYWALL_ERRORS[key].code} ${PAYWALL_ERRORS[key].message}${detail ? `: ${detail}` : ""}`);
  }

  get code(): number {
    return PAYWALL_ERRORS[this.key].code;
  }

  /** The envelope's Message. */
  get text(): string {
    const base: string = PAYWALL_ERRORS[this.key].message;
    return this.detail ? `${base}: ${this.detail}` : base;
  }
}
