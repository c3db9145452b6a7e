import type { AuthScheme, SignedOperation } from "../auth/scheme.ts";
import { retryableCode, errorForStatus } from "../classify.ts";
import type { EnvelopeDefinition, OperationDefinition, ProviderDefinition } from "../definition.ts";
import { isEnvelopeSuccess, readFailure } from "../envelope.ts";
import { OdemeError, type ErrorCode } from "../errors.ts";
import { mapPath, parseJsonLossless } from "../json.ts";
import { LIMITS, type Outbound } from "./outbound.ts";
import type { WireResponse } from "./send.ts";

/** A response body parsed once, losslessly (ids beyond 2^53 stay exact strings). */
export interface ParsedBody {
  parsed: boolean;
  body: unknown;
}

export function parseBody(text: string): ParsedBody {
  if (text.trim() === "") return { parsed: false, body: undefined };
  try {
    return { parsed: true, body: parseJsonLossless(text) };
  } catch {
    return { parsed: false, body: undefined };
  }
}

/** The provider's answer as the caller's result, or the `OdemeError` it amounts to. */
export function interpret(
  provider: ProviderDefinition,
  out: Outbound,
  op: OperationDefinition,
  res: WireResponse,
  read: ParsedBody,
  envelope: EnvelopeDefinition = provider.envelope,
): unknown {
  const { status, text, contentType } = res;
  const { parsed, body } = read;
  const ok = status >= 200 && status < 300;
  if (ok && !parsed) {
    // The provider answered 2xx but we cannot read it: a write may well have been applied.
    throw new OdemeError({
      code: op.safe ? "malformed_response" : "outcome_unknown",
      message: op.safe
        ? `${provider.name} ${op.id}: the response (HTTP ${status}${contentType ? `, ${out.text(contentType, LIMITS.message)}` : ""}) is not valid JSON.`
        : `${provider.name} ${op.id}: the response (HTTP ${status}) is not valid JSON, so whether the operation was applied is unknown. Look it up before retrying.`,
      provider: provider.id,
      operation: op.id,
      outcome: op.safe ? "rejected" : "unknown",
      retryable: op.safe,
      status,
      raw: out.text(text, LIMITS.raw),
    });
  }
  if (ok && isEnvelopeSuccess(envelope, body)) {
    let result = body;
    for (const path of op.bigint ?? []) result = mapPath(result, path, (v) => (typeof v === "number" ? String(v) : v));
    return result;
  }
  const failure = parsed ? readFailure(envelope, body) : {};
  const mapped =
    failure.fieldCode ?? (failure.code === undefined ? undefined : (op.errors?.[failure.code] ?? provider.errors[failure.code]));
  const byStatus = errorForStatus(status, op.safe);
  // A provider's own "system error" code (one the spec maps to provider_unavailable) on a write says
  // it failed somewhere inside, not that it applied nothing: the write's outcome is unknown, never retryable.
  const code: ErrorCode =
    (mapped === "provider_unavailable" && !op.safe ? "outcome_unknown" : mapped) ??
    (ok
      ? "provider_error"
      : parsed && failure.code !== undefined
        ? byStatus.code === "outcome_unknown"
          ? "provider_error"
          : byStatus.code
        : byStatus.code);
  const outcome = code === "outcome_unknown" ? "unknown" : "rejected";
  const detail = failure.message ?? (parsed ? undefined : out.text(text.trim(), LIMITS.message));
  const fieldHint = failure.fieldErrors?.length
    ? ` (${failure.fieldErrors.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; ")})`
    : "";
  throw new OdemeError({
    code,
    message:
      `${provider.name} ${op.id} failed: ${code}` +
      (failure.code !== undefined ? ` [provider code ${failure.code}]` : "") +
      (detail ? ` ${detail}` : ` HTTP ${status}`) +
      fieldHint +
      (outcome === "unknown" ? ". The operation may have been applied: look it up before retrying." : ""),
    provider: provider.id,
    operation: op.id,
    outcome,
    retryable: retryableCode(code),
    status,
    retryAfterMs: retryAfterMs(res.retryAfter),
    // Unset ones stay unset: OdemeError keeps only what is defined.
    providerCode: failure.code,
    providerMessage: failure.message,
    providerGroup: failure.group,
    fieldErrors: failure.fieldErrors,
    field: failure.fieldErrors?.[0]?.field,
    raw: parsed ? out.value(body) : out.text(text, LIMITS.raw),
  });
}

/**
 * The provider's signature over a successful answer, checked by the auth scheme where the
 * operation declares one (`responseSignature`). Missing or wrong, the answer is not the provider's
 * word: for a write the provider may still have applied it (`unknown`: look it up, never re-send),
 * for a read nothing changed (`rejected`). Not retried either way: the same answer would come back.
 * The error names the operation and the signed fields, never the key or the expected signature.
 */
export async function verifyResponseSignature(
  provider: ProviderDefinition,
  out: Outbound,
  op: OperationDefinition,
  auth: AuthScheme,
  status: number,
  body: unknown,
): Promise<void> {
  const signed = op.responseSignature;
  if (!signed || !auth.verifyResponse) return;
  // No copy of the definition per call: the check above is what makes it a SignedOperation.
  const problem = await auth.verifyResponse(op as SignedOperation, body);
  if (problem === undefined) return;
  const what = `${provider.name} ${op.id}: the answer's signature ${problem === "missing" ? "is missing" : "does not match its fields"} (signed over ${signed.fields.join(", ")})`;
  throw new OdemeError({
    code: "response_signature_invalid",
    message: op.safe
      ? `${what}, so its content cannot be trusted. Nothing was changed by this read; check the secret key, then read again.`
      : `${what}, so it cannot be trusted and whether the operation was applied is unknown. Look the payment up by its own reference before retrying; never re-send it blindly.`,
    provider: provider.id,
    operation: op.id,
    outcome: op.safe ? "rejected" : "unknown",
    retryable: false,
    status,
    raw: out.value(body),
  });
}

/** RFC 9110 Retry-After: delay-seconds or an HTTP date, as ms from now (never negative). */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month ("Tue, 01 Dec 2026 10:00:05 GMT"); Date.parse would also
  // take "-5" or "1.5" as dates.
  const at = /^[A-Za-z]{3}, /.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
