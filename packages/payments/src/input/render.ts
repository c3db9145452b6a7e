/**
 * A short, safe rendering of a value a caller passed, for the message of an input error. The
 * message is read by people and lands in logs, so:
 * - a string is shown whole or not at all: a cut would leave a prefix that no secret masking
 *   recognizes (the facade masks configured credentials as whole values);
 * - anything that looks like a card number is masked to its last four digits;
 * - objects, arrays, functions and symbols are described, never stringified (no "[object Object]",
 *   no caller code run by a toString).
 */

import { luhnValid } from "@odeme/core";

/** Longest string shown as it is; longer ones are described by their length. */
const MAX_SHOWN = 40;

/**
 * 12 to 19 digits, optionally grouped by single spaces or dashes: the lengths of card numbers
 * (ISO/IEC 7812). Grouped runs are masked whatever their checksum (that is how cards are written);
 * an unbroken run only when it passes the Luhn check, so that ordinary ids (Sipay's 19-digit
 * transaction ids) stay readable in most messages.
 */
const DIGIT_RUN = /\d(?:[ -]?\d){11,18}/g;

/** Card-number-like digit runs in `text`, masked to their last four digits. */
export function maskCardNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/[ -]/g, "");
    if (run === digits && !luhnValid(digits)) return run;
    return `${"*".repeat(digits.length - 4)}${digits.slice(-4)}`;
  });
}

/**
 * Characters JSON.stringify leaves as they are but a reader cannot see or that reorder the text
 * around them in a log viewer (C1 controls, zero-width and bidirectional marks, BOM).
 */
const INVISIBLE = /[\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function renderString(s: string): string {
  if (s.length > MAX_SHOWN) return `a string of ${s.length} characters`;
  // JSON.stringify escapes C0 controls and lone surrogates; the rest of what is invisible is escaped here.
  return JSON.stringify(maskCardNumbers(s)).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function renderNumeric(text: string, kind: "number" | "bigint"): string {
  const masked = maskCardNumbers(text);
  if (masked.length > MAX_SHOWN) return `a ${kind} of ${text.replace(/^-/, "").length} digits`;
  return kind === "bigint" ? `${masked}n (a bigint)` : masked;
}

/** What kind of object: "an array of 3 items", "an object with keys a, b", "a Date". */
function renderObject(value: object): string {
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  let proto: unknown;
  try {
    proto = Object.getPrototypeOf(value);
  } catch {
    return "an object that cannot be read";
  }
  if (proto !== Object.prototype && proto !== null) {
    const ctor = (proto as { constructor?: { name?: unknown } } | null)?.constructor;
    const name = typeof ctor?.name === "string" && /^[A-Za-z_$][\w$]{0,30}$/.test(ctor.name) ? ctor.name : "";
    return name === "" ? "an object" : `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`;
  }
  let keys: string[];
  try {
    keys = Object.keys(value);
  } catch {
    return "an object that cannot be read";
  }
  if (keys.length === 0) return "an empty object";
  const shown = keys.slice(0, 4).map((k) => (/^[A-Za-z_$][\w$]{0,30}$/.test(k) ? k : renderString(k)));
  return `an object with key${keys.length === 1 ? "" : "s"} ${shown.join(", ")}${keys.length > 4 ? `, ... (${keys.length} keys)` : ""}`;
}

/** The bad value as a message shows it. */
export function render(value: unknown): string {
  switch (typeof value) {
    case "string":
      return renderString(value);
    case "number":
      return Object.is(value, -0) ? "-0" : renderNumeric(String(value), "number");
    case "bigint":
      return renderNumeric(value.toString(), "bigint");
    case "boolean":
      return String(value);
    case "undefined":
      return "nothing";
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      return value === null ? "null" : renderObject(value as object);
  }
}
