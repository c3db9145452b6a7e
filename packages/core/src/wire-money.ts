/**
 * Amounts on the wire. Callers hand us decimal strings (or safe integers for minor units);
 * each provider wants its own exact form: iyzico "22.0", DineroPay "0.10", Paywall a JSON number.
 * Formatting is exact string work: excess precision is an error, never a rounding.
 */
export interface MoneyWireFormat {
  unit: "major" | "minor";
  wire: "string" | "number";
  minFractionDigits?: number;
  maxFractionDigits?: number;
}

/** A major-unit amount as an exact decimal string: "15.0", "0.10", "1500". */
export type DecimalString = `${number}`;

declare const minorUnitsBrand: unique symbol;
/** An integer amount in minor units (kuruş). Make one with `minorUnits(1500)`. */
export type MinorUnits = number & { readonly [minorUnitsBrand]: "minor" };

export function minorUnits(value: number): MinorUnits {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`minor units must be a non-negative safe integer, got ${String(value)}`);
  }
  return value as MinorUnits;
}

export class WireMoneyError extends Error {}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Normalizes a decimal amount to the provider's wire literal (without JSON quoting). */
export function formatWireAmount(value: unknown, format: MoneyWireFormat): string {
  if (format.unit === "minor") {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new WireMoneyError(`must be a non-negative integer number of minor units (kuruş), got ${describe(value)}`);
    }
    return String(value);
  }
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number" && Number.isFinite(value)) text = String(value);
  else throw new WireMoneyError(`must be a decimal string like "15.50", got ${describe(value)}`);
  const m = DECIMAL.exec(text);
  if (!m) throw new WireMoneyError(`must be a plain decimal like "15.50" (no sign, exponent or separators), got ${JSON.stringify(text)}`);
  const intPart = (m[1] as string).replace(/^0+(?=\d)/, "");
  let frac = (m[2] ?? "").replace(/0+$/, "");
  const max = format.maxFractionDigits ?? 8;
  if (frac.length > max) {
    throw new WireMoneyError(`has ${frac.length} decimals; at most ${max} are allowed (${JSON.stringify(text)})`);
  }
  const min = format.minFractionDigits ?? 0;
  frac = frac.padEnd(min, "0");
  return frac ? `${intPart}.${frac}` : intPart;
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
