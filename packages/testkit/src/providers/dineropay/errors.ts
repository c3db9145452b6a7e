/**
 * DineroPay's (Akurateco Checkout's) one documented failure shape, HTTP 400:
 *   {error_code: 0, error_message: "Request data is invalid.", errors: [{error_code: 100000, error_message: "<field>: <message>"}]}
 * The spec documents only these two codes (0 and 100000, both invalid_request); every rule the
 * simulator enforces is a field error in that shape. The per-rule messages are the simulator's own:
 * DineroPay documents only "hash: Hash is not valid.".
 */
import { ProviderFailure, withDetail } from "../../kit/failure.ts";

/** Every code the simulator answers with, and the unified code the client gives it. */
export const DINEROPAY_ERRORS = {
  requestInvalid: { code: 0, message: "Request data is invalid.", unified: "invalid_request" },
  fieldError: { code: 100000, message: "<field>: <message>", unified: "invalid_request" },
  // A path DineroPay does not have; not in the spec: the client maps the 404 by its HTTP status.
  routeNotFound: { code: 404, message: "Not found.", unified: "not_found" },
} as const;

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
  amountFormat: "The amount format is invalid.",
  voidNotSettled: "Only a settled payment can be voided.",
  voidHasRefunds: "Payment has refunds and cannot be voided.",
  voidWindowClosed: "A payment can only be voided on the day it was settled; refund it instead.",
  recurringNotFound: "Initial recurring transaction not found.",
  recurringTokenInvalid: "Recurring token is not valid.",
  // The message is the failure's detail: a schema issue's reason, an operation not simulated.
  asGiven: "",
} as const;

export type DineroPayRule = keyof typeof DINEROPAY_MESSAGES;

/** A broken rule on `field`: one field error (code 100000), answered with HTTP 400 in DineroPay's shape. */
export function dineroPayFailure(field: string, rule: DineroPayRule, detail?: string): ProviderFailure<DineroPayRule> {
  return new ProviderFailure(rule, detail, { field });
}

/** The failure's message inside its field error: the rule's text, then the detail. */
export function dineroPayReason(failure: ProviderFailure): string {
  const base: string = DINEROPAY_MESSAGES[failure.key as DineroPayRule] ?? "";
  return base ? withDetail(base, failure.detail, "space") : (failure.detail ?? "");
}
