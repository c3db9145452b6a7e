/**
 * Paywall's 3-D Secure callback (developer.paywall.one, hash generation): the `hash` field is
 * lowercase hex SHA-256 of `hashKey###paymentId###merchantUniqueCode###amount###installment`,
 * where merchantUniqueCode is the callback's `uniqueCode` field and every value is used exactly as
 * received (the amount's format is undocumented). Paywall sends it only when "3D Hash Key" is
 * enabled in its panel. The body is a form post or JSON. The hash leaves out `status`,
 * `errorCode` and `errorMessage`: the event keeps them apart, under `unsigned`.
 */
import { base64ToUtf8, sha256Hex } from "@odeme/core";
import { checkHexSignature, parseBody, rawText, requireField, text, type RawBody } from "../../webhooks/verify.ts";
import type { WebhookScheme } from "../adapter.ts";

export interface PaywallCallbackEvent {
  provider: "paywall";
  /** Signed. */
  paymentId: string;
  /** Signed. The callback's `uniqueCode`: the merchant's MerchantUniqueCode, despite the name. */
  merchantUniqueCode: string;
  /** Signed, as received (decimal text in major units). */
  amount: string;
  /** Signed. */
  installment: string;
  /**
   * What the body says that Paywall's hash does not cover, so anyone who can post to your URL (the
   * callback comes back through the customer's browser) can change it: never act on it alone.
   * Confirm the outcome with `payments.retrieve({ provider: "paywall", payment: { merchantUniqueCode } })`.
   */
  unsigned: {
    /** "Success" with errorCode 0 when Paywall says it succeeded. */
    status: string;
    errorCode: string;
    /**
     * Paywall's `errorMessage`, when present, decoded from base64 (as Paywall documents it); the text
     * as received when it is not base64 of UTF-8 text, rather than the garbage a lenient decode gives.
     */
    errorMessage?: string;
  };
  payload: Record<string, unknown>;
}

const P = "paywall";

export function verifyPaywallCallback(hashKey: string, rawBody: RawBody): PaywallCallbackEvent {
  const { fields: body, payload } = parseBody(P, rawText(P, rawBody));
  const paymentId = requireField(P, body, "paymentId", "is this a Paywall 3-D Secure callback?");
  const uniqueCode = text(body, "uniqueCode");
  const amount = text(body, "amount");
  const installment = text(body, "installment");
  checkHexSignature(
    P,
    "hash",
    text(body, "hash") || undefined,
    sha256Hex(`${hashKey}###${paymentId}###${uniqueCode}###${amount}###${installment}`),
    'Paywall adds it only when "3D Hash Key" is enabled in its panel.',
    "Paywall hashes with the 3D Hash Key, the paywall.hashKey option",
  );
  const error = text(body, "errorMessage");
  return {
    provider: P,
    paymentId,
    merchantUniqueCode: uniqueCode,
    amount,
    installment,
    unsigned: {
      status: text(body, "status"),
      errorCode: text(body, "errorCode"),
      ...(error !== "" ? { errorMessage: base64ToUtf8(error) ?? error } : {}),
    },
    payload,
  };
}

export const paywallWebhook = {
  // The 3D Hash Key of the Paywall panel, which no client option holds (PaywallConfig.hashKey).
  secret: "hashKey",
  verify: verifyPaywallCallback,
} satisfies WebhookScheme<PaywallCallbackEvent>;
