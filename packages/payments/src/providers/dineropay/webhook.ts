/**
 * DineroPay's callback (Akurateco Checkout, "Callback Signature"): the `hash` field is
 * sha1(md5hex(UPPERCASE(payment_public_id + order.number + order.amount + order.currency +
 * order.description + PASSWORD))), the values taken as received. The form post carries them as
 * `id`, `order_number`, `order_amount`, `order_currency`, `order_description`; a JSON body may nest
 * them under `order`. Whether payment_public_id is the callback's `id` is unconfirmed
 * (specs/dineropay.yaml), so `payment_public_id` is used when the body has one.
 */
import { akuratecoHash } from "@odeme/core";
import { checkHexSignature, parseBody, rawText, requireField, text, type RawBody } from "../../webhooks/verify.ts";
import type { WebhookScheme } from "../adapter.ts";

export interface DineroPayCallbackEvent {
  provider: "dineropay";
  /** The transaction (payment) id. */
  paymentId: string;
  orderNumber: string;
  /** As received (decimal text in major units). */
  orderAmount: string;
  orderCurrency: string;
  /**
   * What the body says that DineroPay's hash does not cover (it signs the id and the order
   * fields), so anyone who can post to your callback URL can change it: never act on it alone.
   * Confirm with `payments.retrieve({ provider: "dineropay", payment: { paymentId } })`.
   */
  unsigned: {
    /** sale, 3ds, refund, void, chargeback, ... */
    type: string;
    /** success, fail, waiting, undefined. A payment is final only with type=sale and status=success. */
    status: string;
  };
  payload: Record<string, unknown>;
}

const P = "dineropay";

export function verifyDineroPayCallback(password: string, rawBody: RawBody): DineroPayCallbackEvent {
  const { fields: body, payload } = parseBody(P, rawText(P, rawBody));
  const order = typeof body.order === "object" && body.order !== null ? (body.order as Record<string, unknown>) : undefined;
  const orderField = (name: string) => (order !== undefined ? text(order, name) : text(body, `order_${name}`));
  const paymentId = text(body, "payment_public_id") || requireField(P, body, "id", "is this a DineroPay callback?");
  const [number, amount, currency, description] = ["number", "amount", "currency", "description"].map(orderField) as [
    string,
    string,
    string,
    string,
  ];
  checkHexSignature(
    P,
    "hash",
    text(body, "hash") || undefined,
    akuratecoHash([paymentId, number, amount, currency, description], password),
    "every DineroPay callback carries one.",
    "DineroPay hashes with the merchant password, the dineropay.password option",
  );
  return {
    provider: P,
    paymentId,
    orderNumber: number,
    orderAmount: amount,
    orderCurrency: currency,
    unsigned: { type: text(body, "type"), status: text(body, "status") },
    payload,
  };
}

export const dineropayWebhook = {
  // DineroPay hashes its callbacks with the merchant password (Akurateco Checkout, Callback Signature).
  secret: "password",
  verify: verifyDineroPayCallback,
} satisfies WebhookScheme<DineroPayCallbackEvent>;
