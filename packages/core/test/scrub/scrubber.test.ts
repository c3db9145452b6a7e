import { describe, expect, it } from "vitest";
import { basicAuth } from "../../src/auth/basic.ts";
import { headersAuth } from "../../src/auth/headers.ts";
import { iyzwsV2Auth } from "../../src/auth/iyzws-v2.ts";
import type { ProviderDefinition } from "../../src/definition.ts";
import { OdemeError } from "../../src/errors.ts";
import { createScrubber, credentialValues, scrubberFor } from "../../src/scrub/scrubber.ts";
import { MASK, maskPatterns } from "../../src/scrub/text.ts";

const HEADERS_DEF: ProviderDefinition = {
  id: "acme",
  name: "Acme",
  environments: { test: { api: "https://test-api.acme.test" } },
  defaultHost: "api",
  auth: { scheme: "headers", sets: { main: { "x-api-key": "apiKey" } } },
  envelope: {},
  money: { unit: "major", wire: "string" },
  errors: {},
  secretFields: ["card_holder"],
  credentials: ["hashKey"],
};
const BASIC_DEF: ProviderDefinition = {
  ...HEADERS_DEF,
  id: "basicco",
  name: "BasicCo",
  auth: { scheme: "basic" },
  credentials: [],
  secretFields: [],
};

describe("credentialValues", () => {
  it("collects the options the scheme and the definition name, strings only", () => {
    expect(
      credentialValues(HEADERS_DEF, { apiKey: "test-api-K3y9", hashKey: "hash-Q7w2", baseUrl: "http://x", timeoutMs: 5 }, headersAuth),
    ).toEqual(["test-api-K3y9", "hash-Q7w2"]);
    expect(credentialValues(HEADERS_DEF, { apiKey: 42 }, headersAuth)).toEqual([]);
  });

  it("adds what the scheme sends in their place (HTTP Basic's user:password pair)", () => {
    expect(credentialValues(BASIC_DEF, { username: "merchant", password: "Pa55-word" }, basicAuth)).toEqual([
      "merchant",
      "Pa55-word",
      "merchant:Pa55-word",
    ]);
  });
});

describe("scrubberFor", () => {
  const scrubber = () =>
    scrubberFor(
      [HEADERS_DEF, { apiKey: "test-api-K3y9x", hashKey: "hash-Q7w2zz" }, headersAuth],
      [BASIC_DEF, { username: "merchant", password: "Pa55-word" }, basicAuth],
    );

  it("masks every client's credentials, and the Basic header built from them, in free text", () => {
    const s = scrubber();
    const basic = btoa("merchant:Pa55-word");
    const masked = s.text(`echo: key test-api-K3y9x, hash hash-Q7w2zz, auth Basic ${basic}, raw ${basic}`);
    for (const secret of ["test-api-K3y9x", "hash-Q7w2zz", basic]) expect(masked).not.toContain(secret);
  });

  it("keeps the public text of the definitions readable: hosts and option names", () => {
    const s = scrubber();
    expect(s.text("POST https://test-api.acme.test/refund failed: check apiKey and hashKey")).toBe(
      "POST https://test-api.acme.test/refund failed: check apiKey and hashKey",
    );
  });

  it("masks the specs' sensitive fields in values", () => {
    expect(scrubber().value({ card_holder: "Ayşe Yılmaz", amount: "1.00" })).toEqual({ card_holder: MASK, amount: "1.00" });
  });
});

describe("createScrubber", () => {
  it("learns the secret headers and body fields of a request on the way out, and masks them later", () => {
    const s = createScrubber();
    s.learnRequest(
      { authorization: "Bearer tok-8f3a91c2d4", "content-type": "application/x-www-form-urlencoded" },
      "grant_type=client_credentials&client_secret=cs-77aa99bb",
    );
    s.learnRequest({ "content-type": "application/json" }, JSON.stringify({ nested: { signature: "sig-5e5e5e5e5e" } }));
    expect(s.text("token tok-8f3a91c2d4 secret cs-77aa99bb sig sig-5e5e5e5e5e")).toBe(`token ${MASK} secret ${MASK} sig ${MASK}`);
  });

  it("ignores a body that is not JSON, still masking by patterns", () => {
    const s = createScrubber();
    s.learnRequest({ "content-type": "application/json" }, "not json password=hunter2!");
    expect(s.text("password=hunter2!")).toBe(`password=${MASK}`);
  });

  it("keeps an OdemeError an OdemeError, masking its message, provider texts, raw body and cause", () => {
    const s = createScrubber({ secrets: ["sk-live-5X9q"] });
    const e = new OdemeError({
      code: "authentication",
      message: "bad key sk-live-5X9q",
      provider: "acme",
      operation: "refund",
      outcome: "rejected",
      providerMessage: "key sk-live-5X9q unknown",
      raw: { echo: "sk-live-5X9q", apiKey: "sk-live-5X9q" },
      cause: new Error("socket closed after sk-live-5X9q"),
    });
    const masked = s.error(e);
    expect(masked).toBeInstanceOf(OdemeError);
    expect(masked).toMatchObject({
      code: "authentication",
      outcome: "rejected",
      message: `bad key ${MASK}`,
      providerMessage: `key ${MASK} unknown`,
      raw: { echo: MASK, apiKey: MASK },
    });
    expect((masked.cause as Error).message).toBe(`socket closed after ${MASK}`);
    expect(JSON.stringify(masked) + String(masked.stack)).not.toContain("sk-live-5X9q");
  });

  it("cuts a cause chain after eight links", () => {
    let e: unknown = new Error("root");
    for (let i = 0; i < 12; i++) e = new Error(`link ${i}`, { cause: e });
    let masked = createScrubber().error(e) as Error;
    let depth = 0;
    while (masked.cause instanceof Error) {
      masked = masked.cause;
      depth++;
    }
    expect(depth).toBe(7);
    expect(masked.cause).toBe("[cause chain too deep]");
  });

  it("learns a scheme-prefixed value without its scheme name", () => {
    const s = createScrubber();
    s.learn("IYZWSv2 YXBpS2V5OnNhbmRib3g=");
    expect(s.text("header YXBpS2V5OnNhbmRib3g= and the word IYZWSv2")).toBe(`header ${MASK} and the word IYZWSv2`);
  });
});

describe("Authorization values of the schemes in use", () => {
  const value = "QWNtZVNpZ25lZDpzaWctOTE4Mw==";

  it("masks a prefix the scrubber is given, which the stateless patterns do not know", () => {
    expect(maskPatterns(`echo AcmeSig ${value}`)).toBe(`echo AcmeSig ${value}`);
    expect(createScrubber({ authPrefixes: ["AcmeSig"] }).text(`echo AcmeSig ${value}`)).toBe(`echo AcmeSig ${MASK}`);
    // HTTP's own schemes always.
    expect(createScrubber().text(`echo Bearer ${value}`)).toBe(`echo Bearer ${MASK}`);
  });

  it("takes them from the client's auth scheme module", () => {
    const iyzico: ProviderDefinition = { ...BASIC_DEF, id: "iyz", name: "Iyz", auth: { scheme: "iyzws-v2" } };
    const s = scrubberFor([iyzico, { apiKey: "k-12345678", secretKey: "s-12345678" }, iyzwsV2Auth]);
    expect(s.text(`sent IYZWSv2 ${value} and IYZWS ${value}`)).toBe(`sent IYZWSv2 ${MASK} and IYZWS ${MASK}`);
    // A client of another scheme is not told about it (its own text is not scanned for it).
    const basic = scrubberFor([BASIC_DEF, { username: "u-12345678", password: "p-12345678" }, basicAuth]);
    expect(basic.text(`sent IYZWSv2 ${value}`)).toBe(`sent IYZWSv2 ${value}`);
  });
});
