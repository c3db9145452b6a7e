/**
 * Small conversions every adapter needs between the facade's model and a generated client's
 * wire types: amounts both ways, reference checks, and reading fields of loosely typed responses.
 */
import { OdemeError, type DecimalString } from "@odeme/core";
import { invalidRequest } from "../errors.ts";
import {
  fromProviderNumber,
  formatDecimal,
  isCurrency,
  money,
  MoneyError,
  moneyFromJSON,
  parseMoney,
  type Currency,
  type Money,
  type MoneyJSON,
} from "../money.ts";

/** The exact decimal string a generated client formats to its provider's wire ("15.50" -> "15.5"). */
export function toDecimal(m: Money): DecimalString {
  return formatDecimal(m) as DecimalString;
}

/**
 * An amount from a response. Generated types call response amounts DecimalString, but a JSON
 * number arrives as a number at run time, so both are read, exactly (fromProviderNumber).
 */
export function readAmount(provider: string, operation: string, value: unknown, currency: Currency, field: string): Money | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    if (typeof value === "number") return fromProviderNumber(value, currency, { field });
    if (typeof value === "string") return parseMoney(value, currency, { field });
  } catch (error) {
    if (error instanceof MoneyError) throw malformed(provider, operation, error.message);
    throw error;
  }
  throw malformed(provider, operation, `${field} is ${typeof value}, not an amount`);
}

/** An amount in integer minor units from a response (Parolapay). */
export function readMinor(provider: string, operation: string, value: unknown, currency: Currency, field: string): Money | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw malformed(provider, operation, `${field} ${JSON.stringify(value)} is not a whole number of minor units`);
  }
  return money(value, currency);
}

export function readCurrency(provider: string, operation: string, value: unknown): Currency {
  if (typeof value === "string" && isCurrency(value)) return value;
  throw new OdemeError({
    code: "unsupported",
    message: `${provider} ${operation}: the payment's currency ${JSON.stringify(value)} is not one the facade handles.`,
    provider,
    operation,
    outcome: "rejected",
  });
}

export function malformed(provider: string, operation: string, detail: string): OdemeError {
  return new OdemeError({
    code: "malformed_response",
    message: `${provider} ${operation}: the response is not what the spec describes: ${detail}.`,
    provider,
    operation,
    outcome: "rejected",
  });
}

/** Checks one string field of a payment reference; JavaScript callers get no compile-time check. */
export function refString(provider: string, operation: string, ref: unknown, field: string, pattern?: RegExp, shape?: string): string {
  const value = (ref as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== "string" || value === "" || (pattern !== undefined && !pattern.test(value))) {
    throw invalidRequest(
      provider,
      operation,
      `payment.${field}`,
      `${provider} ${operation}: payment.${field} must be ${shape ?? "a non-empty string"}, got ${describe(value)}.`,
    );
  }
  return value;
}

export function describe(value: unknown): string {
  if (typeof value === "string") return value.length > 40 ? `${JSON.stringify(value.slice(0, 37))}...` : JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  return value === undefined ? "nothing" : String(value);
}

/** The amount a plan moves (plans keep it as JSON, see idempotency/store.ts). */
export function planAmount(plan: { amount?: MoneyJSON }): Money | undefined {
  return plan.amount === undefined ? undefined : moneyFromJSON(plan.amount, "plan.amount");
}

export function sumMoney(values: readonly Money[], currency: Currency): Money {
  return money(
    values.reduce((sum, m) => sum + m.minor, 0n),
    currency,
  );
}

/** A field of an object we only know loosely (the raw body of an error, which no type describes). */
export function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
}
