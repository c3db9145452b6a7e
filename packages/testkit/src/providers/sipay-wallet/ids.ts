/**
 * Sipay Wallet ids (transaction_id, tx_correlation_id, wallet id) are C# longs printed with 19
 * digits, e.g. 7440022202222222022: beyond 2^53, so a JavaScript number cannot hold them. The
 * simulator keeps them as decimal strings and compares them as BigInt, never as numbers.
 */
import { randomBytes } from "node:crypto";

/** C#'s long.MaxValue: the largest id the API can bind. */
export const INT64_MAX = 9_223_372_036_854_775_807n;
const MIN_19_DIGITS = 1_000_000_000_000_000_000n;

/**
 * A fresh 19-digit id within a long that a double neither holds exactly nor prints back the same
 * (`1343711781345495300` is not a double, but `String(Number(it))` gives it again): a client
 * that parses it into a JS number is then always caught, because the digits change.
 */
export function newLongId(taken: (id: string) => boolean): string {
  for (;;) {
    const random = BigInt(`0x${randomBytes(8).toString("hex")}`);
    const id = (MIN_19_DIGITS + (random % (INT64_MAX - MIN_19_DIGITS))).toString();
    if (BigInt(Number(id)) === BigInt(id) || String(Number(id)) === id) continue;
    if (!taken(id)) return id;
  }
}

/**
 * How ASP.NET binds a JSON string or number to a long: digits (an optional sign is not accepted
 * for ids), at most long.MaxValue. Returns the canonical decimal string (no leading zeros), or
 * undefined when the value would be a model-binding error ("The supplied value is invalid.").
 */
export function parseLongId(value: unknown): string | undefined {
  if (typeof value !== "string" || !/^\s*\d{1,25}\s*$/.test(value)) return undefined;
  const n = BigInt(value.trim());
  return n <= INT64_MAX ? n.toString() : undefined;
}
