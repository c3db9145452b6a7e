import { describe, expect, it } from "vitest";
import { isEnvelopeSuccess } from "../src/envelope.ts";

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
