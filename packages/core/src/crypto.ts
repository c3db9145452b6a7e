import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export function hmacSha256Hex(key: string, message: string): string {
  return createHmac("sha256", key).update(message, "utf8").digest("hex");
}

export function sha256Hex(message: string): string {
  return createHash("sha256").update(message, "utf8").digest("hex");
}

/**
 * Constant-time comparison of two hex signatures. A length mismatch returns false without
 * comparing (the length of a hex digest is public), case is ignored.
 */
export function timingSafeEqualHex(expected: string, received: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), "utf8");
  const b = Buffer.from(received.toLowerCase(), "utf8");
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
