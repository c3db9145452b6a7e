import { describe, expect, it } from "vitest";
import { OdemeError } from "../src/errors.ts";
import { isSecretKey, redact, redactFormText, redactHeaders, redactText, secretFieldSet } from "../src/redact.ts";

const PAN = "5528790000000008"; // Luhn-valid iyzico test card
const MASKED = "552879******0008";

describe("isSecretKey", () => {
  it.each([
    "apiKey", "secretKey", "password", "client_secret", "access_token", "Authorization", "cardNumber", "card_number",
    "cvc", "cvv", "CVV2", "hash", "merchant_key", "hash_key", "x-iyzi-rnd", "apikeyprivate", "apiclientprivate", "apikeypublic", "signature",
  ])("%s is secret", (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(["paymentId", "price", "conversationId", "transaction_id", "status", "errorMessage", "hashFields", "locale"])(
    "%s is not secret",
    (key) => {
      expect(isSecretKey(key)).toBe(false);
    },
  );

  it("adds the fields one spec marks x-odeme-secret, for that provider only", () => {
    const paywall = secretFieldSet(["Number"]);
    expect(isSecretKey("number", paywall)).toBe(true);
    expect(isSecretKey("Number")).toBe(false);
    expect(redact({ order: { number: "ORDER-1" } })).toEqual({ order: { number: "ORDER-1" } });
    expect(redact({ Card: { Number: "4111" } }, paywall)).toEqual({ Card: { Number: "[REDACTED]" } });
  });
});

describe("redactText", () => {
  it.each([
    ["a Luhn-valid 16-digit PAN in free text", `card ${PAN} declined`, `card ${MASKED} declined`],
    ["a PAN inside HTML", `<td>${PAN}</td>`, `<td>${MASKED}</td>`],
    ["a 15-digit Amex test card", "378282246310005", "378282*****0005"],
    ["a 19-digit wallet id", "wallet 7440022202222222022", "wallet 7440022202222222022"],
    ["a 16-digit number that fails Luhn", "ref 5528790000000009", "ref 5528790000000009"],
    ["a short number", "order 123456", "order 123456"],
  ])("%s", (_what, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});

describe("redact", () => {
  it("masks secret keys at any depth and PANs in any string, without touching the input", () => {
    const input = {
      apiKey: "ak-1",
      paymentCard: { cardHolderName: "Ali", cardNumber: PAN, cvc: "123" },
      basketItems: [{ id: "B1", price: "1.0" }],
      note: `paid with ${PAN}`,
      payload: { transaction_id: "7440022202222222022" },
      empty: { password: "" },
    };
    const copy = structuredClone(input);
    expect(redact(input)).toEqual({
      apiKey: "[REDACTED]",
      paymentCard: { cardHolderName: "Ali", cardNumber: "[REDACTED]", cvc: "[REDACTED]" },
      basketItems: [{ id: "B1", price: "1.0" }],
      note: `paid with ${MASKED}`,
      payload: { transaction_id: "7440022202222222022" },
      empty: { password: "" },
    });
    expect(input).toEqual(copy);
  });

  it("masks secret headers and form fields", () => {
    expect(redactHeaders(new Headers({ Authorization: "Bearer at-1", "x-iyzi-rnd": "123", accept: "application/json" }))).toEqual({
      authorization: "[REDACTED]",
      "x-iyzi-rnd": "[REDACTED]",
      accept: "application/json",
    });
    expect(redactFormText("grant_type=client_credentials&client_id=cid&client_secret=cs-9q8w&scope=sts_api")).toBe(
      "grant_type=client_credentials&client_id=cid&client_secret=%5BREDACTED%5D&scope=sts_api",
    );
  });

  it("keeps secrets out of JSON.stringify(OdemeError)", () => {
    const error = new OdemeError({
      code: "provider_error",
      message: "iyzico createPayment failed",
      provider: "iyzico",
      operation: "createPayment",
      outcome: "rejected",
      raw: { secretKey: "s3cr3t-value", cardNumber: PAN, paymentCard: { cvc: "947" } },
    });
    const json = JSON.stringify(error);
    expect(json).not.toContain("s3cr3t-value");
    expect(json).not.toContain(PAN);
    expect(json).not.toContain('"947"');
    expect(JSON.parse(json).raw).toEqual({ secretKey: "[REDACTED]", cardNumber: "[REDACTED]", paymentCard: { cvc: "[REDACTED]" } });
    expect(JSON.parse(json)).toMatchObject({ name: "OdemeError", code: "provider_error", outcome: "rejected", provider: "iyzico" });
  });

  it("masks the literal secret from the brief: raw {secretKey: 's', cardNumber}", () => {
    const json = JSON.stringify(
      new OdemeError({ code: "provider_error", message: "m", provider: "p", operation: "o", outcome: "rejected", raw: { secretKey: "s", cardNumber: PAN } }),
    );
    expect(json).not.toContain('"secretKey":"s"');
    expect(json).not.toContain(PAN);
  });
});
