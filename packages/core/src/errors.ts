import { maskDeep, maskError, maskPatterns } from "./scrub/text.ts";

/** The one error vocabulary shared by every odeme client and the facade. */
export const ERROR_CODES = [
  "invalid_request",
  "authentication",
  "not_found",
  "amount_exceeds_refundable",
  "already_refunded",
  "already_cancelled",
  "cancel_window_closed",
  "duplicate",
  "unsupported",
  "rate_limited",
  "provider_unavailable",
  "timeout",
  "network",
  "aborted",
  "outcome_unknown",
  "malformed_response",
  // A successful answer whose provider signature is missing or wrong: tampered or not the provider's.
  "response_signature_invalid",
  // The facade's idempotency store (not the provider) failed: see @odeme/payments.
  "store_unavailable",
  "provider_error",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What is known about the operation's effect at the provider:
 * - `rejected`: the provider answered and did not apply it;
 * - `not_sent`: the request never reached the provider (bad input, connection refused);
 * - `unknown`: it may have been applied (timeout or reset after sending, garbled answer).
 *   Never re-send such a write blindly: look it up first.
 */
export type Outcome = "rejected" | "not_sent" | "unknown";

export interface FieldError {
  field?: string;
  message: string;
}

export interface OdemeErrorInit {
  code: ErrorCode;
  message: string;
  provider: string;
  operation: string;
  outcome: Outcome;
  retryable?: boolean;
  status?: number;
  /** How long the provider asked to wait before another attempt (its Retry-After), in ms. */
  retryAfterMs?: number;
  providerCode?: string;
  providerMessage?: string;
  providerGroup?: string;
  field?: string;
  fieldErrors?: FieldError[];
  raw?: unknown;
  cause?: unknown;
}

/** The text fields of an OdemeError that are set only when known (masked like the message). */
const OPTIONAL_TEXT = ["providerCode", "providerMessage", "providerGroup", "field"] as const;
/** The fields of an OdemeError that are set only when known, in toJSON's order (the cause comes last). */
const OPTIONAL_FIELDS = ["status", "retryAfterMs", ...OPTIONAL_TEXT, "fieldErrors", "raw"] as const;

/** Node's util.inspect hook, by its registered symbol (no node:util import: browsers load this too). */
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * Every failure of an odeme call, from bad input to a provider's refusal to a lost connection.
 * Every text it carries is masked when it is built (message, provider fields, `raw`, the cause
 * chain, so `stack`, `toJSON()` and `util.inspect` are too) by the patterns that need no
 * configuration; a client's scrubber masks its configured secrets on top (see scrub/scrubber.ts).
 */
export class OdemeError extends Error {
  override readonly name = "OdemeError";
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly outcome: Outcome;
  readonly provider: string;
  readonly operation: string;
  readonly status?: number;
  /** How long the provider asked to wait before another attempt (its `Retry-After`), in ms. */
  readonly retryAfterMs?: number;
  readonly providerCode?: string;
  readonly providerMessage?: string;
  readonly providerGroup?: string;
  /** The input field at fault, for errors raised before anything was sent. */
  readonly field?: string;
  readonly fieldErrors?: FieldError[];
  /** The provider's response body, with secrets redacted. */
  readonly raw?: unknown;

  constructor(init: OdemeErrorInit) {
    // Messages quote provider text (an HTML error page, an errorMessage) that may echo a card number;
    // a cause (fetch's TypeError, a Request) may hold credentials: it is kept as a masked copy.
    super(maskPatterns(String(init.message)), init.cause === undefined ? undefined : { cause: maskCause(init.cause, 0) });
    this.code = init.code;
    this.outcome = init.outcome;
    this.retryable = init.retryable ?? false;
    // A caller's bad `provider` (a card number pasted into the wrong field) is echoed here.
    this.provider = maskPatterns(String(init.provider));
    this.operation = maskPatterns(String(init.operation));
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    for (const k of OPTIONAL_TEXT)
      if (init[k] !== undefined) (this as { -readonly [F in typeof k]?: string })[k] = maskPatterns(String(init[k]));
    if (init.fieldErrors !== undefined) {
      this.fieldErrors = init.fieldErrors.map((f) => ({
        ...(f.field !== undefined ? { field: maskPatterns(String(f.field)) } : {}),
        message: maskPatterns(String(f.message)),
      }));
    }
    if (init.raw !== undefined) this.raw = maskDeep(init.raw);
  }

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      outcome: this.outcome,
      provider: this.provider,
      operation: this.operation,
    };
    // Every key, set or not (JSON.stringify leaves the unset out), in one order.
    for (const k of OPTIONAL_FIELDS) json[k] = this[k];
    // Names and messages only: the chain says what went wrong below (ECONNRESET, a timeout).
    json.cause = causeSummary(this.cause, 0);
    return json;
  }

  /** `console.log(error)`: the masked stack and fields; never the live objects a cause once held. */
  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, options?: unknown) => string): string {
    // Name and message are in the stack's first line; unset fields would only be noise.
    const fields = Object.fromEntries(Object.entries(this.toJSON()).filter(([k, v]) => v !== undefined && k !== "name" && k !== "message"));
    const body = typeof inspect === "function" ? inspect(fields, options) : JSON.stringify(fields, null, 2);
    return `${this.stack ?? `${this.name}: ${this.message}`} ${body}`;
  }
}

/** The fields a new OdemeError needs to be this one again (a refinement, a scrubbed copy). */
export function odemeErrorInit(error: OdemeError): OdemeErrorInit {
  const init: OdemeErrorInit = {
    code: error.code,
    message: error.message,
    provider: error.provider,
    operation: error.operation,
    outcome: error.outcome,
    retryable: error.retryable,
  };
  for (const k of [...OPTIONAL_FIELDS, "cause"] as const)
    if (error[k] !== undefined) (init as unknown as Record<string, unknown>)[k] = error[k];
  return init;
}

const MAX_CAUSES = 8;

function maskCause(cause: unknown, depth: number): unknown {
  // An OdemeError was masked when it was built.
  if (cause instanceof OdemeError) return cause;
  if (depth >= MAX_CAUSES) return "[cause chain too deep]";
  if (cause instanceof Error)
    return maskError(
      cause,
      (s) => maskPatterns(s),
      (v) => maskDeep(v),
      (c) => maskCause(c, depth + 1),
    );
  return maskDeep(cause);
}

function causeSummary(cause: unknown, depth: number): unknown {
  if (cause === undefined) return undefined;
  if (depth >= MAX_CAUSES) return "[cause chain too deep]";
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return {
      name: cause.name,
      message: cause.message,
      ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
      ...(cause.cause !== undefined ? { cause: causeSummary(cause.cause, depth + 1) } : {}),
    };
  }
  return cause;
}

/**
 * Bad input or configuration, refused before anything was sent: `invalid_request`, `not_sent`,
 * naming the field to fix where there is one.
 */
export function invalidRequest(provider: { id: string }, operation: string, message: string, field?: string, cause?: unknown): OdemeError {
  return new OdemeError({ code: "invalid_request", message, provider: provider.id, operation, outcome: "not_sent", field, cause });
}

export function isOdemeError(value: unknown): value is OdemeError {
  return value instanceof OdemeError;
}
