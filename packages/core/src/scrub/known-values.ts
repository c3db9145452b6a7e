/**
 * The configured secrets and what auth schemes make of them, found wherever they appear as text,
 * whole or in part. A provider or proxy may echo a credential anywhere (an HTML error page, an
 * `errors[]` message), and an older transport may have cut it in half: so beside whole values,
 * any piece of FRAGMENT characters of a secret's forms is masked. Pieces that also occur in public
 * text (the provider's host names, e.g. "sandbox-" of an iyzico sandbox key and host) are left.
 */
import { bytesToBase64 } from "../crypto.ts";
import { MASK } from "./text.ts";

/** Shortest piece of a secret that counts as the secret (the leak scan searches 8-character pieces). */
export const FRAGMENT = 8;
/** Values shorter than this are not masked as text: "test" or "1234" would mask ordinary words. */
export const MIN_SECRET = 6;
/**
 * A piece made of letters of one case reads as a word ("merchant" of "sim-merchant", "PASSWORD"
 * of an upper-cased hash input): masking it would garble ordinary text such as a provider code
 * "duplicate_merchant_ref". The pieces around it, which mix in digits, symbols or case, still
 * cover the secret wherever it appears whole.
 */
const WORD = /^(?:[a-z]+|[A-Z]+)$/;
/** Values learned at run time (bearer tokens, signed headers) kept per scrubber, oldest dropped first. */
const MAX_LEARNED = 256;

/**
 * The base64 text a secret shows wherever it is encoded inside a longer string (Basic
 * `user:password`, the IYZWSv2 `apiKey:...` string): one per byte alignment, without the edge
 * characters that depend on the neighbouring bytes. Standard and URL-safe alphabets.
 */
export function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const out: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const buf = new Uint8Array(pad + bytes.length);
    buf.set(bytes, pad);
    const full = bytesToBase64(buf).replace(/=+$/, "");
    // Characters fully determined by the secret's bytes: skip the group that mixes in the padding
    // before, and the last group when the secret does not end on a 3-byte boundary.
    const start = pad === 0 ? 0 : 4;
    const end = buf.length % 3 === 0 ? full.length : Math.floor(buf.length / 3) * 4;
    const stable = full.slice(start, end);
    if (stable.length >= FRAGMENT) out.push(stable, stable.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return out;
}

/** The forms one secret takes on the wire or in an echo. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret, secret.toUpperCase(), secret.toLowerCase()]);
  // Form and query encodings (a client_secret in an echoed token request), JSON escaping.
  forms.add(encodeURIComponent(secret));
  forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  forms.add(JSON.stringify(secret).slice(1, -1));
  for (const b of base64Forms(secret)) forms.add(b);
  return [...forms].filter((f) => f.length >= MIN_SECRET);
}

export class KnownSecrets {
  readonly #whole = new Set<string>();
  readonly #grams = new Map<string, number>();
  readonly #public = new Set<string>();
  readonly #learned: string[][] = [];

  constructor(secrets: Iterable<string> = [], publicText: Iterable<string> = []) {
    for (const text of publicText) for (let i = 0; i + FRAGMENT <= text.length; i++) this.#public.add(text.slice(i, i + FRAGMENT));
    for (const s of secrets) this.add(s);
  }

  get size(): number {
    return this.#whole.size;
  }

  /** Adds a secret and (with `derive`) its derived forms; returns the forms added (for `learn`'s bookkeeping). */
  add(secret: string, derive = true): string[] {
    if (typeof secret !== "string" || secret.length < MIN_SECRET) return [];
    const added: string[] = [];
    // A value seen on the wire is echoed as it was sent (or URL-encoded in a form echo), not
    // re-encoded: its own forms only, which keeps 256 learned IYZWSv2 headers small.
    const forms = derive ? secretForms(secret) : [...new Set([secret, encodeURIComponent(secret)])];
    for (const form of forms) {
      if (this.#whole.has(form)) continue;
      this.#whole.add(form);
      added.push(form);
      this.#count(form, 1);
    }
    return added;
  }

  /** A value seen at run time (a bearer token, a signed header); only the latest MAX_LEARNED are kept. */
  learn(value: string): void {
    const added = this.add(value, false);
    if (added.length === 0) {
      // Seen again (a cached bearer token on every call): keep it among the newest.
      const at = this.#learned.findIndex((forms) => forms.includes(value));
      if (at >= 0) this.#learned.push(...this.#learned.splice(at, 1));
      return;
    }
    this.#learned.push(added);
    if (this.#learned.length > MAX_LEARNED) for (const form of this.#learned.shift() ?? []) this.#remove(form);
  }

  #remove(form: string): void {
    this.#whole.delete(form);
    this.#count(form, -1);
  }

  /** Counts the form's secret pieces in (+1) or out (-1): a piece two forms share stays while one does. */
  #count(form: string, delta: 1 | -1): void {
    for (let i = 0; i + FRAGMENT <= form.length; i++) {
      const gram = form.slice(i, i + FRAGMENT);
      if (this.#public.has(gram) || WORD.test(gram)) continue;
      const n = (this.#grams.get(gram) ?? 0) + delta;
      if (n <= 0) this.#grams.delete(gram);
      else this.#grams.set(gram, n);
    }
  }

  mask(text: string): string {
    if (this.#whole.size === 0 || text.length < MIN_SECRET) return text;
    let out = text;
    // Short values (6 or 7 characters) have no pieces: whole only.
    for (const form of this.#whole) if (form.length < FRAGMENT && out.includes(form)) out = out.split(form).join(MASK);
    if (this.#grams.size === 0 || out.length < FRAGMENT) return out;
    let result = "";
    let copied = 0;
    let i = 0;
    while (i + FRAGMENT <= out.length) {
      if (!this.#grams.has(out.slice(i, i + FRAGMENT))) {
        i++;
        continue;
      }
      // Extend over every secret piece that starts inside the run or right after it: one mask per
      // run. A piece that is not secret (a word piece such as "merchant") does not end the run
      // while later pieces overlap it, or the secret's tail would be left in clear.
      let end = i + FRAGMENT;
      for (let j = i + 1; j + FRAGMENT <= out.length && j <= end; j++) if (this.#grams.has(out.slice(j, j + FRAGMENT))) end = j + FRAGMENT;
      result += out.slice(copied, i) + MASK;
      copied = end;
      i = end;
    }
    return copied === 0 ? out : result + out.slice(copied);
  }
}
