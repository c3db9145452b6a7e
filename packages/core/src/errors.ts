import { redact, redactText } from "./redact.ts";

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
  providerCode?: string;
  providerMessage?: string;
  providerGroup?: string;
  field?: string;
  fieldErrors?: FieldError[];
  raw?: unknown;
  cause?: unknown;
}

/** Every failure of an odeme call, from bad input to a provider's refusal to a lost connection. */
export class OdemeError extends Error {
  override readonly name = "OdemeError";
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly outcome: Outcome;
  readonly provider: string;
  readonly operation: string;
  readonly status?: number;
  readonly providerCode?: string;
  readonly providerMessage?: string;
  readonly providerGroup?: string;
  /** The input field at fault, for errors raised before anything was sent. */
  readonly field?: string;
  readonly fieldErrors?: FieldError[];
  /** The provider's response body, with secrets redacted. */
  readonly raw?: unknown;

  constructor(init: OdemeErrorInit) {
    // Messages quote provider text (an HTML error page, an errorMessage) that may echo a card number.
    super(redactText(init.message), init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.outcome = init.outcome;
    this.retryable = init.retryable ?? false;
    this.provider = init.provider;
    this.operation = init.operation;
    if (init.status !== undefined) this.status = init.status;
    if (init.providerCode !== undefined) this.providerCode = init.providerCode;
    if (init.providerMessage !== undefined) this.providerMessage = redactText(init.providerMessage);
    if (init.providerGroup !== undefined) this.providerGroup = init.providerGroup;
    if (init.field !== undefined) this.field = init.field;
    if (init.fieldErrors !== undefined) this.fieldErrors = init.fieldErrors.map((f) => ({ ...f, message: redactText(f.message) }));
    if (init.raw !== undefined) this.raw = redact(init.raw);
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      outcome: this.outcome,
      provider: this.provider,
      operation: this.operation,
      status: this.status,
      providerCode: this.providerCode,
      providerMessage: this.providerMessage,
      providerGroup: this.providerGroup,
      field: this.field,
      fieldErrors: this.fieldErrors,
      raw: this.raw,
    };
  }
}

export function isOdemeError(value: unknown): value is OdemeError {
  return value instanceof OdemeError;
}
