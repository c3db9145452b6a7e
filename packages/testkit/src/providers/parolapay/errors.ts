/**
 * Every failure the Parolapay simulator answers with. Parolapay documents no error model and no
 * error codes (specs/parolapay.yaml, "Envelope (inferred)"): the body shape `{error: {code,
 * message}}` on a 4xx is the spec's assumption, and every code below is chosen by the simulator in
 * the snake_case, Stripe-like style of the intent API. The spec's `x-odeme-errors` lists every one
 * of them, marked inferred (its ErrorBody `error.code`), with the `unified` code below: where that
 * says no more than the HTTP status (400/422 -> invalid_request, 404 -> not_found, 402 ->
 * provider_error), it is the code the status would give, so listing it changes nothing the client
 * does. test/providers/errors.test.ts holds the table and the spec together (a code the spec does
 * not list fails there).
 */
import { failureOf, withDetail, type ProviderFailure } from "../../kit/failure.ts";

export interface ParolapayErrorEntry {
  code: string;
  status: 400 | 401 | 402 | 404 | 409 | 422;
  message: string;
  /** The unified odeme code specs/parolapay.yaml x-odeme-errors maps `code` to. */
  unified: string;
}

export const PAROLAPAY_ERRORS = {
  unauthorized: { code: "unauthorized", status: 401, message: "Invalid username or password", unified: "authentication" },
  invalidRequest: { code: "invalid_request", status: 400, message: "Invalid request", unified: "invalid_request" },
  routeNotFound: { code: "not_found", status: 404, message: "Not found", unified: "not_found" },
  intentNotFound: { code: "intent_not_found", status: 404, message: "No payment intent with this id", unified: "not_found" },
  paymentNotFound: {
    code: "payment_not_found",
    status: 404,
    message: "No card payment with this payment_reference",
    unified: "not_found",
  },
  cardNotFound: { code: "card_not_found", status: 404, message: "No saved card with this card_token", unified: "not_found" },
  merchantRefNotFound: {
    code: "intent_not_found",
    status: 404,
    message: "No payment intent with this merchant_ref",
    unified: "not_found",
  },
  duplicateMerchantRef: {
    code: "duplicate_merchant_ref",
    status: 409,
    message: "merchant_ref has already been used for a different request",
    unified: "duplicate",
  },
  invalidCardNumber: { code: "invalid_card_number", status: 400, message: "Card number is invalid", unified: "invalid_request" },
  currencyMismatch: {
    code: "currency_mismatch",
    status: 400,
    message: "currency does not match the payment's currency",
    unified: "invalid_request",
  },
  invalidAmount: { code: "invalid_amount", status: 400, message: "amount must be greater than 0", unified: "invalid_request" },
  cardDeclined: { code: "card_declined", status: 402, message: "The card was declined by the bank", unified: "provider_error" },
  invalidOtp: { code: "invalid_otp", status: 422, message: "The OTP is not correct", unified: "invalid_request" },
  otpExpired: { code: "otp_expired", status: 422, message: "The OTP has expired; resend it", unified: "invalid_request" },
  otpAttemptsExceeded: {
    code: "otp_attempts_exceeded",
    status: 422,
    message: "Too many wrong OTP attempts; the payment has failed",
    unified: "invalid_request",
  },
  invalidState: {
    code: "invalid_state",
    status: 422,
    message: "The payment is not in a state that allows this",
    unified: "invalid_request",
  },
  alreadyCaptured: { code: "already_captured", status: 422, message: "The payment has already been captured", unified: "invalid_request" },
  alreadyCancelled: {
    code: "already_cancelled",
    status: 422,
    message: "The payment has already been cancelled",
    unified: "already_cancelled",
  },
  alreadyRefunded: {
    code: "already_refunded",
    status: 422,
    message: "The payment has already been fully refunded",
    unified: "already_refunded",
  },
  amountExceedsRefundable: {
    code: "amount_exceeds_refundable",
    status: 422,
    message: "amount is greater than the captured amount minus refunds",
    unified: "amount_exceeds_refundable",
  },
  amountExceedsAuthorized: {
    code: "amount_exceeds_authorized",
    status: 422,
    message: "amount is greater than the authorized amount",
    unified: "invalid_request",
  },
  cancelWindowClosed: {
    code: "cancel_window_closed",
    status: 422,
    message: "A captured payment can only be cancelled on the day of capture; refund it instead",
    unified: "cancel_window_closed",
  },
  cancelAfterRefund: {
    code: "cancel_after_refund",
    status: 422,
    message: "A payment with refunds cannot be cancelled; refund the rest instead",
    unified: "already_refunded",
  },
} as const satisfies Record<string, ParolapayErrorEntry>;

export type ParolapayErrorKey = keyof typeof PAROLAPAY_ERRORS;

/** A broken rule, thrown by the ledger and turned into `{error: {code, message}}` (failureBody). */
export const parolapayFailure = failureOf(PAROLAPAY_ERRORS);

/** The HTTP status and error body for `failure`. */
export function failureBody(failure: ProviderFailure): { status: number; body: { error: { code: string; message: string } } } {
  const entry: ParolapayErrorEntry = PAROLAPAY_ERRORS[failure.key as ParolapayErrorKey];
  return { status: entry.status, body: { error: { code: entry.code, message: withDetail(entry.message, failure.detail, "parens") } } };
}
