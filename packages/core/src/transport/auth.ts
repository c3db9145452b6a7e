import type { AuthScheme } from "../auth/scheme.ts";
import type { OperationDefinition, ProviderDefinition } from "../definition.ts";
import { invalidRequest, OdemeError } from "../errors.ts";
import { LIMITS, type Outbound } from "./outbound.ts";
import type { WireRequest } from "./send.ts";

/**
 * Signs the request over the bytes already in hand (the body text prepared once), and adds the
 * scheme's headers. Returns the headers it added, so a 401 can tell the scheme which token failed.
 * Nothing has been sent yet, so every failure here is `not_sent`: a token request that failed
 * keeps its own code and `operation: "token"`, anything else (a runtime without the crypto the
 * scheme needs) is reported as such.
 */
export async function signRequest(
  provider: ProviderDefinition,
  auth: AuthScheme,
  out: Outbound,
  op: OperationDefinition,
  request: WireRequest,
): Promise<Record<string, string>> {
  if (!auth.headers) return {};
  let added: Record<string, string>;
  try {
    added = await auth.headers(op, { uriPath: uriPathOf(request.url), body: request.body ?? "" });
  } catch (e) {
    throw notSentBySigning(provider, out, op, e);
  }
  for (const name in added) request.headers[name] = added[name] as string;
  return added;
}

function uriPathOf(url: string): string {
  // The path the server sees, without the query (iyzipay signs the path only).
  return new URL(url).pathname;
}

function notSentBySigning(provider: ProviderDefinition, out: Outbound, op: OperationDefinition, e: unknown): OdemeError {
  if (e instanceof OdemeError) {
    if (e.outcome === "not_sent") return e;
    // The token request (a read: it is retried and never "unknown") failed; its answer does not
    // change that the operation itself was never sent.
    return new OdemeError({
      code: e.code,
      message: `${e.message} (${provider.name} ${op.id} was not sent.)`,
      provider: e.provider,
      operation: e.operation,
      outcome: "not_sent",
      retryable: e.retryable,
      // Unset ones stay unset: OdemeError keeps only what is defined.
      status: e.status,
      providerCode: e.providerCode,
      providerMessage: e.providerMessage,
      raw: e.raw,
      cause: e,
    });
  }
  const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return invalidRequest(
    provider,
    op.id,
    `${provider.name} ${op.id} was not sent: signing the request failed (${out.text(why, LIMITS.message)}).`,
    undefined,
    e,
  );
}
