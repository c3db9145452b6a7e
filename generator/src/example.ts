/**
 * Example values for README examples, built from a schema: the spec's own example where it has
 * one, completed with every required field it leaves out, so a copied example type-checks and is
 * a valid request. Values are JSON; the README emitter types them as the client takes them
 * (amounts as `DecimalString` / `minorUnits()`).
 */
import { deref, isObject } from "@odeme/spec";

type Json = Record<string, unknown>;

/** The schema's own example, const, default or first enum value, if it names one. */
function stated(s: Json): { value: unknown } | undefined {
  if (s.const !== undefined) return { value: s.const };
  if (s.example !== undefined) return { value: s.example };
  if (Array.isArray(s.examples) && s.examples.length) return { value: s.examples[0] };
  if (Array.isArray(s.enum) && s.enum.length) return { value: s.enum.find((v) => v !== null) ?? s.enum[0] };
  if (s.default !== undefined) return { value: s.default };
  return undefined;
}

function firstType(s: Json): string | undefined {
  if (typeof s.type === "string") return s.type;
  if (Array.isArray(s.type)) return s.type.find((t) => t !== "null") as string | undefined;
  if (isObject(s.properties)) return "object";
  return undefined;
}

/** A placeholder a reader recognises as "put yours here", valid for the schema's type and format. */
function placeholder(s: Json): unknown {
  switch (firstType(s)) {
    case "integer":
    case "number":
      // 1 rather than a minimum of 0: an example amount or count of zero reads like a mistake.
      return typeof s.minimum === "number" && s.minimum > 1 ? s.minimum : 1;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object":
      return {};
    default:
      if (s.format === "date") return "2024-01-31";
      if (s.format === "date-time") return "2024-01-31T12:00:00Z";
      if (s.format === "email") return "buyer@example.com";
      if (s.format === "uri" || s.format === "url") return "https://example.com/callback";
      return "…";
  }
}

/**
 * An example of `schema`: `given` (the spec's example) where it says something, else the schema's
 * own example, else a placeholder; objects get every required property and keep the given ones.
 */
export function exampleOf(doc: Json, schema: unknown, given?: unknown, depth = 0): unknown {
  const s = deref(doc, schema);
  if (!isObject(s) || depth > 16) return given;
  if (Array.isArray(s.allOf)) {
    // Each part contributes its required fields; the given example fills all of them at once.
    let out: unknown = given;
    for (const part of s.allOf) out = exampleOf(doc, part, out, depth + 1);
    return exampleOf(doc, { ...s, allOf: undefined }, out, depth + 1);
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = s[key];
    if (Array.isArray(options) && options.length) {
      const first = options.find((o) => (deref(doc, o) as Json | undefined)?.type !== "null") ?? options[0];
      return exampleOf(doc, first, given, depth + 1);
    }
  }
  const type = firstType(s);
  if (type === "object" || isObject(s.properties)) {
    const base = isObject(given) ? { ...given } : {};
    if (given === undefined) {
      const own = stated(s);
      if (own && isObject(own.value)) Object.assign(base, own.value);
    }
    const props = isObject(s.properties) ? s.properties : {};
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    for (const name of Object.keys(props)) {
      if (name in base) base[name] = exampleOf(doc, props[name], base[name], depth + 1);
      else if (required.includes(name)) base[name] = exampleOf(doc, props[name], undefined, depth + 1);
    }
    return base;
  }
  if (type === "array") {
    if (Array.isArray(given)) return given.map((item) => exampleOf(doc, s.items, item, depth + 1));
    const own = stated(s);
    if (own && Array.isArray(own.value)) return own.value;
    return typeof s.minItems === "number" && s.minItems > 0 ? [exampleOf(doc, s.items, undefined, depth + 1)] : [];
  }
  if (given !== undefined) return given;
  const own = stated(s);
  return own ? own.value : placeholder(s);
}

/** Whether a schema (through $refs) is an amount (`x-odeme-money`). */
export function isMoney(doc: Json, schema: unknown): boolean {
  const s = deref(doc, schema);
  return (isObject(schema) && schema["x-odeme-money"] === true) || (isObject(s) && s["x-odeme-money"] === true);
}
