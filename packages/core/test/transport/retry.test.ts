import { describe, expect, it } from "vitest";
import { OdemeError, type OdemeErrorInit } from "../../src/errors.ts";
import { MAX_RETRY_AFTER_MS, retryStep, type RetryInput } from "../../src/transport/retry.ts";
import { READ, WRITE } from "./fixtures.ts";

const err = (init: Partial<OdemeErrorInit>) =>
  new OdemeError({ code: "network", message: "m", provider: "acme", operation: "x", outcome: "rejected", retryable: true, ...init });
const base: RetryInput = { op: READ, error: err({}), retries: 0, maxRetries: 2, refreshed: false, dropCredentials: () => false };

describe("retryStep: one rule at a time", () => {
  it("a retryable failure of a read is retried with a bounded, jittered backoff", () => {
    const step = retryStep(base);
    expect(step.retry).toBe(true);
    if (step.retry) {
      expect(step.delayMs).toBeGreaterThanOrEqual(75);
      expect(step.delayMs).toBeLessThanOrEqual(100);
      expect(step.refreshCredentials).toBe(false);
    }
  });

  it("waits at least what the provider's Retry-After asks, and leaves a longer wait to the caller", () => {
    const limited = (retryAfterMs: number) => err({ code: "rate_limited", status: 429, retryAfterMs });
    const step = retryStep({ ...base, error: limited(1_500) });
    expect(step).toMatchObject({ retry: true });
    if (step.retry) expect(step.delayMs).toBe(1_500);
    // A shorter ask than the backoff keeps the backoff.
    const soon = retryStep({ ...base, error: limited(0) });
    if (soon.retry) expect(soon.delayMs).toBeGreaterThanOrEqual(75);
    expect(retryStep({ ...base, error: limited(MAX_RETRY_AFTER_MS + 1) }).retry).toBe(false);
  });

  it("a write is never retried, whatever the error", () => {
    expect(retryStep({ ...base, op: WRITE }).retry).toBe(false);
  });

  it("a 401 retries once with refreshed credentials, also for a write; never twice", () => {
    const e401 = err({ code: "authentication", status: 401, retryable: false });
    expect(retryStep({ ...base, op: WRITE, error: e401, dropCredentials: () => true })).toEqual({
      retry: true,
      delayMs: 0,
      refreshCredentials: true,
    });
    expect(retryStep({ ...base, op: WRITE, error: e401, refreshed: true, dropCredentials: () => true }).retry).toBe(false);
    expect(retryStep({ ...base, error: e401, dropCredentials: () => false }).retry).toBe(false);
  });

  it("stops when the budget is spent, the caller aborted, the error is not retryable or not ours", () => {
    expect(retryStep({ ...base, retries: 2 }).retry).toBe(false);
    expect(retryStep({ ...base, callerSignal: AbortSignal.abort() }).retry).toBe(false);
    expect(retryStep({ ...base, error: err({ retryable: false }) }).retry).toBe(false);
    expect(retryStep({ ...base, error: new TypeError("bug") }).retry).toBe(false);
  });
});
