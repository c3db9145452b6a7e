/** Request fields Paywall's handlers read beyond what the spec's schema checks. */
import { readAmount } from "../../kit/amounts.ts";
import type { JsonValue } from "../../spec.ts";
import { paywallFailure } from "./errors.ts";

/**
 * A money field (a JSON number, or a header's text) in kuruş. More than two decimals, or zero where
 * a positive amount is needed, is Paywall's 2 "unexpected parameters" naming the field.
 */
export function amountOf(value: JsonValue | undefined, field: string, zeroAllowed = false): number {
  const reading = readAmount(value, "decimal", { allowZero: zeroAllowed });
  if (reading.ok) return reading.minor;
  throw paywallFailure("invalidRequest", `${field} must be a positive amount with at most two decimals`);
}
