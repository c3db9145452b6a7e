import type { OperationDefinition } from "../definition.ts";
import { OdemeError } from "../errors.ts";

/** What the transport does after a failed attempt. */
export type RetryStep = { retry: false } | { retry: true; delayMs: number; refreshCredentials: boolean };

export interface RetryInput {
  op: OperationDefinition;
  error: unknown;
  /** Backoff retries already made for this call (a credentials refresh does not count). */
  retries: number;
  maxRetries: number;
  /** Whether this call already retried once with refreshed credentials. */
  refreshed: boolean;
  callerSignal?: AbortSignal;
  /** Asks the auth scheme to drop the credentials that got a 401; true if it has fresh ones to try. */
  dropCredentials: () => boolean;
}

/** The whole retry policy, one rule each (as stripe-node's `_shouldRetry`). */
export function retryStep(input: RetryInput): RetryStep {
  const { op, error } = input;
  // The caller gave up: never start another attempt for them.
  if (input.callerSignal?.aborted) return { retry: false };
  // Anything but our own classified error (a bug, a thrown TypeError) is not retried.
  if (!(error instanceof OdemeError)) return { retry: false };
  // A 401 means the provider refused before applying anything, so even a write may be sent again
  // once, with fresh credentials (an expired or revoked OAuth token). A second 401 is final.
  if (error.status === 401 && !input.refreshed && input.dropCredentials()) return { retry: true, delayMs: 0, refreshCredentials: true };
  // A write is never re-sent: if the first one was applied, a second would apply it twice.
  if (!op.safe) return { retry: false };
  // Only failures that a later attempt may not repeat (network, timeout, 429, a read's 5xx) are retried.
  if (!error.retryable) return { retry: false };
  // The budget is spent.
  if (input.retries >= input.maxRetries) return { retry: false };
  // Exponential backoff with jitter, capped, so many clients do not retry in lockstep.
  const backoff = Math.min(2_000, 100 * 2 ** input.retries) * (0.75 + Math.random() * 0.25);
  // The provider said when to come back (429, 503 Retry-After): not sooner; and a wait longer than
  // a call should sit through is the caller's to decide (the error carries retryAfterMs).
  const asked = error.retryAfterMs;
  if (asked === undefined) return { retry: true, delayMs: backoff, refreshCredentials: false };
  if (asked > MAX_RETRY_AFTER_MS) return { retry: false };
  return { retry: true, delayMs: Math.max(backoff, asked), refreshCredentials: false };
}

/** The longest Retry-After a call waits out by itself. */
export const MAX_RETRY_AFTER_MS = 5_000;
