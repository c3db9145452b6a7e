/**
 * Money as integer minor units (kuruş for TRY) in a `bigint`: no float ever enters arithmetic, and no
 * amount silently loses precision past Number.MAX_SAFE_INTEGER. Conversions to and from decimal
 * strings are exact: excess precision is an error, never a rounding, because a rounded refund
 * amount is a wrong refund amount.
 */

/**
 * Decimal places per ISO 4217 currency: the union of what the target providers accept (iyzico's
 * currency enum, Paywall's CurrencyId table, DineroPay's SAR examples) plus the common zero- and
 * three-decimal currencies, which are the classic source of off-by-100 bugs in other facades.
 */
const EXPONENTS = {
  TRY: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  NOK: 2,
  RUB: 2,
  // ISO 4217 says 2, though the rial has no usable subunit (practically 0). We keep 2 because
  // iyzico treats IRR like its other currencies: its formatPrice has no per-currency rule.
  IRR: 2,
  SAR: 2,
  AED: 2,
  BAM: 2,
  MKD: 2,
  ALL: 2,
  JPY: 0,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
} as const satisfies Record<string, number>;

export type Currency = keyof typeof EXPONENTS;

export const CURRENCIES: readonly Currency[] = Object.freeze(Object.keys(EXPONENTS) as Currency[]);

export interface Money {
  readonly minor: bigint;
  readonly currency: Currency;
}

export interface MoneyInputOptions {
  /** Refunds and payments are never negative; a negative input is a caller bug unless asked for. */
  allowNegative?: boolean;
  /** Named in the error message, e.g. "amount" or "refund.price". */
  field?: string;
}

export interface FormatOptions {
  minFractionDigits?: number;
  maxFractionDigits?: number;
}

export class MoneyError extends Error {
  override readonly name = "MoneyError";
  readonly code = "invalid_amount" as const;
  readonly field?: string;

  constructor(message: string, field?: string) {
    super(field === undefined ? message : `${field}: ${message}`);
    if (field !== undefined) this.field = field;
  }
}

/**
 * Integer digits accepted from a decimal string. Far above any real amount (Sipay caps refunds at
 * 999,999,999), it exists to reject garbage and hostile input before BigInt does work on it; a
 * provider's own limits are its adapter's business.
 */
export const MAX_INTEGER_DIGITS = 18;

/**
 * A double tells apart every decimal of at most 15 significant digits (DBL_DIG), so a JSON amount
 * below 10^15 minor units reaches us exactly as the provider wrote it. Above that, JSON.parse may
 * already have collapsed it onto a neighbour: 70368744177664.09 becomes the same double as
 * 70368744177664.1, and no code after the parse can tell which one was sent.
 */
export const MAX_JSON_MINOR = 10n ** 15n;

const DECIMAL = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?$/;

export function isCurrency(value: string): value is Currency {
  return Object.hasOwn(EXPONENTS, value);
}

export function currencyExponent(currency: Currency, field?: string): number {
  // Money crosses JSON and JavaScript callers, so the type alone does not guarantee the code.
  if (!isCurrency(currency)) throw new MoneyError(`unsupported currency ${show(currency)}`, field);
  return EXPONENTS[currency];
}

export function money(minor: bigint | number, currency: Currency, opts: MoneyInputOptions = {}): Money {
  currencyExponent(currency, opts.field);
  if (typeof minor === "number" && !Number.isSafeInteger(minor)) {
    const why = Number.isInteger(minor)
      ? "is beyond Number.MAX_SAFE_INTEGER and may already be rounded; pass a bigint"
      : "is not a whole number of minor units";
    throw new MoneyError(`${show(minor)} ${why}`, opts.field);
  }
  return make(BigInt(minor), currency, opts, minor);
}

/** Exact parse of a decimal string in major units: "15", "15.3", "15.30". */
export function parseMoney(decimal: string, currency: Currency, opts: MoneyInputOptions = {}): Money {
  const exponent = currencyExponent(currency, opts.field);
  const match = DECIMAL.exec(decimal);
  if (match === null) {
    throw new MoneyError(`${show(decimal)} is not a decimal amount like "15" or "15.30"`, opts.field);
  }
  const [, sign = "", whole = "", fraction = ""] = match;
  if (whole.length > MAX_INTEGER_DIGITS) {
    throw new MoneyError(`${show(decimal)} has more than ${MAX_INTEGER_DIGITS} integer digits`, opts.field);
  }
  if (fraction.length > exponent) {
    throw new MoneyError(
      `${show(decimal)} has ${decimals(fraction.length)} but ${currency} has ${exponent}; amounts are never rounded`,
      opts.field,
    );
  }
  const magnitude = BigInt(whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, "0") || "0");
  return make(sign === "-" ? -magnitude : magnitude, currency, opts, decimal);
}

/**
 * A JSON number from a provider response (iyzico returns `"price": 15.34`). String(n) is the
 * shortest decimal that round-trips to the same double, which below MAX_JSON_MINOR is exactly what
 * the provider wrote; multiplying the float by 100 instead gives 0.29 * 100 = 28.999999999999996.
 */
export function fromProviderNumber(n: number, currency: Currency, opts: MoneyInputOptions = {}): Money {
  if (!Number.isFinite(n)) throw new MoneyError(`${show(n)} is not a finite amount`, opts.field);
  const text = String(n);
  // Exponent forms appear only below 1e-6 or from 1e21, both beyond every currency's decimals or bound.
  if (text.includes("e")) {
    throw new MoneyError(`${text} is outside the range or precision ${currency} allows`, opts.field);
  }
  const parsed = parseMoney(text, currency, opts);
  if (parsed.minor >= MAX_JSON_MINOR || -parsed.minor >= MAX_JSON_MINOR) {
    throw new MoneyError(`${text} ${currency} is too large to arrive exactly as a JSON number; read the amount as a string`, opts.field);
  }
  return parsed;
}

/**
 * The exact decimal string in major units. By default it has as many decimals as the currency
 * ("15.30"); `{ minFractionDigits: 1 }` is iyzico's style ("22.0", "15.34") and
 * `{ minFractionDigits: 0 }` drops trailing zeros ("15", "15.3"). The output never has more
 * decimals than the currency (minFractionDigits is capped at it), so parseMoney always reads it
 * back; a `maxFractionDigits` that would cut a non-zero digit throws instead of rounding.
 */
export function formatDecimal(m: Money, opts: FormatOptions = {}): string {
  const exponent = currencyExponent(m.currency);
  for (const digits of [opts.minFractionDigits, opts.maxFractionDigits]) {
    if (digits !== undefined && !(Number.isSafeInteger(digits) && digits >= 0)) {
      throw new RangeError(`fraction digits must be a non-negative integer, got ${digits}`);
    }
  }
  const max = Math.min(opts.maxFractionDigits ?? exponent, exponent);
  const min = Math.min(opts.minFractionDigits ?? exponent, max);
  const magnitude = m.minor < 0n ? -m.minor : m.minor;
  const scale = 10n ** BigInt(exponent);
  const digits = (magnitude % scale).toString().padStart(exponent, "0");
  const needed = digits.replace(/0+$/, "").length;
  if (needed > max) {
    const amount = `${formatDecimal(m)} ${m.currency}`;
    throw new MoneyError(`${amount} needs ${decimals(needed)} but at most ${max} are allowed here`);
  }
  const fraction = digits.slice(0, Math.max(needed, min));
  const sign = m.minor < 0n ? "-" : "";
  return `${sign}${magnitude / scale}${fraction === "" ? "" : `.${fraction}`}`;
}

/** Throws rather than return an unsafe number, which JSON.stringify would send as another amount. */
export function toMinorNumber(m: Money): number {
  const n = Number(m.minor);
  if (!Number.isSafeInteger(n)) {
    throw new MoneyError(`${m.minor} minor units of ${m.currency} is beyond Number.MAX_SAFE_INTEGER`);
  }
  return n;
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b, "add");
  return moneyOf(a.minor + b.minor, a.currency);
}

/** May go below zero: "refundable minus requested" is how callers detect an over-refund. */
export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b, "subtract");
  return moneyOf(a.minor - b.minor, a.currency);
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b, "compare");
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

export function isZero(m: Money): boolean {
  return m.minor === 0n;
}

export function min(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

/** Money as plain JSON (bigint has no JSON form): how idempotency records keep amounts. */
export interface MoneyJSON {
  readonly minor: string;
  readonly currency: Currency;
}

export function moneyToJSON(m: Money): MoneyJSON {
  return { minor: m.minor.toString(), currency: m.currency };
}

/** Reads back what moneyToJSON wrote; anything else (a hand-edited record) is a MoneyError. */
export function moneyFromJSON(j: MoneyJSON, field?: string): Money {
  const opts = { allowNegative: true, ...(field !== undefined ? { field } : {}) };
  if (typeof j?.minor !== "string" || !/^-?\d+$/.test(j.minor)) {
    throw new MoneyError(`${show(j?.minor)} is not an integer number of minor units`, field);
  }
  return money(BigInt(j.minor), j.currency, opts);
}

function assertSameCurrency(a: Money, b: Money, op: string): void {
  if (a.currency !== b.currency) throw new MoneyError(`cannot ${op} ${a.currency} and ${b.currency}`);
}

function make(minor: bigint, currency: Currency, opts: MoneyInputOptions, input: unknown): Money {
  if (minor < 0n && opts.allowNegative !== true) {
    throw new MoneyError(`${show(input)} is negative; pass { allowNegative: true } if that is intended`, opts.field);
  }
  return moneyOf(minor, currency);
}

/**
 * What every Money is made of: frozen, and serializable. A bigint has no JSON form, so without
 * `toJSON` a `res.json(refundResult)` throws after the refund was applied, the kind of failure that
 * makes a caller retry under a new key; with it, JSON gets `moneyToJSON`'s `{ minor: "1550", currency }`.
 * `toJSON` sits on the prototype, so the fields stay exactly `minor` and `currency`.
 */
export const MONEY_PROTOTYPE: object = Object.freeze({
  toJSON(this: Money): MoneyJSON {
    return moneyToJSON(this);
  },
});

/** A Money of `minor` units (checked by the caller). */
export function moneyOf(minor: bigint, currency: Currency): Money {
  return Object.freeze(Object.assign(Object.create(MONEY_PROTOTYPE) as Money, { minor, currency }));
}

function decimals(n: number): string {
  return n === 1 ? "1 decimal" : `${n} decimals`;
}

/** Quotes strings so " 1" and "" are visible in messages, and keeps hostile input short. */
function show(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
