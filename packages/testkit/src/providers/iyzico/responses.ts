/**
 * iyzico's answers built from the ledger: the payment result (POST /payment/auth and /payment/detail,
 * which carries no refund or cancel lists) and the reporting detail (GET /v2/reporting/payment/details,
 * which does: `itemTransactions[].refunds` with each refund's `refundConversationId`, and `cancels`
 * with each cancel's `cancelConversationId`, as in specs/iyzico.yaml's Reporting* schemas).
 */
import { istanbulDateTime, istanbulDay } from "../../kit/time.ts";
import { minorToNumber } from "../../money.ts";
import type { JsonObject } from "../../spec.ts";
import { responseSignature } from "./auth.ts";
import { lookupBin } from "./catalog.ts";
import type { LedgerCancel, LedgerPayment } from "./ledger.ts";

/** The payment's refund state, in the reporting model's words. */
export function refundStatus(payment: LedgerPayment): "NOT_REFUNDED" | "PARTIALLY_REFUNDED" | "TOTALLY_REFUNDED" {
  if (payment.refunded === 0) return "NOT_REFUNDED";
  return payment.refunded < payment.paidPrice ? "PARTIALLY_REFUNDED" : "TOTALLY_REFUNDED";
}

export function paymentResult(payment: LedgerPayment, conversationId: string | undefined, secretKey: string): JsonObject {
  const price = minorToNumber(payment.price);
  const paidPrice = minorToNumber(payment.paidPrice);
  return {
    price,
    paidPrice,
    installment: payment.installment,
    paymentId: payment.paymentId,
    paymentStatus: payment.status,
    fraudStatus: 1,
    merchantCommissionRateAmount: minorToNumber(payment.paidPrice - payment.price),
    ...cardAndAuth(payment),
    phase: payment.phase,
    hostReference: "mock00007iyzihostrfn",
    // Payment signature order: paymentId, currency, basketId, conversationId, paidPrice, price
    // (docs.iyzico.com/en/advanced/response-signature-validation); prices as the JSON numbers.
    signature: responseSignature(secretKey, [
      payment.paymentId,
      payment.currency,
      payment.basketId ?? "",
      conversationId ?? "",
      String(paidPrice),
      String(price),
    ]),
    itemTransactions: payment.items.map((item) => ({
      itemId: item.itemId,
      paymentTransactionId: item.paymentTransactionId,
      transactionStatus: 2,
      price: minorToNumber(item.price),
      paidPrice: minorToNumber(item.paidPrice),
      merchantCommissionRateAmount: minorToNumber(item.paidPrice - item.price),
      blockageResolvedDate: blockageResolvedDate(payment),
    })),
  };
}

/** The card, basket, currency and auth code fields, the same in the payment result and the reporting detail. */
function cardAndAuth(payment: LedgerPayment): JsonObject {
  const card = lookupBin(payment.card.binNumber);
  return {
    cardType: card.cardType,
    cardAssociation: card.cardAssociation,
    cardFamily: card.cardFamily,
    binNumber: payment.card.binNumber,
    lastFourDigits: payment.card.lastFourDigits,
    ...(payment.basketId !== undefined ? { basketId: payment.basketId } : {}),
    currency: payment.currency,
    authCode: authCode(Number(payment.paymentId)),
  };
}

/**
 * One entry of the reporting detail's `payments`. Ids go out as JSON numbers, as iyzipay-java's Long
 * fields suggest. The integer statuses (1) are the simulator's choice: no source lists their values.
 */
export function reportingPayment(payment: LedgerPayment, cancels: readonly LedgerCancel[]): JsonObject {
  const updated = [payment.createdAt, ...payment.items.flatMap((i) => i.refunds.map((r) => r.at)), ...cancels.map((c) => c.at)];
  return {
    paymentId: Number(payment.paymentId),
    paymentStatus: payment.status === "SUCCESS" ? 1 : 0,
    paymentRefundStatus: refundStatus(payment),
    price: minorToNumber(payment.price),
    paidPrice: minorToNumber(payment.paidPrice),
    installment: payment.installment,
    merchantCommissionRateAmount: minorToNumber(payment.paidPrice - payment.price),
    ...(payment.conversationId !== undefined ? { paymentConversationId: payment.conversationId } : {}),
    fraudStatus: 1,
    ...cardAndAuth(payment),
    threeDS: payment.threeDS === true,
    phase: payment.phase,
    hostReference: "mock00007iyzihostrfn",
    createdDate: istanbulDateTime(payment.createdAt),
    updatedDate: istanbulDateTime(new Date(Math.max(...updated.map((d) => d.getTime())))),
    cancels: cancels.map((c) => ({
      refundId: Number(c.cancelId),
      ...(c.conversationId !== undefined ? { cancelConversationId: c.conversationId } : {}),
      refundPrice: minorToNumber(c.amount),
      refundStatus: 1,
      isAfterSettlement: false,
      createdDate: istanbulDateTime(c.at),
      currencyCode: payment.currency,
      authCode: authCode(Number(c.cancelId)),
      hostReference: "mock00007iyzihostrfn",
    })),
    itemTransactions: payment.items.map((item) => ({
      itemId: item.itemId,
      paymentTransactionId: Number(item.paymentTransactionId),
      transactionStatus: 2,
      price: minorToNumber(item.price),
      paidPrice: minorToNumber(item.paidPrice),
      merchantCommissionRateAmount: minorToNumber(item.paidPrice - item.price),
      blockageResolvedDate: blockageResolvedDate(payment),
      refunds: item.refunds.map((r) => ({
        refundTxId: Number(r.refundTxId),
        ...(r.conversationId !== undefined ? { refundConversationId: r.conversationId } : {}),
        refundPrice: minorToNumber(r.amount),
        refundStatus: 1,
        isAfterSettlement: false,
        createdDate: istanbulDateTime(r.at),
        currencyCode: payment.currency,
        authCode: authCode(Number(r.refundTxId)),
        hostReference: "mock00007iyzihostrfn",
      })),
    })),
  };
}

function blockageResolvedDate(payment: LedgerPayment): string {
  return `${istanbulDay(payment.createdAt)} 00:00:00`;
}

/** A six-digit bank authorization code, deterministic so runs are reproducible. */
export function authCode(seed: number): string {
  return String(100_000 + ((seed * 7_919) % 900_000));
}

/** "2024-06-13 14:05:00" in Istanbul time, iyzico's date format. */
export { istanbulDateTime };
