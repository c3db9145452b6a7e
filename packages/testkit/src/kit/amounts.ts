/**
 * The one amount parser of the simulators. A provider's wire format is a parameter: `decimal`
 * (major units as a decimal string or JSON number: iyzico, Paywall, DineroPay, Sipay Wallet) or
 * `minor` (an integer number of kuruş: Parolapay). What is wrong comes back as a problem the
 * provider words in its own failure reply; nothing here rounds.
 */
import { MoneyFormatError, parseMinor } from "../money.ts";

export type AmountWire = "decimal" | "minor";

export type AmountProblem = "missing" | "format" | "not-positive";

export type AmountReading = { ok: true; minor: number } | { ok: false; problem: AmountProblem; reason: string };

export interface AmountRules {
  /** Accept 0 (a revert's "everything", a balance); default false. */
  allowZero?: boolean;
}

/** Reads an amount as `wire` sends it, in integer minor units (2 decimals). */
export function readAmount(value: unknown, wire: AmountWire, rules: AmountRules = {}): AmountReading {
  if (value === undefined || value === null) return { ok: false, problem: "missing", reason: "is missing" };
  let minor: number;
  if (wire === "minor") {
    if (typeof value !== "number" || !Number.isSafeInteger(value))
      return { ok: false, problem: "format", reason: `${String(value)} is not an integer number of kuruş` };
    minor = value;
  } else {
    if (typeof value !== "string" && typeof value !== "number")
      return { ok: false, problem: "format", reason: `${JSON.stringify(value)} is not a decimal amount` };
    try {
      minor = parseMinor(String(value));
    } catch (error) {
      if (!(error instanceof MoneyFormatError)) throw error;
      return { ok: false, problem: "format", reason: error.message };
    }
  }
  if (minor > 0 || (rules.allowZero && minor === 0)) return { ok: true, minor };
  return { ok: false, problem: "not-positive", reason: rules.allowZero ? "must not be negative" : "must be positive" };
}

/**
 * An amount given to a seed helper (seedPayment, seedWallet ...), in minor units, or a RangeError
 * naming `what` ("seedPayment: amount"): a seed is test set-up, so a bad one is the test's bug.
 */
export function seedAmount(value: unknown, what: string, wire: AmountWire = "decimal", rules: AmountRules = {}): number {
  const reading = readAmount(value, wire, rules);
  if (reading.ok) return reading.minor;
  if (wire === "minor") throw new RangeError(`${what} must be a positive integer number of kuruş, got ${String(value)}`);
  throw new RangeError(`${what}: ${reading.reason}`);
}
