/** Parolapay's answers: the bodies of intents, refunds, card payments and saved cards (amounts in kuruş, as on the wire). */
import type { JsonObject } from "../../spec.ts";
import { reportedState, type LedgerCardPayment, type LedgerIntent, type LedgerIntentRefund, type LedgerSavedCard } from "./ledger.ts";

export function intentBody(intent: LedgerIntent): JsonObject {
  return {
    id: intent.id,
    status: reportedState(intent),
    amount: intent.amount,
    amount_captured: intent.amountCaptured,
    amount_refunded: intent.amountRefunded,
    currency: intent.currency,
    merchant_ref: intent.merchantRef,
    order_reference: intent.orderReference,
    payment_reference: intent.paymentReference,
    created_at: intent.createdAt.toISOString(),
    ...(intent.otp ? { otp_expires_at: intent.otp.expiresAt.toISOString() } : {}),
  };
}

export function refundBody(refund: LedgerIntentRefund): JsonObject {
  return {
    id: refund.id,
    intent_id: refund.intentId,
    amount: refund.amount,
    currency: refund.currency,
    status: "succeeded",
    ...(refund.reason !== undefined ? { reason: refund.reason } : {}),
    ...(refund.merchantRef !== undefined ? { merchant_ref: refund.merchantRef } : {}),
    created_at: refund.createdAt.toISOString(),
  };
}

export function cardPaymentResult(payment: LedgerCardPayment): JsonObject {
  return {
    payment_reference: payment.paymentReference,
    order_reference: payment.orderReference,
    state: reportedState(payment),
    amount: payment.amount,
    currency: payment.currency,
  };
}

export function cardPaymentStatus(payment: LedgerCardPayment): JsonObject {
  return {
    payment_reference: payment.paymentReference,
    order_reference: payment.orderReference,
    state: reportedState(payment),
    // What was charged: the captured amount once captured, the authorization before.
    amount: payment.state === "captured" ? payment.amountCaptured : payment.amount,
    refunded_amount: payment.amountRefunded,
    currency: payment.currency,
    installment: payment.installment,
    card_type: payment.card.cardType,
    created_at: payment.createdAt.toISOString(),
  };
}

export function storedCard(card: LedgerSavedCard): JsonObject {
  return {
    card_token: card.cardToken,
    card_holder: card.cardHolder,
    masked_card_number: card.maskedCardNumber,
    card_expiry: card.cardExpiry,
    card_type: card.card.cardType,
    bank_name: card.bankName,
    customer: { ...card.customer },
  };
}
