import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, isOdemeError, OdemeError, odemeErrorInit, type OdemeErrorInit } from "../src/errors.ts";

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

  it("keeps a masked copy of the cause: the chain stays readable, the credentials it held do not", () => {
    const socket = Object.assign(new Error(`connect ECONNREFUSED, sent Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig-123`), {
      code: "ECONNREFUSED",
      syscall: "connect",
    });
    const cause = new TypeError("fetch failed", { cause: socket });
    const e = new OdemeError({ ...base, cause });
    expect(e.cause).toBeInstanceOf(TypeError);
    expect(e.cause).not.toBe(cause);
    const inner = (e.cause as Error).cause as Error & { code: string; syscall: string };
    expect(inner).toMatchObject({ code: "ECONNREFUSED", syscall: "connect" });
    expect(inner.message).toBe("connect ECONNREFUSED, sent Authorization: Bearer [REDACTED]");
    expect(inner.stack).not.toContain("eyJhbGciOiJIUzI1NiJ9");
    // A plain object cause (a Request-like record) is masked by field name.
    const plain = new OdemeError({ ...base, cause: { headers: { authorization: "Bearer secret-token" } } });
    expect(plain.cause).toEqual({ headers: { authorization: "[REDACTED]" } });
  });

  it("toJSON and util.inspect show the fields and the cause chain, masked", () => {
    const cause = new TypeError("fetch failed", { cause: Object.assign(new Error(`socket hang up ${PAN}`), { code: "ECONNRESET" }) });
    const e = new OdemeError({ ...base, message: `card ${PAN} refused`, raw: { note: `cvv 7391 for ${PAN}` }, cause });
    const json = e.toJSON();
    expect(json.cause).toEqual({
      name: "TypeError",
      message: "fetch failed",
      cause: { name: "Error", message: "socket hang up 552879******0008", code: "ECONNRESET" },
    });
    expect(json.raw).toEqual({ note: "cvv **** for 552879******0008" });
    const shown = inspect(e, { depth: 8 });
    expect(shown).toContain("OdemeError: card 552879******0008 refused");
    expect(shown).toContain("ECONNRESET");
    for (const text of [shown, JSON.stringify(e), String(e.stack)]) {
      expect(text).not.toContain(PAN);
      expect(text).not.toContain("7391");
    }
  });

  it("masks a card number passed where a provider or field name goes", () => {
    const e = new OdemeError({ ...base, provider: "4111 1111 1111 1111", field: "5528-7900-0000-0008" });
    expect(e.provider).toBe("4111 11** **** 1111");
    expect(e.field).toBe("5528-79**-****-0008");
  });

  it("odemeErrorInit rebuilds the same error", () => {
    const e = new OdemeError({
      ...base,
      status: 400,
      providerCode: "5",
      fieldErrors: [{ field: "amount", message: "bad" }],
      raw: { a: 1 },
    });
    expect(new OdemeError(odemeErrorInit(e)).toJSON()).toEqual(e.toJSON());
  });

  it("has a closed vocabulary the facade can switch on", () => {
    expect(ERROR_CODES).toContain("outcome_unknown");
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
