/**
 * Every failure the Parolapay simulator answers with. Parolapay documents no error model and no
 * error codes (specs/parolapay.yaml, "Envelope (inferred)"): the body shape `{error: {code,
 * message}}` on a 4xx is the spec's assumption, and every code below is chosen by the simulator in
 * the snake_case, Stripe-like style of the intent API. The spec's `x-odeme-errors` lists the codes
 * whose unified code says more than their HTTP status (duplicate_merchant_ref, the refund and
 * cancel rules, the two not-found codes, unauthorized); the client maps every other one by HTTP
 * status: 401 -> authentication, 400/422 -> invalid_request, 404 -> not_found, 409 -> duplicate,
 * 402 -> provider_error. `proposed` is the unified code each one should get; test/providers/errors.test.ts
 * holds the table and the spec together (a code the spec does not list must be named there, with why).
 */
import { failureOf, withDetail, type ProviderFailure } from "../../kit/failure.ts";

export interface ParolapayErrorEntry {
  code: string;
  status: 400 | 401 | 402 | 404 | 409 | 422;
  message: string;
  /** The unified odeme code proposed for specs/parolapay.yaml x-odeme-errors. */
  proposed: string;
}

export const PAROLAPAY_ERRORS = {
  unauthorized: { code: "unauthorized", status: 401, message: "Invalid username or password", proposed: "authentication" },
  invalidRequest: { code: "invalid_request", status: 400, message: "Invalid request", proposed: "invalid_request" },
  routeNotFound: { code: "not_found", status: 404, message: "Not found", proposed: "not_found" },
  intentNotFound: { code: "intent_not_found", status: 404, message: "No payment intent with this id", proposed: "not_found" },
  paymentNotFound: {
    code: "payment_not_found",
    status: 404,
    message: "No card payment with this payment_reference",
    proposed: "not_found",
  },
  cardNotFound: { code: "card_not_found", status: 404, message: "No saved card with this card_token", proposed: "not_found" },
  merchantRefNotFound: {
    code: "intent_not_found",
    status: 404,
    message: "No payment intent with this merchant_ref",
    proposed: "not_found",
  },
  duplicateMerchantRef: {
    code: "duplicate_merchant_ref",
    status: 409,
    message: "merchant_ref has already been used for a different request",
    proposed: "duplicate",
  },
  invalidCardNumber: { code: "invalid_card_number", status: 400, message: "Card number is invalid", proposed: "invalid_request" },
  currencyMismatch: {
    code: "currency_mismatch",
    status: 400,
    message: "currency does not match the payment's currency",
    proposed: "invalid_request",
  },
  invalidAmount: { code: "invalid_amount", status: 400, message: "amount must be greater than 0", proposed: "invalid_request" },
  cardDeclined: { code: "card_declined", status: 402, message: "The card was declined by the bank", proposed: "provider_error" },
  invalidOtp: { code: "invalid_otp", status: 422, message: "The OTP is not correct", proposed: "invalid_request" },
  otpExpired: { code: "otp_expired", status: 422, message: "The OTP has expired; resend it", proposed: "invalid_request" },
  otpAttemptsExceeded: {
    code: "otp_attempts_exceeded",
    status: 422,
    message: "Too many wrong OTP attempts; the payment has failed",
    proposed: "invalid_request",
  },
  invalidState: {
    code: "invalid_state",
    status: 422,
    message: "The payment is not in a state that allows this",
    proposed: "invalid_request",
  },
  alreadyCaptured: { code: "already_captured", status: 422, message: "The payment has already been captured", proposed: "invalid_request" },
  alreadyCancelled: {
    code: "already_cancelled",
    status: 422,
    message: "The payment has already been cancelled",
    proposed: "already_cancelled",
  },
  alreadyRefunded: {
    code: "already_refunded",
    status: 422,
    message: "The payment has already been fully refunded",
    proposed: "already_refunded",
  },
  amountExceedsRefundable: {
    code: "amount_exceeds_refundable",
    status: 422,
    message: "amount is greater than the captured amount minus refunds",
    proposed: "amount_exceeds_refundable",
  },
  amountExceedsAuthorized: {
    code: "amount_exceeds_authorized",
    status: 422,
    message: "amount is greater than the authorized amount",
    proposed: "invalid_request",
  },
  cancelWindowClosed: {
    code: "cancel_window_closed",
    status: 422,
    message: "A captured payment can only be cancelled on the day of capture; refund it instead",
    proposed: "cancel_window_closed",
  },
  cancelAfterRefund: {
    code: "cancel_after_refund",
    status: 422,
    message: "A payment with refunds cannot be cancelled; refund the rest instead",
    proposed: "already_refunded",
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
