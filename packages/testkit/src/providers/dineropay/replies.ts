/**
 * DineroPay's answers: the HTTP 400 `{error_code: 0, error_message, errors[]}` for every rejection,
 * and the order and status objects of its success bodies (amounts as "100.00", dates as
 * "YYYY-MM-DD hh:mm:ss" in Istanbul time).
 */
import type { ProviderFailure } from "../../kit/failure.ts";
import { istanbulDateTime } from "../../kit/time.ts";
import { formatMinor } from "../../money.ts";
import type { SimReply } from "../../server.ts";
import type { JsonObject } from "../../spec.ts";
import { DINEROPAY_ERRORS, dineroPayReason } from "./errors.ts";
import type { DineroPayLedger, DineroPayPayment } from "./ledger.ts";

/** DineroPay's 400 body for one or more field errors. */
export function errorBody(errors: readonly { field: string; reason: string }[]): JsonObject {
  return {
    error_code: DINEROPAY_ERRORS.requestInvalid.code,
    error_message: DINEROPAY_ERRORS.requestInvalid.message,
    errors: errors.map((e) => ({ error_code: DINEROPAY_ERRORS.fieldError.code, error_message: `${e.field}: ${e.reason}` })),
  };
}

/** The 400 for one broken rule. */
export function rejection(failure: ProviderFailure): SimReply {
  return { status: 400, body: errorBody([{ field: failure.field ?? "request", reason: dineroPayReason(failure) }]) };
}

export function notFound(): SimReply {
  return { status: 404, body: { error_code: DINEROPAY_ERRORS.routeNotFound.code, error_message: DINEROPAY_ERRORS.routeNotFound.message } };
}

/** "YYYY-MM-DD hh:mm:ss" (DineroPay's format), in the simulator's financial-day time zone. */
export function dateTime(date: Date): string {
  return istanbulDateTime(date, " ");
}

export function order(p: DineroPayPayment): JsonObject {
  return { number: p.orderNumber, amount: formatMinor(p.amount, 2), currency: p.currency, description: p.description };
}

/** The body of getPaymentStatus. */
export function paymentStatus(p: DineroPayPayment, ledger: DineroPayLedger): JsonObject {
  const { settled } = ledger.refundTotals(p);
  return {
    payment_id: p.paymentId,
    date: dateTime(p.createdAt),
    status: p.status,
    reason: p.reason,
    recurring_token: p.recurringToken ?? null,
    shedule_id: p.scheduleId ?? null,
    order: order(p),
    customer: {
      ...(p.customer?.name !== undefined ? { name: p.customer.name } : {}),
      ...(p.customer?.email !== undefined ? { email: p.customer.email } : {}),
    },
    digital_wallet: null,
    // Not a DineroPay field: the simulator's proposal so a caller can tell a partial refund from a
    // full one (the status only says "refund"). Settled refunds only, like the status.
    refunded_amount: formatMinor(settled, 2),
  };
}
