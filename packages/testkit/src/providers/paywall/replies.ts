/**
 * Paywall's answers: the envelope `{ErrorCode, Result, Message, Body}` in HTTP 200 for every
 * answer, failures included, and the bodies built from the ledger (operation results, the inquiry).
 */
import type { ProviderFailure } from "../../kit/failure.ts";
import { istanbulDateTime } from "../../kit/time.ts";
import { minorToNumber } from "../../money.ts";
import type { HandledReply, SimReply } from "../../server.ts";
import type { JsonObject, JsonValue } from "../../spec.ts";
import { lookupBin } from "./catalog.ts";
import { describeFailure } from "./errors.ts";
import { CURRENCY_NAMES, type ActivityType, type PaywallActivity, type PaywallPayment } from "./ledger.ts";

export function envelope(body: JsonValue): JsonObject {
  return { ErrorCode: 0, Result: true, Message: "", Body: body };
}

/** A success: the envelope around `body`, applied. */
export function ok(body: JsonValue): HandledReply {
  return { applied: true, body: envelope(body) };
}

/** Paywall's failure envelope (HTTP 200 unless the path does not exist). */
export function failure(error: ProviderFailure, status = 200): SimReply {
  const { code, text } = describeFailure(error);
  return { status, body: { ErrorCode: code, Result: false, Message: text, Body: null } };
}

/** What a refund / cancel / revert answers in its open `Body` (the docs publish no field list). */
export function operationResult(payment: PaywallPayment, activity: PaywallActivity): HandledReply {
  return ok({
    PaymentId: payment.paymentId,
    ActivityId: activity.activityId,
    UniqueCode: payment.uniqueCode,
    MerchantUniqueCode: payment.merchantUniqueCode,
    TypeName: activity.type,
    Amount: minorToNumber(activity.amount),
  });
}

/** The simulator's own TypeId / StatusId values: Paywall does not publish its lists (UNKNOWN). */
const TYPE_IDS: Record<ActivityType, number> = { Sale: 1, Refund: 2, PartialRefund: 3, Cancel: 4 };
const STATUS: Record<PaywallPayment["state"], { id: number; name: string }> = {
  succeeded: { id: 1, name: "Successful" },
  pending: { id: 0, name: "Pending" },
  failed: { id: 2, name: "Unsuccessful" },
};
const CHANNELS: Record<number, string> = { 0: "Unspecified", 1: "Web", 2: "Android", 3: "iOS", 4: "Custom" };

/** Body.Paywall of the inquiry (SDK QueryResult.cs), built from the ledger. */
export function inquiry(payment: PaywallPayment): JsonObject {
  const last = payment.activities.at(-1);
  const card = lookupBin(payment.card.maskedNumber.slice(0, 6));
  const status = STATUS[payment.state];
  return {
    PaymentId: payment.paymentId,
    ActivityId: last?.activityId ?? 0,
    PaymentGatewayId: 12,
    PaymentGatewayName: "Test POS",
    PaymentGatewayProviderName: "TestBank",
    AnySuccessPayment: payment.state === "succeeded",
    AnySuccessRefund: payment.anyFullRefund,
    AnySuccessPartialRefund: payment.anyPartialRefund,
    AnySuccessCancel: payment.cancelledAt !== undefined,
    Status: payment.state === "succeeded",
    StatusName: status.name,
    StatusId: status.id,
    TypeName: last?.type ?? "Sale",
    TypeId: TYPE_IDS[last?.type ?? "Sale"],
    Installment: payment.installment,
    CurrencyId: payment.currencyId,
    CurrencyName: CURRENCY_NAMES[payment.currencyId] ?? null,
    PaymentMethodId: 1,
    PaymentMethodName: "Card",
    PaymentChannelId: payment.channelId,
    PaymentChannelName: CHANNELS[payment.channelId] ?? null,
    PaymentTagId: 0,
    PaymentTagName: null,
    CardNumber: payment.card.maskedNumber,
    CardOwnerName: payment.card.ownerName,
    CardBankName: card.CardBank,
    CardBrandName: card.CardBrand,
    CardTypeName: card.CardType,
    CardFamilyName: card.CardFamily,
    LastActivityDateTime: istanbulDateTime(last?.at ?? payment.createdAt, "T"),
    PaymentAmount: minorToNumber(payment.amount),
    ActivityAmount: minorToNumber(last?.amount ?? payment.amount),
    IP: payment.ip,
    AppliedInterest: false,
    InterestRate: 0,
    CommissionRate: null,
    OriginalAmount: minorToNumber(payment.amount),
    InterestAmount: 0,
    CommissionAmount: null,
    // Not a Paywall field (QueryResult.cs has only the Any* flags): the simulator's proposal so a
    // caller can know how much is left after partial refunds. See the testkit README / report.
    RefundedAmount: minorToNumber(payment.refunded),
  };
}
