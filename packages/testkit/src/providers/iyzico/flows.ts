/**
 * The browser legs of iyzico's 3-D Secure and checkout-form flows, which happen between two API
 * calls: the bank's page posting the 3-D Secure result to the merchant's callbackUrl, and the buyer
 * paying on the hosted form, after which iyzico posts the token to the callbackUrl.
 * Sources: docs.iyzico.com/en/payment-methods/api/3ds (callback fields status, paymentId,
 * conversationData, conversationId, mdStatus); iyzipay-php samples/callbackUrl_Signature_Validation.php
 * (the callback's signature); docs.iyzico.com checkout form (the token posted to callbackUrl).
 */
import type { JsonObject } from "../../spec.ts";
import type { LedgerPhase } from "./ledger.ts";

/** A 3-D Secure payment waiting for the bank's answer, by paymentId. */
export interface PendingThreeds {
  paymentId: string;
  conversationId?: string;
  conversationData: string;
  callbackUrl: string;
  /** Set once the bank's page has posted its result. */
  mdStatus?: number;
}

/** A checkout form, by token; `paymentId` is set once the buyer paid. */
export interface CheckoutFormSession {
  token: string;
  conversationId?: string;
  callbackUrl: string;
  phase: LedgerPhase;
  /** The initialize request, which the payment is made from. */
  request: JsonObject;
  paymentId?: string;
}

/** The HTML the bank would show, as iyzico's threeDSHtmlContent carries it (base64). */
export function threedsPage(pending: PendingThreeds): string {
  const html =
    `<!doctype html><html><body><p>Simulated 3-D Secure page for payment ${pending.paymentId}</p>` +
    `<form method="post" action="${escapeHtml(pending.callbackUrl)}"><input type="hidden" name="paymentId" value="${pending.paymentId}">` +
    `<button>Continue</button></form></body></html>`;
  return Buffer.from(html, "utf8").toString("base64");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

/**
 * Posts a form to the merchant's callbackUrl, as the buyer's browser would. Loopback only: a
 * simulator never sends traffic off this machine.
 */
export async function postCallback(callbackUrl: string, fields: Record<string, string>): Promise<number> {
  const url = new URL(callbackUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!(host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new RangeError(`iyzico simulator: callbackUrl ${callbackUrl} is not on this machine; only loopback callbacks are delivered`);
  }
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  await response.arrayBuffer();
  return response.status;
}
