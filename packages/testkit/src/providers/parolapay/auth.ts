/** Parolapay's HTTP Basic auth (the E-Pay card API and the intent API share the merchant's username and password). */
import { constantTimeEqual } from "../../kit/crypto.ts";

export type ParolapayCredentials = { username: string; password: string };

/**
 * HTTP Basic: `Basic base64(username:password)`. Both parts are compared in constant time (over
 * SHA-256 digests, so different lengths take the same path) and both are always compared.
 */
export function basicAuthValid(header: string | undefined, expected: ParolapayCredentials): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  const decoded = match?.[1] ? Buffer.from(match[1], "base64").toString("utf8") : "";
  const colon = decoded.indexOf(":");
  const username = colon < 0 ? "" : decoded.slice(0, colon);
  const password = colon < 0 ? "" : decoded.slice(colon + 1);
  const userOk = constantTimeEqual(username, expected.username);
  const passwordOk = constantTimeEqual(password, expected.password);
  return match !== null && colon >= 0 && userOk && passwordOk;
}
