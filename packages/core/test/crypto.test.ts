import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacSha256Hex, keyedHmacSha256Hex, md5Hex, sha1Hex, sha256Hex, timingSafeEqualHex, utf8ToBase64 } from "../src/crypto.ts";

// node:crypto is the reference here only: the library itself must run where it does not exist.
const INPUTS = ["", "a", "ĞÜŞİÖÇ ğüşıöç €", "x".repeat(64), "y".repeat(1000)];

describe("portable crypto matches node:crypto byte for byte", () => {
  it.each(INPUTS)("digests and HMAC of %j", (text) => {
    expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    expect(md5Hex(text)).toBe(createHash("md5").update(text, "utf8").digest("hex"));
    expect(sha1Hex(text)).toBe(createHash("sha1").update(text, "utf8").digest("hex"));
    const expected = createHmac("sha256", "gizli-anahtar-ş").update(text, "utf8").digest("hex");
    expect(hmacSha256Hex("gizli-anahtar-ş", text)).toBe(expected);
    const keyed = keyedHmacSha256Hex("gizli-anahtar-ş");
    expect([keyed(text), keyed(text)]).toEqual([expected, expected]);
    expect(utf8ToBase64(text)).toBe(Buffer.from(text, "utf8").toString("base64"));
  });

  it("a key longer than a block is hashed first, as RFC 2104 says", () => {
    const key = "k".repeat(100);
    expect(keyedHmacSha256Hex(key)("m")).toBe(createHmac("sha256", key).update("m").digest("hex"));
  });

  it("timingSafeEqualHex ignores case and refuses other lengths", () => {
    expect(timingSafeEqualHex("ABCDEF", "abcdef")).toBe(true);
    expect(timingSafeEqualHex("abcdef", "abcdee")).toBe(false);
    expect(timingSafeEqualHex("abcdef", "abcde")).toBe(false);
  });
});
