import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base64Forms, FRAGMENT, KnownSecrets, MIN_SECRET, secretForms } from "../../src/scrub/known-values.ts";
import { MASK } from "../../src/scrub/text.ts";

const SECRET = "sk-9QmX2vLp7Rt";

describe("secretForms", () => {
  it("covers the secret as sent, re-cased, URL- and form-encoded, JSON-escaped and base64 at each alignment", () => {
    const forms = secretForms('p@ss w"rd/9');
    expect(forms).toEqual(
      expect.arrayContaining(['p@ss w"rd/9', 'P@SS W"RD/9', encodeURIComponent('p@ss w"rd/9'), "p%40ss+w%22rd%2F9", 'p@ss w\\"rd/9']),
    );
    for (const b of base64Forms('p@ss w"rd/9')) expect(forms).toContain(b);
  });

  it("drops forms shorter than MIN_SECRET", () => {
    expect(secretForms("abc")).toEqual([]);
    for (const f of secretForms("abcdef")) expect(f.length).toBeGreaterThanOrEqual(MIN_SECRET);
  });
});

describe("base64Forms", () => {
  it("finds the secret inside a longer base64 text, such as a Basic header of user:secret", () => {
    const header = btoa(`merchant-7:${SECRET}`);
    expect(base64Forms(SECRET).some((form) => header.includes(form))).toBe(true);
  });

  it("gives the URL-safe alphabet too", () => {
    const secret = "\u00ff\u00fe\u00fd>>>???~~~";
    const urlSafe = btoa(String.fromCharCode(...new TextEncoder().encode(secret)))
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    expect(base64Forms(secret).some((form) => urlSafe.includes(form) && /[-_]/.test(form))).toBe(true);
  });
});

describe("KnownSecrets.mask", () => {
  it("masks a configured secret wherever it appears, and a run of its pieces once", () => {
    const known = new KnownSecrets([SECRET]);
    expect(known.mask(`key=${SECRET}; again ${SECRET}`)).toBe(`key=${MASK}; again ${MASK}`);
    // Cut in half by an older transport: the piece is still masked.
    const half = SECRET.slice(0, FRAGMENT + 1);
    expect(known.mask(`echo: ${half}`)).not.toContain(half.slice(0, FRAGMENT));
  });

  it("masks the upper-cased and URL-encoded forms", () => {
    const known = new KnownSecrets(["p@ss/w0rd-x"]);
    expect(known.mask("P@SS/W0RD-X")).toBe(MASK);
    expect(known.mask(`client_secret=${encodeURIComponent("p@ss/w0rd-x")}`)).toBe(`client_secret=${MASK}`);
  });

  it("leaves pieces that public text also has (a sandbox key and the sandbox host share 'sandbox-')", () => {
    const known = new KnownSecrets(["sandbox-api-9QmX2vLp"], ["https://sandbox-api.demo.test"]);
    expect(known.mask("POST https://sandbox-api.demo.test/refund")).toBe("POST https://sandbox-api.demo.test/refund");
    expect(known.mask("key sandbox-api-9QmX2vLp")).not.toContain("9QmX2vLp");
  });

  it("leaves one-case word pieces of a secret in ordinary text, yet masks the whole secret", () => {
    const known = new KnownSecrets(["sim-merchant-42"]);
    expect(known.mask("duplicate_merchant_ref")).toBe("duplicate_merchant_ref");
    // The word piece "merchant" is not secret on its own; the pieces on both sides of it are, and
    // together they cover the secret to its last character.
    expect(known.mask("id sim-merchant-42")).toBe(`id ${MASK}`);
    expect(known.mask("id sim-merchant-42, ok")).toBe(`id ${MASK}, ok`);
  });

  it("masks a 6- or 7-character secret whole only, and ignores shorter ones", () => {
    const known = new KnownSecrets(["Ab3$x9", "1234"]);
    expect(known.mask("pin Ab3$x9 and 1234")).toBe(`pin ${MASK} and 1234`);
    expect(known.size).toBeGreaterThan(0);
    expect(new KnownSecrets(["1234"]).size).toBe(0);
  });

  it("keeps only the newest learned values, a value seen again counting as new", () => {
    const known = new KnownSecrets();
    // Unrelated tokens, so that no 8-character piece of one is a piece of another.
    const token = (i: number) => createHash("sha256").update(String(i)).digest("base64url").slice(0, 24);
    known.learn(token(0));
    for (let i = 1; i <= 300; i++) {
      known.learn(token(i));
      if (i % 10 === 0) known.learn(token(0)); // the cached token, used on every call
    }
    expect(known.mask(token(0))).toBe(MASK);
    expect(known.mask(token(300))).toBe(MASK);
    // The oldest of the others were dropped, with their pieces.
    expect(known.mask(token(1))).toBe(token(1));
  });
});
