import { describe, expect, it } from "vitest";
import { isIdKey, isSecretKey, NO_FIELDS, secretFieldSet } from "../../src/scrub/fields.ts";

describe("isSecretKey", () => {
  it.each([
    "password",
    "clientSecret",
    "api_key",
    "apiKeyPrivate",
    "merchant_key",
    "access_token",
    "Authorization",
    "signature",
    "hash",
    "hashKey",
    "cardNumber",
    "pan",
    "cvv",
    "CVC",
    "securityCode",
    "x-iyzi-rnd",
  ])("%s is secret by name, whatever the provider", (key) => expect(isSecretKey(key)).toBe(true));

  it.each(["price", "paymentId", "hashFields", "panel", "status", "conversationId"])("%s is not", (key) =>
    expect(isSecretKey(key)).toBe(false),
  );

  it("adds the names a spec declares, case-insensitively, bare or under their parent", () => {
    const extra = secretFieldSet(["Email", "buyer.name"]);
    expect(isSecretKey("email", extra)).toBe(true);
    expect(isSecretKey("EMAIL", extra)).toBe(true);
    expect(isSecretKey("name", extra, "buyer")).toBe(true);
    expect(isSecretKey("name", extra, "Buyer")).toBe(true);
    // A basket item's name is a product, not a person.
    expect(isSecretKey("name", extra, "basketItems")).toBe(false);
    expect(isSecretKey("name", extra)).toBe(false);
    expect(isSecretKey("email", NO_FIELDS)).toBe(false);
  });
});

describe("secretFieldSet", () => {
  it("lowercases and de-duplicates", () => {
    expect([...secretFieldSet(["Card_Holder", "card_holder", "CUSTOMER.name"])]).toEqual(["card_holder", "customer.name"]);
  });
});

describe("isIdKey: long digit strings under these keys are ids, not card numbers", () => {
  it.each(["id", "payment_id", "paymentId", "transactionID", "order_ref", "payment_reference"])("%s is an id", (key) =>
    expect(isIdKey(key)).toBe(true),
  );
  it.each(["cardNumber", "idempotencyKey", "paid", "identity", undefined])("%s is not", (key) => expect(isIdKey(key)).toBe(false));
});
