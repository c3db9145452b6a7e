/**
 * Every failure the Paywall simulator answers with, in Paywall's envelope
 * `{ErrorCode, Result: false, Message, Body: null}` inside HTTP 200.
 *
 * Codes are the .NET SDK's `ErrorCodes` enum (repo paywallone/PayWall.NetCore,
 * src/PayWall.NetCore/Models/Common/ErrorCodes.cs), the numbering specs/paywall.yaml follows
 * because the SDK types `ErrorCode` with it in the answers of both hosts. The web docs' list gives
 * the same numbers other meanings (4 there is a duplicate MerchantUniqueCode, 119 here), so the
 * simulator does not use it. `unified` is what the spec's x-odeme-errors maps the code to.
 */
import { failureOf, withDetail, type ProviderFailure } from "../../kit/failure.ts";

interface ErrorEntry {
  code: number;
  message: string;
  /** The unified code the spec maps `code` to, or undefined when the spec does not list it. */
  unified: string | undefined;
  /** The SDK enum member the number is. */
  sdkName: string;
}

export const PAYWALL_ERRORS = {
  authentication: {
    code: 401,
    message: "Unauthorized: the api key and api client headers are not valid",
    unified: "authentication",
    sdkName: "Unauthorized",
  },
  invalidRequest: { code: 2, message: "Invalid data", unified: "invalid_request", sdkName: "InvalidData" },
  duplicateMerchantUniqueCode: {
    code: 119,
    message: "MerchantUniqueCode already exists",
    unified: "duplicate",
    sdkName: "MerchantUniqueCodeAlreadyExist",
  },
  // No enum member names a basket total mismatch; InvalidData is the general one.
  productTotalMismatch: {
    code: 2,
    message: "Invalid data: the sum of ProductAmount values must equal PaymentDetail.Amount",
    unified: "invalid_request",
    sdkName: "InvalidData",
  },
  paymentNotFound: { code: 56, message: "Payment not found", unified: "not_found", sdkName: "PaymentNotFound" },
  alreadyRefunded: {
    code: 93,
    message: "The payment has a successful refund",
    unified: "already_refunded",
    sdkName: "PaymentHasSuccessfulRefund",
  },
  alreadyCancelled: {
    code: 94,
    message: "The payment has a successful cancel",
    unified: "already_cancelled",
    sdkName: "PaymentHasSuccessfulCancel",
  },
  // APM-named; used for cards too (which code a card over-refund gets is not documented).
  refundExceeds: {
    code: 373,
    message: "The refund amount is more than the refundable amount of the payment",
    unified: "amount_exceeds_refundable",
    sdkName: "ApmPartialRefundAmountMoreThanTransactionAmount",
  },
  cancelWindowClosed: {
    code: 269,
    message: "A payment can only be cancelled on the day it was made; refund it instead",
    unified: "cancel_window_closed",
    sdkName: "ThisOperationCannotDoInThisTime",
  },
  // A 3-D payment not completed yet (in the spec, uncertain).
  paymentNotCompleted: {
    code: 92,
    message: "The payment is not convenient for this operation: it is not completed",
    unified: "invalid_request",
    sdkName: "PaymentNotConvenientForOperation",
  },
  // For a path Paywall does not have.
  routeNotFound: { code: 404, message: "Not found", unified: "not_found", sdkName: "NotFound" },
} as const satisfies Record<string, ErrorEntry>;

export type PaywallErrorKey = keyof typeof PAYWALL_ERRORS;

/** A broken rule, thrown by the ledger and turned into Paywall's failure envelope (replies.ts). */
export const paywallFailure = failureOf(PAYWALL_ERRORS);

/** The envelope's ErrorCode and Message for `failure`: the entry's message, then the detail (the field at fault, the amount left ...). */
export function describeFailure(failure: ProviderFailure): { code: number; text: string } {
  const entry = PAYWALL_ERRORS[failure.key as PaywallErrorKey];
  return { code: entry.code, text: withDetail(entry.message, failure.detail, "colon") };
}
