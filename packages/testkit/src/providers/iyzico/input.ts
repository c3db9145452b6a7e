/** Request fields iyzico's handlers read beyond what the spec's schema checks. */
import { readAmount } from "../../kit/amounts.ts";
import type { JsonObject } from "../../spec.ts";
import { iyzicoFailure } from "./errors.ts";

export function conversationIdOf(body: JsonObject): string | undefined {
  return typeof body.conversationId === "string" ? body.conversationId : undefined;
}

/** A positive decimal amount field in kuruş; anything else is iyzico's invalid request naming the field. */
export function amountField(body: JsonObject, field: string): number {
  const value = body[field.replace(/^.*\./, "")];
  const reading = readAmount(value, "decimal");
  if (reading.ok) return reading.minor;
  throw iyzicoFailure(reading.problem === "missing" && value === undefined ? "missingField" : "invalidRequest", field);
}

/** What a refund request says besides the amount, for the ledger. */
export function refundContext(body: JsonObject): { conversationId?: string; currency?: string } {
  return {
    ...(typeof body.conversationId === "string" ? { conversationId: body.conversationId } : {}),
    ...(typeof body.currency === "string" ? { currency: body.currency } : {}),
  };
}
