/**
 * Masks secrets before anything reaches a log line, an error message or JSON.stringify(error).
 * The one scrubber of odeme lives in scrub/: field names (fields.ts), patterns that are secret
 * whatever the configuration (text.ts: auth header values, `secret=value` pairs, card numbers by
 * Luhn with any separators, CVVs), the configured values and their derived forms
 * (known-values.ts), and a per-client scrubber that combines them (scrubber.ts). The functions
 * here are the stateless part, for code that has no configuration at hand.
 */
import { authValuePrefixes } from "./auth/index.ts";
import { NO_FIELDS, type SecretFields } from "./scrub/fields.ts";
import { authValuePattern, clip as clipText, maskDeep, maskForm, maskHeaders, maskPatterns } from "./scrub/text.ts";

export { isSecretKey, secretFieldSet, type SecretFields } from "./scrub/fields.ts";
export { luhnValid, MASK, maskCardNumbers } from "./scrub/text.ts";
export { base64Forms, secretForms, FRAGMENT, MIN_SECRET } from "./scrub/known-values.ts";
export { createScrubber, credentialValues, scrubberFor, type Scrubber, type ScrubberOptions } from "./scrub/scrubber.ts";

// No configuration here, so no one scheme either: every registered scheme's Authorization prefix.
let everySchemesAuthValue: RegExp | undefined;
const mask = (text: string, extra: SecretFields): string =>
  maskPatterns(text, extra, (everySchemesAuthValue ??= authValuePattern(authValuePrefixes())));

/** Free text with secret patterns masked (and values of the `extra` field names written as `key=value`). */
export function redactText(text: string, extra: SecretFields = NO_FIELDS): string {
  return mask(text, extra);
}

/** A deep copy of `value` with secret fields masked; strings are masked as text. */
export function redact(value: unknown, extra: SecretFields = NO_FIELDS, _depth = 0): unknown {
  return maskDeep(value, { fields: extra, text: (s) => mask(s, extra) });
}

/** Header names whose values are never logged; other values masked as text. */
export function redactHeaders(headers: Headers | Record<string, string>, extra: SecretFields = NO_FIELDS): Record<string, string> {
  return maskHeaders(headers, extra, (s) => mask(s, extra));
}

/** Form bodies (OAuth token requests) carry client secrets. */
export function redactFormText(text: string, extra: SecretFields = NO_FIELDS): string {
  return maskForm(text, extra, (s) => mask(s, extra));
}

/**
 * Masks, then cuts to `max` characters: for every place that shortens provider text (a message
 * quoting an HTML page, a logged body). Cutting first would leave a secret's prefix no pattern
 * recognizes.
 */
export function clip(text: string, max: number, extra: SecretFields = NO_FIELDS): string {
  return clipText(text, max, (s) => mask(s, extra));
}
