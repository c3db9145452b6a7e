import {
  isSecretKey,
  redact,
  redactFormText,
  redactHeaders,
  redactText,
  secretFieldSet,
  type Scrubber,
  type SecretFields,
} from "../redact.ts";

/**
 * The one place where text leaves the transport: error messages, `raw` and log bodies. Everything
 * is masked first and cut after, so a secret that straddles a cut is masked whole instead of
 * leaking the part before the cut (issue 10.1).
 */
export const LIMITS = {
  /** Provider text quoted in an error message (an HTML error page). */
  message: 120,
  /** A response body that is not JSON, in a log event. */
  logBody: 200,
  /** A response body that is not JSON, as an error's `raw`. */
  raw: 500,
} as const;

export function cut(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** What one provider's transport masks: the shared rules plus its spec's `x-odeme-secret` fields. */
export interface Outbound {
  /** Free text (a non-JSON body, a provider message) masked, then cut to `max` characters. */
  text(text: string, max: number): string;
  /** A parsed body (any JSON value) with secret fields and card numbers masked. */
  value(value: unknown): unknown;
  headers(headers: Record<string, string>): Record<string, string>;
  form(text: string): string;
  /** Whether a value named `name` (a path parameter in a logged URL) is masked whole. */
  secretName(name: string): boolean;
  /** Sees each request as it is sent: a scrubber learns its secret headers and fields. */
  learn(headers: Record<string, string>, body: string | undefined): void;
}

/** The outbound rules of a client's scrubber: its configured credentials are masked before any cut too. */
export function outboundOf(scrubber: Scrubber): Outbound {
  return {
    // The scrubber's clip masks, then cuts.
    text: scrubber.clip,
    value: (value) => scrubber.value(value),
    headers: (headers) => scrubber.headers(headers),
    form: (text) => scrubber.form(text),
    secretName: (name) => isSecretKey(name, scrubber.fields),
    learn: scrubber.learnRequest,
  };
}

export function outboundFor(secretFields: readonly string[]): Outbound {
  const secrets: SecretFields = secretFieldSet(secretFields);
  return {
    text: (text, max) => cut(redactText(text), max),
    value: (value) => redact(value, secrets),
    headers: (headers) => redactHeaders(headers, secrets),
    form: (text) => redactFormText(text, secrets),
    secretName: (name) => isSecretKey(name, secrets),
    learn: () => {},
  };
}
