/** Request fields DineroPay's handlers read beyond what the spec's schema checks. */
import { readAmount } from "../../kit/amounts.ts";
import type { JsonValue } from "../../spec.ts";
import { dineroPayFailure } from "./errors.ts";

/** A decimal string (or number) amount > 0 in minor units, or DineroPay's 400 on `field`. */
export function positiveAmount(value: JsonValue | undefined, field: string): number {
  const reading = readAmount(value, "decimal");
  if (reading.ok) return reading.minor;
  throw dineroPayFailure(field, reading.problem === "not-positive" ? "amountNotPositive" : "amountFormat");
}
