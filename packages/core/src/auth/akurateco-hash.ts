import { createHash } from "node:crypto";

/**
 * Akurateco Checkout request hash (docs.akurateco.com/docs/requests/hash_signature):
 * sha1 of the lowercase hex md5 of the ASCII-uppercased concatenation of the fields and the
 * merchant password. The fields are the exact strings sent ("0.10", not 0.1).
 */
export function akuratecoHash(fields: readonly string[], password: string): string {
  const upper = (fields.join("") + password).replace(/[a-z]+/g, (s) => s.toUpperCase());
  const md5 = createHash("md5").update(upper, "utf8").digest("hex");
  return createHash("sha1").update(md5, "utf8").digest("hex");
}
