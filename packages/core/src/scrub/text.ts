/**
 * The stateless half of the scrubber: patterns that are secret whatever the configuration
 * (authorization header values, secret-named fields written as text, card numbers, CVVs), a deep
 * copy that masks by field name, and `clip`, which masks before it cuts so a cut never leaves a
 * secret's prefix that no pattern recognizes any more.
 */
import { isIdKey, isSecretKey, NO_FIELDS, type SecretFields } from "./fields.ts";

export const MASK = "[REDACTED]";

/** The Luhn checksum of a run of digits (ISO/IEC 7812 card numbers pass it). */
export function luhnValid(digits: string): boolean {
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

// 12 to 19 digits (ISO/IEC 7812), optionally grouped by single spaces or dashes.
const PAN = /(?<![\d])\d(?:[ -]?\d){11,18}(?![\d])/g;

/** Masks Luhn-valid card numbers, keeping the BIN and the last four (what PCI DSS allows shown). */
export function maskCardNumbers(text: string): string {
  return text.replace(PAN, (run) => {
    const digits = run.replace(/[ -]/g, "");
    if (digits.length < 12 || digits.length > 19 || !luhnValid(digits)) return run;
    let seen = 0;
    let out = "";
    for (const ch of run) {
      if (ch >= "0" && ch <= "9") {
        out += seen >= 6 && seen < digits.length - 4 ? "*" : ch;
        seen++;
      } else out += ch;
    }
    return out;
  });
}

/**
 * HTTP's own schemes (RFC 7617 Basic, RFC 6750 Bearer), masked even where no auth scheme is known:
 * a proxy's or fetch's error text may print them. Other schemes' prefixes come from their modules
 * (`AuthSchemeModule.authValuePrefixes`), through the scrubber.
 */
const HTTP_AUTH_PREFIXES = ["Basic", "Bearer"];

/**
 * `<prefix> <credential>` (also URL-encoded) for the given Authorization-value prefixes and HTTP's
 * own. A prefix is a scheme name, letters and digits (the registry's test holds every module to it).
 */
export function authValuePattern(prefixes: Iterable<string> = []): RegExp {
  return new RegExp(`\\b(${[...HTTP_AUTH_PREFIXES, ...prefixes].join("|")})(\\s+|%20|\\+)([A-Za-z0-9._~+/=:%-]{8,})`, "gi");
}

const AUTH_VALUE = authValuePattern();
// "cvv 7391", "CVC2: 123", "güvenlik kodu 123" in a description or a provider's message.
const CVV_TEXT = /\b(cvv2?|cvc2?|cvn|cav2|security[\s_-]*code|g[üu]venlik[\s_-]*kodu)([^\w\n]{0,4})(\d{3,4})(?!\d)/gi;
// `"key": "value"`, `key=value`, `\"key\":\"value\"` (JSON inside a string), `key: value` in a header dump.
const KEY_VALUE =
  /(?:\\?["'])?([A-Za-z_][\w-]{0,40})(?:\\?["'])?(\s*[:=]\s*|%3D)(\\?"(?:(?!\\?")[^])*(?:\\?"|$)|'[^']*(?:'|$)|[^\s&"',;<>{}[\]()\\]+)/g;

/**
 * Masks what is secret by its shape in free text: auth header values (`authValue`, from
 * authValuePattern), `secret=value` pairs, card numbers, CVVs.
 */
export function maskPatterns(text: string, extra: SecretFields = NO_FIELDS, authValue: RegExp = AUTH_VALUE): string {
  if (text.length < 3) return text;
  let out = text.replace(authValue, (whole, scheme: string, gap: string, value: string) => {
    // "Basic information" is prose; a Basic credential is base64 and has digits, symbols or mixed case.
    if (scheme.toLowerCase() === "basic" && !/[\d+/=]|[a-z].*[A-Z]|[A-Z].*[a-z]/.test(value.slice(1))) return whole;
    return `${scheme}${gap}${MASK}`;
  });
  out = out.replace(KEY_VALUE, (whole, key: string, sep: string, value: string) => {
    if (!isSecretKey(key, extra) || value === "" || value === '""' || value === MASK) return whole;
    // `hash: Hash is not valid.` is prose (a field error); an unquoted value after a colon counts
    // only when it looks generated: 8 characters or more with a digit or a symbol.
    if (sep.includes(":") && !/^['"\\]/.test(value) && !(value.length >= 8 && /[\d+/=_-]/.test(value))) return whole;
    const quote = value.startsWith('\\"') ? '\\"' : value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : "";
    return `${whole.slice(0, whole.length - value.length - sep.length)}${sep}${quote}${MASK}${quote && value.endsWith(quote) && value.length > quote.length ? quote : ""}`;
  });
  out = out.replace(CVV_TEXT, (_w, label: string, gap: string, digits: string) => `${label}${gap}${"*".repeat(digits.length)}`);
  return maskCardNumbers(out);
}

export interface DeepMaskOptions {
  fields?: SecretFields;
  /** How a string is masked (a scrubber adds its configured secrets to the patterns). */
  text?: (text: string, key?: string) => string;
}

/** A deep copy of `value` with sensitive fields masked and every string masked as text. */
export function maskDeep(value: unknown, options: DeepMaskOptions = {}, depth = 0, key?: string, parent?: string): unknown {
  const fields = options.fields ?? NO_FIELDS;
  const text = options.text ?? ((s: string) => maskPatterns(s, fields));
  if (depth > 32) return "[too deep]";
  if (typeof value === "string") return isIdKey(key) && /^\d{1,20}$/.test(value) ? value : text(value, key);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, options, depth + 1, key, parent));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretKey(k, fields, key) && v !== null && v !== undefined && v !== "" ? MASK : maskDeep(v, options, depth + 1, k, key);
    }
    return out;
  }
  return value;
}

/** Masks first, then cuts: a secret that straddles `max` is gone before the cut could halve it. */
export function clip(text: string, max: number, mask: (text: string) => string = maskPatterns): string {
  const masked = mask(text);
  return masked.length <= max ? masked : masked.slice(0, max);
}

/**
 * A copy of an Error (a cause: fetch's TypeError, a DOMException, an errno error) whose message,
 * stack and own fields are masked, its own cause too. Keeps the prototype where it can (so
 * `instanceof TypeError` still holds); a DOMException, whose getters need the real object, becomes
 * a plain Error with the same name.
 */
export function maskError(
  error: Error,
  text: (s: string) => string,
  value: (v: unknown) => unknown,
  cause: (c: unknown) => unknown,
): Error {
  const isDom = typeof DOMException !== "undefined" && error instanceof DOMException;
  const copy: Error = isDom ? new Error() : (Object.create(Object.getPrototypeOf(error) as object) as Error);
  const define = (name: string, v: unknown, enumerable = false) =>
    Object.defineProperty(copy, name, { value: v, writable: true, configurable: true, enumerable });
  define("message", text(String(error.message ?? "")));
  if (isDom || Object.hasOwn(error, "name")) define("name", error.name);
  define("stack", typeof error.stack === "string" ? text(error.stack) : undefined);
  // Own fields (errno `code`, `syscall`, `address`) go through the field-name rules like any object.
  for (const [k, v] of Object.entries(error)) if (k !== "cause") define(k, (value({ [k]: v }) as Record<string, unknown>)[k], true);
  if (error.cause !== undefined) define("cause", cause(error.cause));
  return copy;
}

/** Header values of secret-named headers are never logged; the rest are masked as text. */
export function maskHeaders(
  headers: Headers | Record<string, string>,
  extra: SecretFields,
  text: (s: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: [string, string][] = [];
  if (headers instanceof Headers) headers.forEach((v, k) => entries.push([k, v]));
  else entries.push(...Object.entries(headers ?? {}));
  for (const [k, v] of entries) out[k] = isSecretKey(k, extra) ? MASK : text(String(v));
  return out;
}

/** A form body (OAuth token requests carry the client secret) with secret fields masked. */
export function maskForm(form: string, extra: SecretFields, text: (s: string) => string): string {
  const params = new URLSearchParams(form);
  const out = new URLSearchParams();
  for (const [key, value] of params) out.append(key, isSecretKey(key, extra) && value !== "" ? MASK : text(value));
  return out.toString();
}
