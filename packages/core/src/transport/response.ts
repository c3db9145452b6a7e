import { retryableCode, errorForStatus } from "../classify.ts";
import type { EnvelopeDefinition, OperationDefinition, ProviderDefinition } from "../definition.ts";
import { isEnvelopeSuccess, readFailure } from "../envelope.ts";
import { OdemeError, type ErrorCode } from "../errors.ts";
import { parseJsonLossless, visitPath } from "../json.ts";
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
export function interpret(provider: ProviderDefinition, out: Outbound, op: OperationDefinition, res: WireResponse, read: ParsedBody, envelope: EnvelopeDefinition = provider.envelope): unknown {
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
    for (const path of op.bigint ?? []) {
      visitPath(body, path, (holder, key) => {
        if (typeof holder[key] === "number") holder[key] = String(holder[key]);
      });
    }
    return body;
  }
  const failure = parsed ? readFailure(envelope, body) : {};
  const mapped = failure.code === undefined ? undefined : (op.errors?.[failure.code] ?? provider.errors[failure.code]);
  const byStatus = errorForStatus(status, op.safe);
  const code: ErrorCode = mapped ?? (ok ? "provider_error" : parsed && failure.code !== undefined ? (byStatus.code === "outcome_unknown" ? "provider_error" : byStatus.code) : byStatus.code);
  const outcome = code === "outcome_unknown" ? "unknown" : "rejected";
  const detail = failure.message ?? (parsed ? undefined : out.text(text.trim(), LIMITS.message));
  const fieldHint = failure.fieldErrors?.length ? ` (${failure.fieldErrors.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; ")})` : "";
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
    ...(failure.code !== undefined ? { providerCode: failure.code } : {}),
    ...(failure.message !== undefined ? { providerMessage: failure.message } : {}),
    ...(failure.group !== undefined ? { providerGroup: failure.group } : {}),
    ...(failure.fieldErrors ? { fieldErrors: failure.fieldErrors, field: failure.fieldErrors[0]?.field } : {}),
    raw: parsed ? out.value(body) : out.text(text, LIMITS.raw),
  });
}
