/**
 * Exact decimal <-> integer minor-unit conversion. Providers send amounts as decimal strings
 * ("15.0") and answer with JSON numbers (15.5); the ledgers keep integer kuruş so that no refund
 * limit is ever decided by float arithmetic.
 */

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Why a decimal could not be turned into minor units; the caller words it in its provider's style. */
export class MoneyFormatError extends Error {
  override readonly name = "MoneyFormatError";
}

/**
 * Parses a non-negative decimal ("15", "15.0", "15.340000") into integer minor units.
 * Trailing zeros beyond `fractionDigits` are accepted (iyzico's SDK sends "15.340000"), but a
 * non-zero digit beyond them is an error, never a rounding.
 */
export function parseMinor(value: string, fractionDigits = 2): number {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new MoneyFormatError(`"${value}" is not a decimal amount`);
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  const kept = fraction.slice(0, fractionDigits).padEnd(fractionDigits, "0");
  if (/[^0]/.test(fraction.slice(fractionDigits))) {
    throw new MoneyFormatError(`"${value}" has more than ${fractionDigits} significant decimals`);
  }
  const minor = Number(BigInt(whole) * 10n ** BigInt(fractionDigits) + BigInt(kept || "0"));
  if (!Number.isSafeInteger(minor)) throw new MoneyFormatError(`"${value}" is too large`);
  return minor;
}

/**
 * Formats minor units as the shortest decimal string with at least `minFractionDigits`
 * decimals: 1550 -> "15.5", 1500 -> "15.0" (iyzico's formatPrice), 1500 with 0 -> "15".
 */
export function formatMinor(minor: number, minFractionDigits = 1, fractionDigits = 2): string {
  if (!Number.isSafeInteger(minor)) throw new MoneyFormatError(`${minor} is not an integer amount`);
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(fractionDigits + 1, "0");
  const whole = digits.slice(0, digits.length - fractionDigits);
  let fraction = digits.slice(digits.length - fractionDigits).replace(/0+$/, "");
  fraction = fraction.padEnd(minFractionDigits, "0");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/**
 * Minor units as the JSON number a provider answers with (1550 -> 15.5). Goes through the decimal
 * string so the number is the double nearest the exact decimal, not the result of a division.
 */
export function minorToNumber(minor: number, fractionDigits = 2): number {
  return Number(formatMinor(minor, 0, fractionDigits));
}

/**
 * Splits `total` over `weights` proportionally in integer minor units; the rounding remainder goes
 * to the last share so the shares always add up to `total` exactly.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum === 0) return weights.map((_, i) => (i === weights.length - 1 ? total : 0));
  const shares = weights.map((w) => Number((BigInt(total) * BigInt(w)) / BigInt(sum)));
  const given = shares.reduce((a, b) => a + b, 0);
  shares[shares.length - 1] = (shares[shares.length - 1] ?? 0) + (total - given);
  return shares;
}
