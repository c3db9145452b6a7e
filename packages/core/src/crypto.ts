/**
 * Digests, HMAC and base64 for every runtime: no node:crypto and no Buffer, so a browser or edge
 * bundle (workerd without nodejs_compat) works as Node does. The digests come from @noble/hashes
 * (audited, synchronous: a signature is computed where the bytes are, without an await);
 * base64 from the standard btoa over the UTF-8 bytes.
 */
import { hmac } from "@noble/hashes/hmac.js";
import { md5, sha1 } from "@noble/hashes/legacy.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export function hmacSha256Hex(key: string, message: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(key), utf8ToBytes(message)));
}

/**
 * An HMAC-SHA256 keyed once: each message then costs two block compressions fewer (a client signs
 * every request with the same secret key).
 */
export function keyedHmacSha256Hex(key: string): (message: string) => string {
  const keyed = hmac.create(sha256, utf8ToBytes(key));
  return (message) => bytesToHex(keyed.clone().update(utf8ToBytes(message)).digest());
}

export function sha256Hex(message: string): string {
  return bytesToHex(sha256(utf8ToBytes(message)));
}

/** MD5 and SHA-1: only for legacy provider schemes that require them (Akurateco's request hash). */
export function md5Hex(message: string): string {
  return bytesToHex(md5(utf8ToBytes(message)));
}

export function sha1Hex(message: string): string {
  return bytesToHex(sha1(utf8ToBytes(message)));
}

const ASCII = /^[\x00-\x7f]*$/;

/** Base64 of the UTF-8 bytes of `text` (HTTP Basic credentials, the IYZWSv2 header). */
export function utf8ToBase64(text: string): string {
  // ASCII (every IYZWSv2 header with an ASCII key) is its own UTF-8: btoa takes it as is.
  return ASCII.test(text) ? btoa(text) : bytesToBase64(new TextEncoder().encode(text));
}

/** Base64 of bytes, through btoa (no Buffer: browsers and edge runtimes load this too). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary);
}

/** Padded standard base64: the alphabet, whole 4-character groups, `=` only at the end. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The UTF-8 text `encoded` is the base64 of, strictly: undefined unless it is padded standard
 * base64 of valid UTF-8. atob alone skips whitespace and missing padding, and bytes that are not
 * UTF-8 would decode to replacement characters: plain text would come out as garbage.
 */
export function base64ToUtf8(encoded: string): string | undefined {
  if (!BASE64.test(encoded)) return undefined;
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Constant-time comparison of two hex signatures. A length mismatch returns false without
 * comparing (the length of a hex digest is public), case is ignored.
 */
export function timingSafeEqualHex(expected: string, received: string): boolean {
  const a = expected.toLowerCase();
  const b = received.toLowerCase();
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
