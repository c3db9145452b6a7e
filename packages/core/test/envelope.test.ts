import { describe, expect, it } from "vitest";
import type { EnvelopeDefinition } from "../src/definition.ts";
import { isEnvelopeSuccess, readFailure } from "../src/envelope.ts";

describe("readFailure: field errors only in the shape the spec declares", () => {
  it("a list of objects whose messages start with the field", () => {
    const env: EnvelopeDefinition = { code: "error_code", message: "error_message", details: { path: "errors", shape: "list", messageField: "error_message", fieldPrefix: true } };
    expect(readFailure(env, { error_code: 100000, error_message: "Request data is invalid.", errors: [{ error_message: "hash: Hash is not valid." }, "plain text"] })).toEqual({
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

  it("a body whose details are in another shape yields no field errors (never a guess)", () => {
    const env: EnvelopeDefinition = { details: { path: "errors", shape: "field-map" } };
    expect(readFailure(env, { errors: ["a: b"] }).fieldErrors).toBeUndefined();
    const list: EnvelopeDefinition = { details: { path: "errors", shape: "list" } };
    expect(readFailure(list, { errors: { a: ["b"] } }).fieldErrors).toBeUndefined();
  });

  it("success compares as text (providers send 0 and \"0\")", () => {
    expect(isEnvelopeSuccess({ success: { field: "status", equals: 0 } }, { status: "0" })).toBe(true);
    expect(isEnvelopeSuccess({ success: { field: "status", equals: 0 } }, { status: 1 })).toBe(false);
  });
});
