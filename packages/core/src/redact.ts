/**
 * Masks secrets before anything reaches a log line, an error message or JSON.stringify(error).
 * Keys are matched by name (every provider spells them differently); free text is scanned for
 * card numbers (Luhn-valid runs of 13 to 16 digits, so 19-digit wallet ids stay readable).
 */
const SECRET_KEY =
  /pass(word)?|secret|api_?key|apikey|apiclient|merchant_?key|token|authorization|signature|^hash$|hash_?key|card_?number|cardno|^pan$|cvv|cvc|cvn|security_?code|^x-iyzi-rnd$/i;

const MASK = "[REDACTED]";

/** Field names one provider's spec marks `x-odeme-secret` (Paywall's `Card.Number`), lowercased. */
export type SecretFields = ReadonlySet<string>;
const NONE: SecretFields = new Set();

export function secretFieldSet(names: Iterable<string>): SecretFields {
  return new Set([...names].map((n) => n.toLowerCase()));
}

export function isSecretKey(key: string, extra: SecretFields = NONE): boolean {
  return SECRET_KEY.test(key) || extra.has(key.toLowerCase());
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function redactText(text: string): string {
  return text.replace(/(?<!\d)\d{13,16}(?!\d)/g, (run) =>
    luhn(run) ? `${run.slice(0, 6)}${"*".repeat(run.length - 10)}${run.slice(-4)}` : run,
  );
}

/** A deep copy of `value` with secret fields masked; strings are scanned for card numbers. */
export function redact(value: unknown, extra: SecretFields = NONE, depth = 0): unknown {
  if (depth > 32) return "[too deep]";
  if (typeof value === "string") return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, extra, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretKey(k, extra) && v !== null && v !== "" ? MASK : redact(v, extra, depth + 1);
    }
    return out;
  }
  return value;
}

/** Header names whose values are never logged. */
export function redactHeaders(headers: Headers | Record<string, string>, extra: SecretFields = NONE): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: [string, string][] = [];
  if (headers instanceof Headers) headers.forEach((v, k) => entries.push([k, v]));
  else entries.push(...Object.entries(headers));
  for (const [k, v] of entries) out[k] = isSecretKey(k, extra) ? MASK : redactText(v);
  return out;
}

/** Form bodies (OAuth token requests) carry client secrets. */
export function redactFormText(text: string, extra: SecretFields = NONE): string {
  const params = new URLSearchParams(text);
  for (const key of [...params.keys()]) if (isSecretKey(key, extra)) params.set(key, MASK);
  return params.toString();
}
