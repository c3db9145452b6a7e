/**
 * The facade throws one error class, @odeme/core's OdemeError, which every generated client
 * already throws: a caller catches one type whether the failure came from input checks here, from
 * a provider or from the network. These helpers build the facade's own errors and refine a
 * client's error where a provider code is ambiguous.
 */
import {
  authSchemeOf,
  OdemeError,
  odemeErrorInit,
  scrubberFor,
  type AnyAuthSchemeModule,
  type ErrorCode,
  type ProviderDefinition,
  type Scrubber,
} from "@odeme/core";

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
  return explained(error, why, code);
}

/** The same error (or with `code`) with what it means for the caller added to its message; the original as `cause`. */
export function explained(error: OdemeError, why: string, code: ErrorCode = error.code): OdemeError {
  return new OdemeError({
    ...odemeErrorInit(error),
    code,
    message: `${error.message} (${why})`,
    // Every refinement lands on a business answer, which a plain retry does not change.
    retryable: false,
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

/**
 * The facade's scrubber: core's, over every configured provider at once (a provider may echo any
 * credential the process holds). The generated clients already scrub their own credentials; this
 * one also covers the facade's own errors (input checks, lookups) and the idempotency layer's.
 */
export function facadeScrubber(clients: [definition: ProviderDefinition, options: Record<string, unknown>][]): Scrubber {
  return scrubberFor(
    ...clients.map(
      ([definition, options]) =>
        [definition, options, authSchemeOf(definition.auth) as AnyAuthSchemeModule] as [
          ProviderDefinition,
          Record<string, unknown>,
          AnyAuthSchemeModule,
        ],
    ),
  );
}
