/**
 * Akurateco Checkout request hash, written independently of @odeme/core's signer so that a bug in
 * one is caught by the other (docs.akurateco.com/docs/requests/hash_signature, providers.md §4):
 *   hash = hex( SHA1( hex_lower( MD5( strtoupper( field1 + field2 + ... + PASSWORD ) ) ) ) )
 * strtoupper is PHP's: ASCII a-z only, every other character untouched. SHA1 runs over the 32
 * hex characters of the MD5, not its raw bytes.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** PHP strtoupper: only a-z change. */
function asciiUpper(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out += c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : ch;
  }
  return out;
}

/** The 40-char lowercase hex hash of `values` (already the exact strings sent) and the password. */
export function dineroPayHash(values: readonly string[], password: string): string {
  const md5hex = createHash("md5").update(asciiUpper(values.join("") + password), "utf8").digest("hex");
  return createHash("sha1").update(md5hex, "ascii").digest("hex");
}

/** The value at a dotted path ("order.amount"), as the string that was hashed ("" when absent). */
export function hashFieldValue(body: unknown, path: string): string {
  let node: unknown = body;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return "";
    node = (node as Record<string, unknown>)[key];
  }
  if (node === undefined || node === null) return "";
  return typeof node === "object" ? JSON.stringify(node) : String(node);
}

/** Compares a received hash with the expected one in constant time; like the docs, lowercase hex only. */
export function hashMatches(given: unknown, expected: string): boolean {
  if (typeof given !== "string" || !/^[0-9a-f]{40}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, "ascii"), Buffer.from(expected, "ascii"));
}
