import { describe, expect, it } from "vitest";
import type { EnvelopeDefinition } from "../src/definition.ts";
import { isEnvelopeSuccess, readFailure } from "../src/envelope.ts";

describe("readFailure: field errors only in the shape the spec declares", () => {
  it("a list of objects whose messages start with the field", () => {
    const env: EnvelopeDefinition = {
      code: "error_code",
      message: "error_message",
      details: { path: "errors", shape: "list", messageField: "error_message", fieldPrefix: true },
    };
    expect(
      readFailure(env, {
        error_code: 100000,
        error_message: "Request data is invalid.",
        errors: [{ error_message: "hash: Hash is not valid." }, "plain text"],
      }),
    ).toEqual({
      code: "100000",
      message: "Request data is invalid.",
      fieldErrors: [{ field: "hash", message: "Hash is not valid." }, { message: "plain text" }],
    });
  });

  it("a field map, dropping a declared prefix of the names", () => {
    const env: EnvelopeDefinition = { details: { path: "errors", shape: "field-map", stripFieldPrefix: "$." } };
    expect(readFailure(env, { errors: { "$.amount": ["too big", "not a number"], currency: "unknown" } }).fieldErrors).toEqual([
      { field: "amount", message: "too big" },
      { field: "amount", message: "not a number" },
      { field: "currency", message: "unknown" },
    ]);
  });

  it("fieldCodes: a field error on a named field gives the failure its code; other fields give none", () => {
    const env: EnvelopeDefinition = {
      code: "error_code",
      details: { path: "errors", shape: "list", messageField: "error_message", fieldPrefix: true, fieldCodes: { hash: "authentication" } },
    };
    const failure = (...messages: string[]) => readFailure(env, { error_code: 0, errors: messages.map((m) => ({ error_message: m })) });
    expect(failure("amount: too big", "hash: Hash is not valid.")).toMatchObject({ code: "0", fieldCode: "authentication" });
    expect(failure("amount: too big").fieldCode).toBeUndefined();
    // A message that only mentions the field is not an error on it; nor is a name from Object.prototype.
    expect(failure("Hash is not valid.", "toString: x").fieldCode).toBeUndefined();
  });

  it("a body whose details are in another shape yields no field errors (never a guess)", () => {
    const env: EnvelopeDefinition = { details: { path: "errors", shape: "field-map" } };
    expect(readFailure(env, { errors: ["a: b"] }).fieldErrors).toBeUndefined();
    const list: EnvelopeDefinition = { details: { path: "errors", shape: "list" } };
    expect(readFailure(list, { errors: { a: ["b"] } }).fieldErrors).toBeUndefined();
  });

  it('success compares as text (providers send 0 and "0")', () => {
    expect(isEnvelopeSuccess({ success: { field: "status", equals: 0 } }, { status: "0" })).toBe(true);
    expect(isEnvelopeSuccess({ success: { field: "status", equals: 0 } }, { status: 1 })).toBe(false);
  });
});

describe("isEnvelopeSuccess", () => {
  it("equals: success only when the field has the value (compared as text)", () => {
    const env = { success: { field: "ErrorCode", equals: 0 } };
    expect(isEnvelopeSuccess(env, { ErrorCode: 0 })).toBe(true);
    expect(isEnvelopeSuccess(env, { ErrorCode: "0" })).toBe(true);
    expect(isEnvelopeSuccess(env, { ErrorCode: 93 })).toBe(false);
    expect(isEnvelopeSuccess(env, {})).toBe(false);
  });

  it("notEquals: success unless the field has the value (DineroPay's void status FAIL)", () => {
    const env = { success: { field: "status", notEquals: "FAIL" } };
    expect(isEnvelopeSuccess(env, { status: "FAIL", reason: "Declined by processing" })).toBe(false);
    expect(isEnvelopeSuccess(env, { status: "SUCCESS" })).toBe(true);
    expect(isEnvelopeSuccess(env, { status: "settled" })).toBe(true);
    expect(isEnvelopeSuccess(env, { result: "accepted" })).toBe(true);
    expect(isEnvelopeSuccess(env, null)).toBe(true);
  });

  it("no rule: every 2xx is a success", () => {
    expect(isEnvelopeSuccess({}, { anything: true })).toBe(true);
  });
});
