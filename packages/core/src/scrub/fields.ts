/**
 * Which field names hold something that must never be logged: credentials and card data by name
 * (every provider spells them differently; a signature's random nonce header as `*-rnd` / `*-nonce`), plus the names one provider's spec declares in
 * `x-odeme-sensitive` / `x-odeme-secret` (emitted into its definition as `secretFields`).
 */
const SECRET_KEY =
  /pass(word)?|secret|api_?key|apikey|apiclient|merchant_?key|token|authorization|signature|^hash$|hash_?key|card_?number|cardno|^pan$|cvv|cvc|cvn|security_?code|(^|[-_])(rnd|nonce)$/i;

/**
 * Field names one provider's spec marks sensitive, lowercased. An entry is a bare name (`email`)
 * or `parent.name` (`buyer.name`) when the bare name is ambiguous (a basket item's `name` is a
 * product, a buyer's `name` is a person).
 */
export type SecretFields = ReadonlySet<string>;
export const NO_FIELDS: SecretFields = new Set();

export function secretFieldSet(names: Iterable<string>): SecretFields {
  return new Set([...names].map((n) => n.toLowerCase()));
}

/** Whether `key` (inside an object held at `parent`, when known) is a field whose value is masked. */
export function isSecretKey(key: string, extra: SecretFields = NO_FIELDS, parent?: string): boolean {
  if (SECRET_KEY.test(key)) return true;
  if (extra.size === 0) return false;
  const k = key.toLowerCase();
  return extra.has(k) || (parent !== undefined && extra.has(`${parent.toLowerCase()}.${k}`));
}

/** Ids are long digit strings by design (Sipay's 19-digit ids): not scanned as card numbers. */
export function isIdKey(key: string | undefined): boolean {
  return key !== undefined && /(^|_)id$|[a-z]Id$|ID$|(^|_)ref$|reference$/.test(key);
}
