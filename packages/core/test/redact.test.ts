import { describe, expect, it } from "vitest";
import { OdemeError } from "../src/errors.ts";
import {
  base64Forms,
  clip,
  createScrubber,
  isSecretKey,
  redact,
  redactFormText,
  redactHeaders,
  redactText,
  scrubberFor,
  secretFieldSet,
} from "../src/redact.ts";
import type { ProviderDefinition } from "../src/definition.ts";
import { basicAuth } from "../src/auth/basic.ts";

const PAN = "5528790000000008"; // Luhn-valid iyzico test card
const MASKED = "552879******0008";

describe("isSecretKey", () => {
  it.each([
    "apiKey",
    "secretKey",
    "password",
    "client_secret",
    "access_token",
    "Authorization",
    "cardNumber",
    "card_number",
    "cvc",
    "cvv",
    "CVV2",
    "hash",
    "merchant_key",
    "hash_key",
    "x-iyzi-rnd",
    "apikeyprivate",
    "apiclientprivate",
    "apikeypublic",
    "signature",
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
    ["a PAN grouped by spaces", "kart 4111 1111 1111 1111 red", "kart 4111 11** **** 1111 red"],
    ["a PAN grouped by dashes", "5528-7900-0000-0008", "5528-79**-****-0008"],
    ["a 19-digit Luhn-valid PAN", "pan 6011000990139424009 x", "pan 601100*********4009 x"],
    ["a 12-digit Luhn-valid number", "no 123456789015", "no 123456**9015"],
    ["a CVV in a description", "cvv 7391 lütfen", "cvv **** lütfen"],
    ["a CVC2 with a colon", "CVC2: 123", "CVC2: ***"],
    ["a Basic credential", "Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic [REDACTED]"],
    ["prose after Basic", "Basic information is missing", "Basic information is missing"],
    ["a Bearer token", "got Bearer eyJhbGciOi.J9.sig_x-1 back", "got Bearer [REDACTED] back"],
    ["the IYZWSv2 header", "IYZWSv2 YXBpS2V5OnNhbmRib3gmcmFuZG9tS2V5OjEyMw==", "IYZWSv2 [REDACTED]"],
    ["an access_token in JSON text", '{"access_token":"at-9f8e7d6c","expires_in":3600}', '{"access_token":"[REDACTED]","expires_in":3600}'],
    [
      "a refresh_token in form text",
      "grant_type=refresh_token&refresh_token=rt-123abc&x=1",
      "grant_type=refresh_token&refresh_token=[REDACTED]&x=1",
    ],
    ["escaped JSON inside a string", '"body":"{\\"client_secret\\":\\"cs-1\\"}"', '"body":"{\\"client_secret\\":\\"[REDACTED]\\"}"'],
    ["a field error that names a secret field", "hash: Hash is not valid.", "hash: Hash is not valid."],
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
      new OdemeError({
        code: "provider_error",
        message: "m",
        provider: "p",
        operation: "o",
        outcome: "rejected",
        raw: { secretKey: "s", cardNumber: PAN },
      }),
    );
    expect(json).not.toContain('"secretKey":"s"');
    expect(json).not.toContain(PAN);
  });
});

describe("clip: masks, then cuts", () => {
  it("a card number across the cut is masked before the cut halves it", () => {
    const text = `${"x".repeat(110)} 4111 1111 1111 1111 trailing`;
    expect(clip(text, 120)).toBe(`${"x".repeat(110)} 4111 11**`);
    // Cutting first would leave 9 digits no Luhn check recognizes.
    expect(redactText(text.slice(0, 120))).toContain("4111 1111");
  });

  it("a bearer token across the cut", () => {
    expect(clip(`${"a".repeat(190)} Bearer tok-0123456789abcdef`, 200)).toBe(`${"a".repeat(190)} Bearer [R`);
  });
});

const DEFINITION = {
  id: "demo",
  name: "Demo",
  environments: { sandbox: { api: "https://sandbox-api.demo.test" } },
  defaultHost: "api",
  auth: { scheme: "basic" },
  envelope: {},
  money: { unit: "major", wire: "string" },
  errors: {},
  secretFields: ["buyer.name", "email"],
  credentials: ["username", "password"],
} as unknown as ProviderDefinition;

describe("scrubber: configured secrets and what auth schemes derive from them", () => {
  const username = "mrc-7Hq2Lx9Pw";
  const password = "Zk4-vT9qR2mW8nB1";
  const scrubber = scrubberFor([DEFINITION, { username, password, baseUrl: "http://127.0.0.1" }, basicAuth]);
  const basic = btoa(`${username}:${password}`);

  it.each([
    ["the value", `bad credentials ${username}:${password}`],
    ["HTTP Basic of the pair, without its scheme", `echo ${basic}`],
    ["the password upper-cased (a DineroPay-style hash input)", `hash over ORDER-110.00${password.toUpperCase()}`],
    ["URL-encoded in a form echo", `password=${encodeURIComponent(password)}`],
    ["a 20-character prefix left by a cut", `...key ${password.slice(0, 12)}`],
    ["a suffix", `${password.slice(-9)} was wrong`],
  ])("%s", (_what, text) => {
    const out = scrubber.text(text);
    for (const secret of [username, password, basic, password.toUpperCase()]) {
      for (let i = 0; i + 8 <= secret.length; i++) expect(out).not.toContain(secret.slice(i, i + 8));
    }
    expect(out).toContain("[REDACTED]");
  });

  it("base64 forms cover the secret at every byte alignment inside a longer encoded string", () => {
    for (const prefix of ["", "a", "ab", "apiKey:"]) {
      const encoded = btoa(`${prefix}${password}&randomKey:123`);
      expect(base64Forms(password).some((form) => encoded.includes(form))).toBe(true);
    }
  });

  it("leaves public text alone: the host names and the option names", () => {
    const s = createScrubber({ secrets: ["sandbox-api-9QmX2vLp"], publicText: ["https://sandbox-api.demo.test"] });
    expect(s.text("POST https://sandbox-api.demo.test/pay")).toBe("POST https://sandbox-api.demo.test/pay");
    // The public head ("sandbox-" as in the host) stays; the pieces that are only the key's go.
    expect(s.text("key sandbox-api-9QmX2vLp")).toBe("key sand[REDACTED]");
  });

  it("masks the spec's personal fields, parent.name only under its parent", () => {
    expect(scrubber.value({ buyer: { name: "Ayşe", email: "a@b.c" }, basketItems: [{ name: "Book" }] })).toEqual({
      buyer: { name: "[REDACTED]", email: "[REDACTED]" },
      basketItems: [{ name: "Book" }],
    });
  });

  it("learns the secret headers and fields a request carries (a bearer token no option names)", () => {
    const s = createScrubber({});
    s.learnRequest({ authorization: "Bearer tok-8c1d9e2f7a6b", "content-type": "application/json" }, '{"hash":"9a8b7c6d5e4f3a2b1c0d"}');
    expect(s.text("echo tok-8c1d9e2f7a6b and 9a8b7c6d5e4f3a2b1c0d")).toBe("echo [REDACTED] and [REDACTED]");
  });

  it("rebuilds an OdemeError with every field, the stack and the cause chain masked", () => {
    const cause = new TypeError(`fetch failed for ${username}`, {
      cause: Object.assign(new Error(`reset by ${password}`), { code: "ECONNRESET" }),
    });
    const error = new OdemeError({
      code: "authentication",
      message: `bad key ${password.slice(0, 10)}`,
      provider: "demo",
      operation: "pay",
      outcome: "rejected",
      providerMessage: `user ${username}`,
      raw: { echo: basic, buyer: { name: "Ali" } },
      cause,
    });
    const clean = scrubber.error(error);
    expect(clean).toBeInstanceOf(OdemeError);
    expect(clean).toMatchObject({ code: "authentication", provider: "demo", operation: "pay", outcome: "rejected" });
    const texts = [
      clean.message,
      String(clean.stack),
      JSON.stringify(clean),
      String((clean.cause as Error).stack),
      String(((clean.cause as Error).cause as Error).message),
    ];
    for (const text of texts) for (const secret of [username, password, basic]) expect(text).not.toContain(secret.slice(0, 8));
    expect(((clean.cause as Error).cause as Error & { code: string }).code).toBe("ECONNRESET");
    expect(clean.raw).toEqual({ echo: "[REDACTED]", buyer: { name: "[REDACTED]" } });
  });
});

describe("learned values", () => {
  it("keeps the newest 256 and refreshes one seen again (a cached bearer token)", () => {
    const s = createScrubber({});
    const token = "tok-Lr8Qw2Zx9Vb4Nm7K";
    s.learn("IYZWSv2 old-Hx3Kd9Wq2Lm7");
    s.learn(`Bearer ${token}`);
    for (let i = 0; i < 300; i++) {
      s.learn(`IYZWSv2 sig-${i}-Qm7xK2pL9vR4tW8zN3bH6jD1`);
      if (i % 100 === 0) s.learn(`Bearer ${token}`);
    }
    expect(s.text(`echo ${token}`)).toBe("echo [REDACTED]");
    expect(s.text("echo sig-299-Qm7xK2pL9vR4tW8zN3bH6jD1")).toBe("echo [REDACTED]");
    // The oldest value, learned once and long gone from the wire, has been dropped.
    expect(s.text("echo old-Hx3Kd9Wq2Lm7")).toBe("echo old-Hx3Kd9Wq2Lm7");
  });
});
