/**
 * What every webhook/callback check needs: the raw body as text, header lookup, form-or-JSON
 * parsing, and a constant-time hex comparison whose failures say what is wrong without ever
 * showing the expected signature or the secret.
 */
import { OdemeError, parseJsonLossless, parseJsonNumbersAsWritten, timingSafeEqualHex } from "@odeme/core";

/** Node's IncomingHttpHeaders, a plain record, or a fetch Headers (any implementation with `get`). */
export type HeaderBag = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export type RawBody = string | Uint8Array;

export function webhookError(provider: string, code: "invalid_request" | "authentication", message: string, field?: string): OdemeError {
  return new OdemeError({
    code,
    message: `${provider} webhook: ${message}`,
    provider,
    operation: "webhooks.verify",
    outcome: "rejected",
    ...(field !== undefined ? { field } : {}),
  });
}

/** Signatures are over bytes as sent: a re-serialized object never matches, so refuse it up front. */
export function rawText(provider: string, body: unknown): string {
  if (typeof body === "string") return body;
  // TextDecoder, not Buffer: edge runtimes (workerd without nodejs_compat) have no Buffer. A BOM
  // is kept, as it was signed.
  if (body instanceof Uint8Array) return new TextDecoder("utf-8", { ignoreBOM: true }).decode(body);
  throw webhookError(
    provider,
    "invalid_request",
    `got ${body === null ? "null" : typeof body} instead of the raw body; pass the raw request body (a string or Buffer), before any JSON/body parser ` +
      "(e.g. express.raw({ type: '*/*' }) on this route).",
    "rawBody",
  );
}

export function header(headers: HeaderBag | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  // Any fetch Headers (the runtime's, undici's, node-fetch's, a polyfill's), not only this realm's:
  // their entries are not own properties, so the record walk below would find none.
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === "string" ? value : value[0];
  }
  return undefined;
}

/** A callback body, read two ways. */
export interface CallbackBody {
  /** Each value as the text that was signed: a JSON number as written (`101.50`, not 101.5). */
  fields: Record<string, unknown>;
  /** The body as parsed, for the event's `payload` (numbers as numbers, long ids exact). */
  payload: Record<string, unknown>;
}

/** A callback body: JSON when it looks like JSON, otherwise a form post (all text already). */
export function parseBody(provider: string, text: string): CallbackBody {
  const trimmed = text.trim();
  if (trimmed === "") throw webhookError(provider, "invalid_request", "the body is empty.", "rawBody");
  if (trimmed.startsWith("{")) {
    let payload: unknown;
    try {
      payload = parseJsonLossless(trimmed);
    } catch {
      throw webhookError(provider, "invalid_request", "the body starts like JSON but is not valid JSON.", "rawBody");
    }
    if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
      throw webhookError(provider, "invalid_request", "the JSON body is not an object.", "rawBody");
    }
    return { fields: parseJsonNumbersAsWritten(trimmed) as Record<string, unknown>, payload: payload as Record<string, unknown> };
  }
  const form = Object.fromEntries(new URLSearchParams(trimmed));
  return { fields: form, payload: form };
}

/** A field of `CallbackBody.fields` as the text that was signed; absent as "". */
export function text(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
}

export function requireField(provider: string, body: Record<string, unknown>, name: string, hint: string): string {
  const v = text(body, name);
  if (v === "") throw webhookError(provider, "invalid_request", `the body has no ${name}; ${hint}`, name);
  return v;
}

/** Checks shape first (for a precise message), then compares in constant time. */
export function checkHexSignature(
  provider: string,
  where: string,
  received: string | undefined,
  expected: string,
  missingHint: string,
  mismatchHint: string,
): void {
  if (received === undefined || received.trim() === "")
    throw webhookError(provider, "invalid_request", `${where} is missing; ${missingHint}`, where);
  const value = received.trim();
  if (!/^[0-9a-fA-F]*$/.test(value)) throw webhookError(provider, "invalid_request", `${where} is not a hex string.`, where);
  if (value.length !== expected.length) {
    throw webhookError(
      provider,
      "invalid_request",
      `${where} has ${value.length} hex characters; a valid one has ${expected.length}.`,
      where,
    );
  }
  if (!timingSafeEqualHex(expected, value)) {
    throw webhookError(
      provider,
      "authentication",
      `signature mismatch: the body was altered, or the secret is wrong (${mismatchHint}).`,
      where,
    );
  }
}
