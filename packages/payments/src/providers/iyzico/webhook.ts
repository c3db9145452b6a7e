/**
 * iyzico webhooks, header `X-IYZ-SIGNATURE-V3`: lowercase hex HMAC-SHA256, keyed with the
 * secretKey, over the concatenation (iyzipay-php samples/webhook_Signature_Validation.php):
 * - direct API payments: secretKey + iyziEventType + paymentId + paymentConversationId + status
 * - checkout form / Pay with iyzico (the payload has a `token`):
 *   secretKey + iyziEventType + iyziPaymentId + token + paymentConversationId + status
 */
import { hmacSha256Hex } from "@odeme/core";
import { checkHexSignature, header, parseBody, rawText, requireField, text, type HeaderBag, type RawBody } from "../../webhooks/verify.ts";
import type { WebhookScheme } from "../adapter.ts";

export const IYZICO_SIGNATURE_HEADER = "x-iyz-signature-v3";

export interface IyzicoWebhookEvent {
  provider: "iyzico";
  /** `checkout_form` when the payload carries a token (checkout form, Pay with iyzico). */
  kind: "api" | "checkout_form";
  eventType: string;
  paymentId: string;
  paymentConversationId: string;
  /** e.g. SUCCESS, FAILURE. */
  status: string;
  token?: string;
  /** The whole parsed body. */
  payload: Record<string, unknown>;
}

const P = "iyzico";

export function verifyIyzicoWebhook(secretKey: string, rawBody: RawBody, headers: HeaderBag | undefined): IyzicoWebhookEvent {
  const { fields: body, payload } = parseBody(P, rawText(P, rawBody));
  const eventType = requireField(P, body, "iyziEventType", "is this an iyzico webhook?");
  const status = requireField(P, body, "status", "is this an iyzico webhook?");
  const conversationId = text(body, "paymentConversationId");
  const token = text(body, "token");
  const checkout = token !== "";
  const paymentId = checkout
    ? requireField(P, body, "iyziPaymentId", "a checkout-form webhook carries one.")
    : requireField(P, body, "paymentId", "a payment webhook carries one.");
  const signed = checkout
    ? secretKey + eventType + paymentId + token + conversationId + status
    : secretKey + eventType + paymentId + conversationId + status;
  checkHexSignature(
    P,
    "X-IYZ-SIGNATURE-V3",
    header(headers, IYZICO_SIGNATURE_HEADER),
    hmacSha256Hex(secretKey, signed),
    "iyzico sends it only once signature V3 is enabled for the merchant; pass the request headers as received.",
    "iyzico signs with the secretKey of the iyzico option",
  );
  return {
    provider: P,
    kind: checkout ? "checkout_form" : "api",
    eventType,
    paymentId,
    paymentConversationId: conversationId,
    status,
    ...(checkout ? { token } : {}),
    payload,
  };
}

export const iyzicoWebhook = {
  // iyzico signs its webhooks with the API secretKey (iyzipay-php samples/webhook_Signature_Validation.php).
  secret: "secretKey",
  verify: verifyIyzicoWebhook,
} satisfies WebhookScheme<IyzicoWebhookEvent>;
