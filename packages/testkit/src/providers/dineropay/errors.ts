/**
 * DineroPay's (Akurateco Checkout's) one documented failure shape, HTTP 400:
 *   {error_code: 0, error_message: "Request data is invalid.", errors: [{error_code: 100000, error_message: "<field>: <message>"}]}
 * The spec documents only these two codes (0 and 100000, both invalid_request); every rule the
 * simulator enforces is a field error in that shape. The per-rule messages are the simulator's own:
 * DineroPay documents only "hash: Hash is not valid.".
 */

export const REQUEST_INVALID = { code: 0, message: "Request data is invalid." } as const;
export const FIELD_ERROR_CODE = 100000;

/** The exact messages the simulator uses, so tests and callers can match them. */
export const DINEROPAY_MESSAGES = {
  hashInvalid: "Hash is not valid.",
  paymentNotFound: "Payment not found.",
  orderNotFound: "Order not found.",
  notSettled: "Payment is not settled and cannot be refunded.",
  voided: "Payment is voided and cannot be refunded.",
  fullyRefunded: "Payment is already fully refunded.",
  refundExceeds: "Refund amount exceeds the refundable amount.",
  amountNotPositive: "Amount must be greater than 0.",
  voidNotSettled: "Only a settled payment can be voided.",
  voidHasRefunds: "Payment has refunds and cannot be voided.",
  voidWindowClosed: "A payment can only be voided on the day it was settled; refund it instead.",
  recurringNotFound: "Initial recurring transaction not found.",
  recurringTokenInvalid: "Recurring token is not valid.",
} as const;

/** A broken rule: one field error, answered with HTTP 400 in DineroPay's shape. */
export class DineroPayFailure extends Error {
  override readonly name = "DineroPayFailure";
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly status = 400,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** DineroPay's 400 body for one or more field errors. */
export function errorBody(errors: readonly { field: string; reason: string }[]) {
  return {
    error_code: REQUEST_INVALID.code,
    error_message: REQUEST_INVALID.message,
    errors: errors.map((e) => ({ error_code: FIELD_ERROR_CODE, error_message: `${e.field}: ${e.reason}` })),
  };
}
