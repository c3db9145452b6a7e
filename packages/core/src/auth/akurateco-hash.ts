import { md5Hex, sha1Hex } from "../crypto.ts";

/**
 * Akurateco Checkout request hash (docs.akurateco.com/docs/requests/hash_signature):
 * sha1 of the lowercase hex md5 of the ASCII-uppercased concatenation of the fields and the
 * merchant password. The fields are the exact strings sent ("0.10", not 0.1).
 */
export function akuratecoHash(fields: readonly string[], password: string): string {
  const upper = (fields.join("") + password).replace(/[a-z]+/g, (s) => s.toUpperCase());
  return sha1Hex(md5Hex(upper));
}
