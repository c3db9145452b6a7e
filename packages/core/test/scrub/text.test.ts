import { describe, expect, it } from "vitest";
import { secretFieldSet } from "../../src/scrub/fields.ts";
import { clip, MASK, maskCardNumbers, maskDeep, maskError, maskForm, maskHeaders, maskPatterns } from "../../src/scrub/text.ts";

const PAN = "5528790000000008"; // Luhn-valid (iyzico's sandbox card)

describe("maskCardNumbers", () => {
  it("keeps the BIN and the last four of a Luhn-valid number, grouped or not", () => {
    expect(maskCardNumbers(`card ${PAN} declined`)).toBe("card 552879******0008 declined");
    expect(maskCardNumbers("5528 7900 0000 0008")).toBe("5528 79** **** 0008");
    expect(maskCardNumbers("5528-7900-0000-0008")).toBe("5528-79**-****-0008");
  });

  it("leaves digit runs that are no card number: Luhn-invalid, too short, too long", () => {
    for (const text of ["5528790000000009", "12345678901", "12345678901234567890"]) expect(maskCardNumbers(text)).toBe(text);
  });
});

describe("maskPatterns", () => {
  it("masks auth header values but not the prose 'Basic information'", () => {
    expect(maskPatterns("Authorization: Bearer eyJhbGciOi.J9.abc")).toBe(`Authorization: Bearer ${MASK}`);
    expect(maskPatterns("Basic dXNlcjpwYXNz")).toBe(`Basic ${MASK}`);
    expect(maskPatterns("Basic information about refunds")).toBe("Basic information about refunds");
  });

  it("masks secret-named fields written as text, quoted or not, JSON inside a string too", () => {
    expect(maskPatterns('{"password":"hunter2!","price":"1.0"}')).toBe(`{"password":"${MASK}","price":"1.0"}`);
    expect(maskPatterns("apiKey=sk_live_123&amount=5")).toBe(`apiKey=${MASK}&amount=5`);
    expect(maskPatterns('{\\"secretKey\\":\\"abc123xyz\\"}')).toBe(`{\\"secretKey\\":\\"${MASK}\\"}`);
  });

  it("leaves a field error about a secret-named field, which is prose", () => {
    expect(maskPatterns("hash: Hash is not valid.")).toBe("hash: Hash is not valid.");
  });

  it("masks CVVs named in free text, Turkish included, and card numbers", () => {
    expect(maskPatterns("cvv 7391")).toBe("cvv ****");
    expect(maskPatterns("güvenlik kodu: 123")).toBe("güvenlik kodu: ***");
    expect(maskPatterns(`pan ${PAN}`)).toBe("pan 552879******0008");
  });

  it("masks the names a spec declares", () => {
    expect(maskPatterns("email=ali@example.com", secretFieldSet(["email"]))).toBe(`email=${MASK}`);
    expect(maskPatterns("email=ali@example.com")).toBe("email=ali@example.com");
  });
});

describe("maskDeep", () => {
  it("copies, masking secret fields by name and every string as text", () => {
    const input = {
      paymentId: "7440022202222222022",
      cardNumber: PAN,
      nested: [{ note: `card ${PAN}`, clientSecret: "s" }],
      empty: { apiKey: "" },
    };
    expect(maskDeep(input)).toEqual({
      // A long digit string under an id key is an id, not a card number.
      paymentId: "7440022202222222022",
      cardNumber: MASK,
      nested: [{ note: "card 552879******0008", clientSecret: MASK }],
      empty: { apiKey: "" },
    });
    expect(input.cardNumber).toBe(PAN);
  });

  it("masks a spec's parent.name field under that parent only", () => {
    const fields = secretFieldSet(["buyer.name"]);
    expect(maskDeep({ buyer: { name: "Ayşe" }, basketItems: [{ name: "Kitap" }] }, { fields })).toEqual({
      buyer: { name: MASK },
      basketItems: [{ name: "Kitap" }],
    });
  });

  it("stops at 32 levels", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(JSON.stringify(maskDeep(deep))).toContain('"[too deep]"');
  });
});

describe("clip", () => {
  it("masks before it cuts, so no prefix of a secret survives the cut", () => {
    const text = `token=${"A1b2C3d4E5".repeat(3)}`;
    expect(clip(text, 12)).toBe(`token=${MASK}`.slice(0, 12));
    expect(clip("short", 100)).toBe("short");
  });
});

describe("maskHeaders and maskForm", () => {
  const text = (s: string) => maskPatterns(s);

  it("masks secret-named headers whole and the others as text", () => {
    const headers = new Headers({
      authorization: "IYZWSv2 abc",
      "x-iyzi-rnd": "123",
      "content-type": "application/json",
      "x-note": `pan ${PAN}`,
    });
    expect(maskHeaders(headers, secretFieldSet([]), text)).toEqual({
      authorization: MASK,
      "x-iyzi-rnd": MASK,
      "content-type": "application/json",
      "x-note": "pan 552879******0008",
    });
    expect(maskHeaders({ apikeyprivate: "k" }, secretFieldSet([]), text)).toEqual({ apikeyprivate: MASK });
  });

  it("masks an OAuth form's client_secret and keeps the rest", () => {
    expect(maskForm("grant_type=client_credentials&client_id=c1&client_secret=s3cr3t", secretFieldSet([]), text)).toBe(
      `grant_type=client_credentials&client_id=c1&client_secret=${encodeURIComponent(MASK)}`,
    );
  });
});

describe("maskError", () => {
  it("copies an error with its message, stack and own fields masked, keeping its prototype and cause", () => {
    const cause = new Error(`inner ${PAN}`);
    const error = Object.assign(new TypeError(`fetch failed for password=hunter2!`, { cause }), { code: "ECONNRESET", secretKey: "k" });
    const masked = maskError(
      error,
      (s) => maskPatterns(s),
      (v) => maskDeep(v),
      (c) =>
        maskError(
          c as Error,
          (s) => maskPatterns(s),
          (v) => maskDeep(v),
          () => undefined,
        ),
    );
    expect(masked).toBeInstanceOf(TypeError);
    expect(masked.message).toBe(`fetch failed for password=${MASK}`);
    expect(masked.stack).not.toContain("hunter2!");
    expect((masked as unknown as Record<string, unknown>).code).toBe("ECONNRESET");
    expect((masked as unknown as Record<string, unknown>).secretKey).toBe(MASK);
    expect((masked.cause as Error).message).toBe("inner 552879******0008");
    expect(error.message).toContain("hunter2!");
  });
});
