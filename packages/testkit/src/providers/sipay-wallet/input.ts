/** Request fields the STS API's handlers read beyond what the spec's schema checks, as ASP.NET and FluentValidation would. */
import { readAmount } from "../../kit/amounts.ts";
import type { JsonObject, JsonValue } from "../../spec.ts";
import { bindingFailure, displayName, validationFailure } from "./errors.ts";
import { parseLongId } from "./ids.ts";

/** The FluentValidation and model-binding rules the schema cannot express. */
export const MONEY_FIELDS = new Set(["amount", "refund_amount"]);
export const MAX_AMOUNT = 999_999_999;

/** A string id bound to a long, or undefined when absent; a malformed one is a binding error. */
export function longId(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const id = parseLongId(value);
  if (id === undefined) throw bindingFailure(field);
  return id;
}

export function notEmpty(body: JsonObject, field: string): void {
  const value = body[field];
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    throw validationFailure(`'${displayName(field)}' must not be empty.`);
  }
}

export function currencyIsTry(body: JsonObject): void {
  if (body.currency_code !== "TRY") throw validationFailure("'Currency Code' must be equal to 'TRY'.");
}

/** An amount field (a JSON number in lira) in kuruş; more than 2 decimals is a 999, never a rounding. */
export function kurus(value: JsonValue | undefined, field: string): number {
  const text = String(value);
  const reading = readAmount(value, "decimal", { allowZero: true });
  if (reading.ok) return reading.minor;
  const [whole = "", fraction = ""] = text.split(".");
  const digits = whole.replace(/^0+/, "").length + fraction.length;
  throw validationFailure(
    `'${displayName(field)}' must not be more than 11 digits in total, with allowance for 2 decimals. ${digits} digits and ${fraction.length} decimals were found.`,
  );
}
