/**
 * The facade throws one error class, @odeme/core's OdemeError, which every generated client
 * already throws: a caller catches one type whether the failure came from input checks here, from
 * a provider or from the network. These helpers build the facade's own errors and refine a
 * client's error where a provider code is ambiguous.
 */
import { OdemeError, type ErrorCode, type FieldError } from "@odeme/core";

export { ERROR_CODES, OdemeError, isOdemeError } from "@odeme/core";
export type { ErrorCode, FieldError, Outcome } from "@odeme/core";

/** Bad input, caught before anything was sent. */
export function invalidRequest(provider: string, operation: string, field: string | undefined, message: string): OdemeError {
  return new OdemeError({
    code: "invalid_request",
    message,
    provider,
    operation,
    outcome: "not_sent",
    ...(field !== undefined ? { field } : {}),
  });
}

/** An operation the provider cannot do, known before the wire. */
export function unsupported(provider: string, operation: string, message: string): OdemeError {
  return new OdemeError({ code: "unsupported", message, provider, operation, outcome: "not_sent" });
}

/**
 * A rule the facade checked against a lookup before sending (e.g. the amount exceeds what is left
 * to refund): the same code the provider would give, but nothing was sent.
 */
export function precheckFailed(provider: string, operation: string, code: ErrorCode, message: string, field?: string): OdemeError {
  return new OdemeError({ code, message, provider, operation, outcome: "not_sent", ...(field !== undefined ? { field } : {}) });
}

/**
 * The same error with a more precise code, for provider codes that mean several things (Sipay 315,
 * Paywall -1). Everything else is kept; the original stays reachable as `cause`.
 */
export function withCode(error: OdemeError, code: ErrorCode, why: string): OdemeError {
  if (error.code === code) return error;
  return new OdemeError({
    code,
    message: `${error.message} (${why})`,
    provider: error.provider,
    operation: error.operation,
    outcome: error.outcome,
    // Every refinement lands on a business answer, which a plain retry does not change.
    retryable: false,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.providerCode !== undefined ? { providerCode: error.providerCode } : {}),
    ...(error.providerMessage !== undefined ? { providerMessage: error.providerMessage } : {}),
    ...(error.providerGroup !== undefined ? { providerGroup: error.providerGroup } : {}),
    ...(error.field !== undefined ? { field: error.field } : {}),
    ...(error.fieldErrors !== undefined ? { fieldErrors: error.fieldErrors } : {}),
    ...(error.raw !== undefined ? { raw: error.raw } : {}),
    cause: error,
  });
}

/**
 * Runs a client call and passes any OdemeError through `refine`, which may return a better code
 * for it. Used by adapters to keep their provider-code refinements in one table each.
 */
export async function refined<T>(call: () => Promise<T>, refine: (e: OdemeError) => OdemeError): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof OdemeError ? refine(error) : error;
  }
}

const MASK = "[REDACTED]";

/**
 * Masks known secret values (the configured credentials) wherever they appear as text. The
 * generated clients redact by field name; this catches a provider that echoes a key inside a
 * message ("invalid api key sk-..."). Strings only, deep; other values are copied as they are.
 */
export function maskSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const mask = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return secrets.reduce((s, secret) => s.split(secret).join(MASK), v);
    if (depth > 32 || v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map((x) => mask(x, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mask(x, depth + 1)]));
  };
  return mask(value, 0) as T;
}

/** The error with known secrets masked; the cause is dropped then, since it still holds them. */
export function scrubError(error: unknown, secrets: readonly string[]): unknown {
  if (!(error instanceof OdemeError) || secrets.length === 0) return error;
  const text = JSON.stringify(error);
  if (!secrets.some((s) => text.includes(s) || error.message.includes(s))) return error;
  const clean = maskSecrets(error.toJSON(), secrets) as Record<string, unknown> & { message: string };
  return new OdemeError({
    code: error.code,
    message: clean.message,
    provider: error.provider,
    operation: error.operation,
    outcome: error.outcome,
    retryable: error.retryable,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.providerCode !== undefined ? { providerCode: error.providerCode } : {}),
    ...(typeof clean.providerMessage === "string" ? { providerMessage: clean.providerMessage } : {}),
    ...(error.providerGroup !== undefined ? { providerGroup: error.providerGroup } : {}),
    ...(error.field !== undefined ? { field: error.field } : {}),
    ...(Array.isArray(clean.fieldErrors) ? { fieldErrors: clean.fieldErrors as FieldError[] } : {}),
    ...(clean.raw !== undefined ? { raw: clean.raw } : {}),
  });
}
