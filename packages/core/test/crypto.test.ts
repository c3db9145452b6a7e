import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  base64ToUtf8,
  hmacSha256Hex,
  keyedHmacSha256Hex,
  md5Hex,
  sha1Hex,
  sha256Hex,
  timingSafeEqualHex,
  utf8ToBase64,
} from "../src/crypto.ts";

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
    expect(base64ToUtf8(Buffer.from(text, "utf8").toString("base64"))).toBe(text);
  });

  it("a key longer than a block is hashed first, as RFC 2104 says", () => {
    const key = "k".repeat(100);
    expect(keyedHmacSha256Hex(key)("m")).toBe(createHmac("sha256", key).update("m").digest("hex"));
  });

  it("base64ToUtf8 decodes only padded standard base64 of UTF-8, where Buffer and atob let garbage through", () => {
    // "Test" is valid base64 letters but its bytes are not UTF-8; the others are not base64 at all.
    for (const text of ["Test", "Yetersiz bakiye", "abc", "YWJj ZA==", "YQ", "YQ=", "YWJj=", "-_-_"])
      expect(base64ToUtf8(text)).toBeUndefined();
    expect(Buffer.from("Test", "base64").toString("utf8")).toContain("\uFFFD");
    expect(base64ToUtf8("w5zDp8O8")).toBe("Üçü");
  });

  it("timingSafeEqualHex ignores case and refuses other lengths", () => {
    expect(timingSafeEqualHex("ABCDEF", "abcdef")).toBe(true);
    expect(timingSafeEqualHex("abcdef", "abcdee")).toBe(false);
    expect(timingSafeEqualHex("abcdef", "abcde")).toBe(false);
  });
});
