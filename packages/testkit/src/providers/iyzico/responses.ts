/**
 * iyzico's payment result (POST /payment/auth and /payment/detail) built from the ledger. Besides
 * the spec's fields it reports refunds and cancels with the names of iyzipay-java's reporting model
 * (PaymentDetail.paymentRefundStatus and cancels, PaymentTxDetail.refunds, RefundTxDetail), because
 * the spec's PaymentResult has no place for them yet.
 */
import { calendarDay } from "../../clock.ts";
import { minorToNumber } from "../../money.ts";
import type { JsonObject } from "../../spec.ts";
import { responseSignature } from "./auth.ts";
import { lookupBin } from "./catalog.ts";
import { IYZICO_TIME_ZONE, type LedgerPayment } from "./ledger.ts";

/** The payment's refund state, in the reporting model's words. */
export function refundStatus(payment: LedgerPayment): "NOT_REFUNDED" | "PARTIALLY_REFUNDED" | "TOTALLY_REFUNDED" {
  if (payment.refunded === 0) return "NOT_REFUNDED";
  return payment.refunded < payment.paidPrice ? "PARTIALLY_REFUNDED" : "TOTALLY_REFUNDED";
}

export function paymentResult(payment: LedgerPayment, conversationId: string | undefined, secretKey: string): JsonObject {
  const card = lookupBin(payment.card.binNumber);
  const price = minorToNumber(payment.price);
  const paidPrice = minorToNumber(payment.paidPrice);
  return {
    price,
    paidPrice,
    installment: payment.installment,
    paymentId: payment.paymentId,
    paymentStatus: "SUCCESS",
    paymentRefundStatus: refundStatus(payment),
    fraudStatus: 1,
    merchantCommissionRateAmount: minorToNumber(payment.paidPrice - payment.price),
    cardType: card.cardType,
    cardAssociation: card.cardAssociation,
    cardFamily: card.cardFamily,
    binNumber: payment.card.binNumber,
    lastFourDigits: payment.card.lastFourDigits,
    ...(payment.basketId !== undefined ? { basketId: payment.basketId } : {}),
    currency: payment.currency,
    authCode: authCode(Number(payment.paymentId)),
    phase: "AUTH",
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
    cancels: payment.cancelledAt
      ? [{ cancelPrice: paidPrice, currencyCode: payment.currency, createdDate: istanbulDateTime(payment.cancelledAt) }]
      : [],
    itemTransactions: payment.items.map((item) => ({
      itemId: item.itemId,
      paymentTransactionId: item.paymentTransactionId,
      transactionStatus: 2,
      price: minorToNumber(item.price),
      paidPrice: minorToNumber(item.paidPrice),
      merchantCommissionRateAmount: minorToNumber(item.paidPrice - item.price),
      blockageResolvedDate: `${calendarDay(payment.createdAt, IYZICO_TIME_ZONE)} 00:00:00`,
      refunds: item.refunds.map((r) => ({
        refundTxId: r.refundTxId,
        ...(r.conversationId !== undefined ? { refundConversationId: r.conversationId } : {}),
        refundPrice: minorToNumber(r.amount),
        currencyCode: payment.currency,
        createdDate: istanbulDateTime(r.at),
      })),
    })),
  };
}

/** A six-digit bank authorization code, deterministic so runs are reproducible. */
export function authCode(seed: number): string {
  return String(100_000 + ((seed * 7_919) % 900_000));
}

/** "2024-06-13 14:05:00" in Istanbul time, iyzico's date format. */
function istanbulDateTime(date: Date): string {
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: IYZICO_TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(date);
  return `${calendarDay(date, IYZICO_TIME_ZONE)} ${time}`;
}
