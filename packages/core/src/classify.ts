import type { OperationDefinition, ProviderDefinition } from "./definition.ts";
import { OdemeError, type ErrorCode } from "./errors.ts";

/** Codes a caller may simply retry: nothing was applied, or the operation is a read. */
export function retryableCode(code: ErrorCode): boolean {
  return (
    code === "rate_limited" || code === "provider_unavailable" || code === "timeout" || code === "network" || code === "store_unavailable"
  );
}

/**
 * An HTTP status without a provider code. 503 and 429 come from the provider's front door before
 * anything is applied; 500, 502 and 504 may come after a write was applied upstream, so for a write
 * they mean "outcome unknown" and for a read just "unavailable, retry".
 */
export function errorForStatus(status: number, safe: boolean): { code: ErrorCode } {
  if (status === 400 || status === 422) return { code: "invalid_request" };
  if (status === 401 || status === 403) return { code: "authentication" };
  if (status === 404) return { code: "not_found" };
  if (status === 409) return { code: "duplicate" };
  if (status === 429) return { code: "rate_limited" };
  if (status === 503) return { code: "provider_unavailable" };
  if (status >= 500) return { code: safe ? "provider_unavailable" : "outcome_unknown" };
  return { code: "provider_error" };
}

/** Errors from fetch itself, before a response: undici puts the socket error in `cause`. */
const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * A failure to connect, by what each runtime says: a socket code (Node, Bun), Deno's hyper
 * "client error (Connect)", or a port that fetch refuses outright (the spec's bad ports).
 * Only these prove nothing was sent; anything else after fetch was called may have been.
 */
const CONNECT_FAILED = /client error \(Connect\)|tcp connect error|Requests to port \d+ are blocked|\bbad port\b/i;

function neverConnected(e: unknown, code: string | undefined): boolean {
  if (code !== undefined && NOT_CONNECTED.has(code)) return true;
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const message = (cur as { message?: unknown }).message;
    if (typeof message === "string" && CONNECT_FAILED.test(message)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

function causeCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export function classifyFetchFailure(
  provider: ProviderDefinition,
  op: OperationDefinition,
  e: unknown,
  how: { timedOut: boolean; callerAborted: boolean },
): OdemeError {
  const base = { provider: provider.id, operation: op.id, cause: e };
  const what = `${provider.name} ${op.id}`;
  const lookUp = "It may have been applied at the provider: look it up before retrying; never re-send it blindly.";
  if (how.callerAborted) {
    return new OdemeError({
      ...base,
      code: op.safe ? "aborted" : "outcome_unknown",
      outcome: op.safe ? "rejected" : "unknown",
      message: op.safe ? `${what} was aborted by the caller.` : `${what} was aborted by the caller after it was sent. ${lookUp}`,
    });
  }
  if (how.timedOut) {
    return new OdemeError({
      ...base,
      code: op.safe ? "timeout" : "outcome_unknown",
      outcome: op.safe ? "rejected" : "unknown",
      retryable: op.safe,
      message: op.safe ? `${what} timed out.` : `${what} timed out waiting for the provider. ${lookUp}`,
    });
  }
  const code = causeCode(e);
  if (neverConnected(e, code)) {
    return new OdemeError({
      ...base,
      code: "network",
      outcome: "not_sent",
      retryable: true,
      message: `${what}: could not connect to the provider (${code ?? "connect failed"}); nothing was sent.`,
    });
  }
  return new OdemeError({
    ...base,
    code: op.safe ? "network" : "outcome_unknown",
    outcome: op.safe ? "rejected" : "unknown",
    retryable: op.safe,
    message: op.safe
      ? `${what}: the connection failed before a complete response (${code ?? "no code"}).`
      : `${what}: the connection failed after the request was sent (${code ?? "no code"}). ${lookUp}`,
  });
}
