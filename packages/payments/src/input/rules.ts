/**
 * The building blocks of the input schemas: reading a caller's object as plain data, and checking
 * one value against the constraints the spec gives for every request field it is passed to
 * (each generated package exports them as `<provider>RequestConstraints`). A value that passes
 * here is one the generated client can send as it is: the right JSON type, within the spec's
 * lengths, patterns, formats and bounds.
 */
import type { RequestFieldConstraint } from "@odeme/core";
import type { JsonValue } from "../providers/adapter.ts";
import { invalidRequest } from "../errors.ts";
import { formatDecimal, isCurrency, MAX_JSON_MINOR, MONEY_PROTOTYPE, moneyOf, parseMoney, type Currency, type Money } from "../money.ts";
import type { ProviderId } from "../types.ts";
import { render } from "./render.ts";

/** One request field's constraints, as every generated package's constraints table gives them (core's type). */
export type SpecField = RequestFieldConstraint;

/** A spec field and where it goes: a header value has stricter rules than a JSON string. */
export interface SpecSource {
  readonly field: SpecField;
  /** `operation.body.name`, for the comment a reader follows back to the spec. */
  readonly at: string;
  readonly header?: boolean;
}

type Table = Record<string, Partial<Record<"body" | "header" | "query", Record<string, SpecField>>>>;

/**
 * The constraints of `operation.where.name` in a generated constraints table. A name the spec does
 * not have is a bug in the schema (a renamed spec field), so it fails loudly at module load.
 */
export function specField(table: Table, path: string): SpecSource {
  const [operation = "", where = "", name = ""] = path.split(".");
  const field = table[operation]?.[where as "body"]?.[name];
  if (field === undefined) throw new Error(`input schema: the spec has no request field ${path}`);
  return { field, at: path, ...(where === "header" ? { header: true } : {}) };
}

export type InputOperation = "refund" | "cancel" | "retrieve";

/** Who is checking what, for the error. */
export interface Where {
  readonly provider: ProviderId;
  readonly name: string;
  readonly operation: InputOperation;
}

/** An input error: `invalid_request`, nothing sent, the field named. */
export function reject(at: Where, field: string, message: string): never {
  throw invalidRequest(at.provider, at.operation, field, `${at.name === "" ? "" : `${at.name} `}${at.operation}: ${message}`);
}

/** `field must be <what>; got <the value, rendered safely>.` */
export function expected(at: Where, field: string, what: string, value: unknown): never {
  return reject(at, field, `${field} must be ${what}; got ${render(value)}.`);
}

/**
 * The path of `key` inside `parent` ("" is the input itself): `payment.paymentId`, and keys that
 * are not identifiers quoted, `payment[""]`, so a path is never empty and never ambiguous.
 */
export function fieldPath(parent: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${parent}[${JSON.stringify(key.length > 40 ? `${key.slice(0, 37)}...` : key)}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/** Most keys an input object may have; more is not a payment reference but something else. */
const MAX_KEYS = 16;

/**
 * A caller's object as plain data: the own string-keyed data properties (enumerable or not) of a
 * plain object (prototype Object or null, or a Money the money helpers made: its prototype holds
 * only `toJSON`). Getters are refused rather than called, so no caller
 * code runs and nothing can answer differently on a second read; keys whose value is `undefined`
 * count as absent, as they would in JSON.
 */
export function readRecord(at: Where, parent: string, value: unknown, what: string): Map<string, unknown> {
  const field = parent === "" ? "input" : parent;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return expected(at, field, what, value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null && proto !== MONEY_PROTOTYPE) return expected(at, field, what, value);
  if (Object.getOwnPropertySymbols(value).length > 0) return reject(at, field, `${field} must be plain data; it has symbol keys.`);
  const descriptors = Object.getOwnPropertyDescriptors(value);
  const names = Object.keys(descriptors);
  if (names.length > MAX_KEYS) return reject(at, field, `${field} must be ${what}; it has ${names.length} keys.`);
  const out = new Map<string, unknown>();
  for (const name of names) {
    const d = descriptors[name] as PropertyDescriptor;
    const path = fieldPath(parent, name);
    if (!("value" in d)) return reject(at, path, `${path} must be a plain value, not a getter or setter.`);
    if (d.value !== undefined) out.set(name, d.value);
  }
  return out;
}

/** Keys of `record` outside `allowed`: the first one is an error, with a hint where there is one. */
export function rejectUnknown(
  at: Where,
  field: string,
  record: Map<string, unknown>,
  allowed: readonly string[],
  hints: Readonly<Record<string, string>> = {},
): void {
  for (const [name, value] of record) {
    if (allowed.includes(name)) continue;
    const path = fieldPath(field, name);
    const hint = Object.hasOwn(hints, name) ? ` ${hints[name]}` : ` It takes ${allowed.length === 0 ? "no keys" : allowed.join(", ")}.`;
    reject(at, path, `${path} is not an input of ${at.name} ${at.operation} (got ${render(value)}).${hint}`);
  }
}

// Characters no id or free text of any provider carries, and that logs and headers mangle.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** What fetch sends as a header value unchanged: visible ASCII, inner spaces (no trim happens). */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * `x-odeme-bigint` ids are integers wider than a JS number (specs/README.md): Sipay's 19-digit
 * transaction ids, which its documents type `int`. Nineteen digits is the width of a signed 64-bit
 * integer, so the facade takes that as the bound (inferred: no Sipay document names the type); a
 * larger value cannot be an id Sipay issued.
 */
const INT64_MAX = 9223372036854775807n;

/**
 * Ids and codes the specs give no maximum length for are still bounded: nothing a provider issues
 * is longer, and an oversized value fails here, named, instead of at the provider.
 */
export const DEFAULT_MAX_LENGTH = 255;

/** A proleptic Gregorian calendar date `yyyy-MM-dd` that exists (no 2024-02-30). */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] as number;
  return d <= days;
}

function types(f: SpecField): readonly string[] {
  return f.type === undefined ? [] : typeof f.type === "string" ? [f.type] : f.type;
}

/** The tightest of the constraints of every field a value goes to. */
function merged(sources: readonly SpecSource[]) {
  const fields = sources.map((s) => s.field);
  const maxes = fields.flatMap((f) => (f.maxLength !== undefined ? [f.maxLength] : []));
  return {
    minLength: Math.max(1, ...fields.map((f) => f.minLength ?? 0)),
    maxLength: maxes.length > 0 ? Math.min(...maxes) : DEFAULT_MAX_LENGTH,
    patterns: [...new Set(fields.flatMap((f) => (f.pattern !== undefined ? [f.pattern] : [])))].map((p) => new RegExp(p)),
    formats: new Set(fields.flatMap((f) => (f.format !== undefined ? [f.format] : []))),
    bigint: fields.some((f) => f.bigint === true),
    header: sources.some((s) => s.header === true),
    enums: fields.flatMap((f) => (f.enum !== undefined ? [f.enum] : [])),
    minimum: fields.flatMap((f) => (f.minimum !== undefined ? [f.minimum] : [])),
    maximum: fields.flatMap((f) => (f.maximum !== undefined ? [f.maximum] : [])),
    exclusiveMinimum: fields.flatMap((f) => (f.exclusiveMinimum !== undefined ? [f.exclusiveMinimum] : [])),
    exclusiveMaximum: fields.flatMap((f) => (f.exclusiveMaximum !== undefined ? [f.exclusiveMaximum] : [])),
  };
}

export type Rule = (at: Where, field: string, value: unknown) => JsonValue;

/**
 * A reference string passed to every field in `sources`. `what` says in words what is expected
 * (e.g. 'an intent id like "pi_" + 24 hex digits'); the checks come from the spec.
 */
export function referenceString(what: string, sources: readonly SpecSource[]): Rule {
  for (const s of sources) if (!types(s.field).includes("string")) throw new Error(`input schema: ${s.at} is not a string field`);
  const c = merged(sources);
  return (at, field, value) => {
    if (typeof value !== "string") return expected(at, field, what, value);
    if (value.length < c.minLength) return expected(at, field, `${what} (not empty)`, value);
    if (value.length > c.maxLength) return expected(at, field, `${what} of at most ${c.maxLength} characters`, value);
    if (CONTROL_OR_BREAK.test(value) || LONE_SURROGATE.test(value))
      return expected(at, field, `${what}, without control characters`, value);
    if (c.header && !HEADER_SAFE.test(value)) {
      return expected(at, field, `${what} in visible ASCII without leading or trailing spaces (it is sent in an HTTP header)`, value);
    }
    for (const p of c.patterns) if (!p.test(value)) return expected(at, field, what, value);
    if (c.formats.has("uuid") && !UUID.test(value)) return expected(at, field, `${what} (a UUID)`, value);
    if (c.formats.has("date") && !isCalendarDate(value))
      return expected(at, field, `${what} (a calendar date yyyy-MM-dd that exists)`, value);
    if (c.bigint && (!/^[0-9]{1,19}$/.test(value) || BigInt(value) > INT64_MAX)) {
      return expected(at, field, `${what} (digits, at most ${INT64_MAX}, the largest signed 64-bit integer)`, value);
    }
    return value;
  };
}

/** A positive whole number id passed to every field in `sources` (Paywall's PaymentId). */
export function referenceInteger(what: string, sources: readonly SpecSource[]): Rule {
  for (const s of sources) if (!types(s.field).includes("integer")) throw new Error(`input schema: ${s.at} is not an integer field`);
  return (at, field, value) => {
    // The spec says integer; a JS number holds one exactly up to MAX_SAFE_INTEGER, and ids start at 1.
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) return expected(at, field, what, value);
    return value;
  };
}

/**
 * Free text (`description`). The specs type it string without a maximum, so the facade bounds it
 * at DEFAULT_MAX_LENGTH unless a spec gives a tighter one; line breaks and tabs are allowed.
 */
export function freeText(sources: readonly SpecSource[]): Rule {
  const maxes = sources.flatMap((s) => (s.field.maxLength !== undefined ? [s.field.maxLength] : []));
  const max = Math.min(DEFAULT_MAX_LENGTH, ...maxes);
  return (at, field, value) => {
    if (typeof value !== "string") return expected(at, field, `text (a string of at most ${max} characters)`, value);
    if (value.length > max) return expected(at, field, `at most ${max} characters`, value);
    if (CONTROL.test(value) || LONE_SURROGATE.test(value)) return expected(at, field, "text without control characters", value);
    return value;
  };
}

/** How a provider's amount fields read a Money, for its bounds. */
export interface AmountSpec {
  /** Every field the amount is sent to. */
  sources: readonly SpecSource[];
  /** The unit of those fields (the spec's x-odeme-money). */
  unit: "major" | "minor";
  /** Fields that carry the currency code, for their enum or pattern. */
  currency?: readonly SpecSource[];
}

/**
 * A Money for a refund: exactly `{ minor: bigint, currency }`, more than zero, in a currency the
 * facade knows and the provider's spec allows, within the spec's bounds and patterns in the
 * provider's unit, and below MAX_JSON_MINOR, where every provider's wire form is still exact
 * (a JSON number holds 15 significant digits; see money.ts).
 */
export function amount(spec: AmountSpec): (at: Where, field: string, value: unknown) => Money {
  const c = merged(spec.sources);
  const currencyRules = merged(spec.currency ?? []);
  const example = 'a Money in integer minor units ({ minor: bigint, currency }), e.g. parseMoney("15.50", "TRY")';
  return (at, field, value) => {
    const record = readRecord(at, field, value, example);
    rejectUnknown(at, field, record, ["minor", "currency"]);
    const minor = record.get("minor");
    const currency = record.get("currency");
    // A number of minor units is the likeliest mistake: the whole Money is shown, as for a float.
    if (typeof minor !== "bigint") return expected(at, field, example, value);
    if (typeof currency !== "string" || !isCurrency(currency))
      return expected(at, `${field}.currency`, "an ISO 4217 currency code the facade supports", currency);
    for (const allowed of currencyRules.enums) {
      if (!allowed.includes(currency))
        return expected(at, `${field}.currency`, `one of ${allowed.join(", ")} (${at.name}'s currencies)`, currency);
    }
    for (const p of currencyRules.patterns)
      if (!p.test(currency)) return expected(at, `${field}.currency`, `a currency code ${at.name} accepts`, currency);
    const m: Money = moneyOf(minor, currency);
    if (minor <= 0n)
      return reject(at, field, `${field} must be more than zero; omit it for a full refund (got ${formatDecimal(m)} ${currency}).`);
    if (minor >= MAX_JSON_MINOR) return reject(at, field, `${field} is too large: at most ${MAX_JSON_MINOR - 1n} minor units.`);
    const inUnit = (bound: number): Money | undefined => (bound === 0 ? moneyOf(0n, currency) : toMoney(bound, spec.unit, currency));
    const shown = `${formatDecimal(m)} ${currency}`;
    for (const max of c.maximum) {
      const bound = inUnit(max);
      if (bound !== undefined && minor > bound.minor)
        return reject(at, field, `${field} must be at most ${formatDecimal(bound)} ${currency} (${at.name}'s maximum); got ${shown}.`);
    }
    for (const min of c.minimum) {
      const bound = inUnit(min);
      if (bound !== undefined && minor < bound.minor)
        return reject(at, field, `${field} must be at least ${formatDecimal(bound)} ${currency} (${at.name}'s minimum); got ${shown}.`);
    }
    // A decimal string field's pattern (DineroPay allows 2 decimals): checked on the exact text sent.
    if (spec.unit === "major") {
      const text = formatDecimal(m);
      for (const p of c.patterns)
        if (!p.test(text)) return reject(at, field, `${field} ${shown} cannot be written as ${at.name} expects amounts (${p.source}).`);
    }
    return m;
  };
}

/** A spec bound (a JSON number in the field's unit) as Money; undefined when the currency cannot hold it exactly. */
function toMoney(bound: number, unit: "major" | "minor", currency: Currency): Money | undefined {
  try {
    return unit === "minor" ? moneyOf(BigInt(bound), currency) : parseMoney(String(bound), currency);
  } catch {
    // e.g. Sipay's minimum 0.01 in a zero-decimal currency: every positive amount is above it.
    return undefined;
  }
}
