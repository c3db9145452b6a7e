import { describe, expect, it } from "vitest";
import { createPayments, MemoryIdempotencyStore } from "../../src/index.ts";
import { writeRunner } from "../../src/payments/options.ts";

describe("writeRunner", () => {
  it("defaults: an in-memory store, a 30 s resend grace, a lease of twice the longest timeout plus 10 s (at least 60 s)", () => {
    const runner = writeRunner({});
    expect(runner.store).toBeInstanceOf(MemoryIdempotencyStore);
    expect(runner.resendGraceMs).toBe(30_000);
    // 2 * 30 000 (the default timeout) + 10 000.
    expect(runner.leaseMs).toBe(70_000);
    expect(writeRunner({ timeoutMs: 1_000 }).leaseMs).toBe(60_000);
    expect(runner.instanceId).not.toBe(writeRunner({}).instanceId);
  });

  it("counts a provider's own timeout when it is the longest", () => {
    expect(writeRunner({ timeoutMs: 5_000, iyzico: { apiKey: "a", secretKey: "s", timeoutMs: 50_000 } }).leaseMs).toBe(110_000);
  });

  it("keeps what it is given", () => {
    const now = () => new Date("2024-06-12T10:00:00Z");
    expect(writeRunner({ leaseMs: 5_000, resendGraceMs: 0, instanceId: "a", now })).toMatchObject({
      leaseMs: 5_000,
      resendGraceMs: 0,
      instanceId: "a",
      now,
    });
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("refuses leaseMs %s when createPayments is called", (leaseMs) => {
    expect(() => createPayments({ leaseMs })).toThrow(/leaseMs must be a positive number of milliseconds/);
  });

  // `Number(process.env.UNSET)` is NaN: read as "the grace has passed", it re-sent an unknown refund.
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("refuses resendGraceMs %s when createPayments is called", (resendGraceMs) => {
    expect(() => createPayments({ resendGraceMs })).toThrow(/resendGraceMs must be a non-negative number of milliseconds/);
  });

  it.each([0, -1, Number.NaN])("refuses a timeoutMs of %s, for all providers or for one", (timeoutMs) => {
    expect(() => createPayments({ timeoutMs })).toThrow(/^createPayments: timeoutMs must be a positive number of milliseconds/);
    expect(() => createPayments({ iyzico: { apiKey: "a", secretKey: "s", timeoutMs } })).toThrow(
      /^createPayments: iyzico\.timeoutMs must be a positive number of milliseconds/,
    );
  });
});
