/** Secret comparison for every simulator's credential check. */
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares a received secret with the expected one in constant time. Both sides are hashed first,
 * so neither the first differing byte nor the lengths show in the timing (timingSafeEqual alone
 * needs equal lengths and would return early on a length mismatch).
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
