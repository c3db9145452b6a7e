/** Request fields Parolapay's handlers read beyond what the spec's schema checks (amounts are integer kuruş). */
import { luhnValid } from "../../kit/cards.ts";
import { isObject, type JsonObject } from "../../spec.ts";
import { DECLINED_CARD, lookupBin } from "./catalog.ts";
import { parolapayFailure } from "./errors.ts";
import type { CardRef } from "./ledger.ts";

export function optionalAmount(body: JsonObject): number | undefined {
  return typeof body.amount === "number" ? body.amount : undefined;
}

export function optionalTotal(body: JsonObject): number | undefined {
  return typeof body.total === "number" ? body.total : undefined;
}

/** A card number checked like a bank would: Luhn, then the sandbox decline card. */
export function cardRef(cardNumber: string): CardRef {
  if (!luhnValid(cardNumber)) throw parolapayFailure("invalidCardNumber");
  if (cardNumber === DECLINED_CARD) throw parolapayFailure("cardDeclined");
  return { bin: cardNumber.slice(0, 6), last4: cardNumber.slice(-4), cardType: lookupBin(cardNumber).card_type };
}

export function cardPaymentInput(body: JsonObject, card: CardRef, at: Date) {
  // The card Payment Request has no top-level amount: what is charged is the order's total.
  const order = isObject(body.order) ? body.order : {};
  if (typeof order.total !== "number") throw parolapayFailure("invalidRequest", "order.total is required: it is the amount charged");
  const mode = body.auth_mode ?? "sale";
  if (mode !== "auth" && mode !== "sale") throw parolapayFailure("invalidRequest", `auth_mode must be "auth" or "sale"`);
  return {
    amount: order.total,
    orderReference: String(body.order_reference),
    installment: typeof body.installment === "number" ? body.installment : 1,
    card,
    capture: mode === "sale",
    at,
  };
}
