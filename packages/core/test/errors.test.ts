import { describe, expect, it } from "vitest";
import { ERROR_CODES, isOdemeError, OdemeError, type OdemeErrorInit } from "../src/errors.ts";

const PAN = "5528790000000008";
const base: OdemeErrorInit = { code: "provider_error", message: "m", provider: "iyzico", operation: "refund", outcome: "rejected" };

describe("OdemeError", () => {
  it("is an Error, recognisable by isOdemeError, and not retryable unless said so", () => {
    const e = new OdemeError(base);
    expect(e).toBeInstanceOf(Error);
    expect(isOdemeError(e)).toBe(true);
    expect(isOdemeError(new Error("x"))).toBe(false);
    expect(e.retryable).toBe(false);
    expect(e.name).toBe("OdemeError");
  });

  it("masks card numbers the provider echoed into the message, providerMessage and field errors", () => {
    const e = new OdemeError({
      ...base,
      message: `iyzico refund failed: <html>card ${PAN}</html>`,
      providerMessage: `Kart ${PAN} geçersiz`,
      fieldErrors: [{ field: "cardNumber", message: `${PAN} is not valid` }],
    });
    const json = JSON.stringify(e);
    expect(json).not.toContain(PAN);
    expect(e.message).toContain("552879******0008");
    expect(e.providerMessage).toBe("Kart 552879******0008 geçersiz");
    expect(e.fieldErrors).toEqual([{ field: "cardNumber", message: "552879******0008 is not valid" }]);
  });

  it("keeps the cause out of JSON (it may hold a Request with credentials) but available in code", () => {
    const cause = { headers: { authorization: "Bearer secret-token" } };
    const e = new OdemeError({ ...base, cause });
    expect(e.cause).toBe(cause);
    expect(JSON.stringify(e)).not.toContain("secret-token");
  });

  it("has a closed vocabulary the facade can switch on", () => {
    expect(ERROR_CODES).toContain("outcome_unknown");
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
