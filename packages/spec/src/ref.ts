import { fromPointer } from "./diagnostics.ts";

type Json = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The value a local JSON pointer (`#/components/schemas/X`) names in `doc`, or undefined. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  let cur: unknown = doc;
  for (const part of fromPointer(ref)) {
    if (!isObject(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Json)[part];
    if (cur === undefined) return undefined;
  }
  return cur;
}

/**
 * Follows local `$ref`s (bounded, so a cycle ends) to the node they name; keywords beside a $ref
 * are not merged (callers that need them read the referring node first).
 */
export function deref(doc: unknown, node: unknown): unknown {
  let cur = node;
  for (let i = 0; i < 32 && isObject(cur) && typeof cur.$ref === "string"; i++) cur = resolvePointer(doc, cur.$ref);
  return cur;
}

/** Why {@link inlineRefs} could not resolve a `$ref`. */
export type InlineProblem = { kind: "external" | "dangling" | "recursive"; ref: string };

/**
 * A copy of `value` with every local `$ref` replaced by a copy of its target, so a plain JSON
 * Schema validator (that knows nothing of the document) can use it. Keywords beside a $ref
 * (allowed in 3.1, e.g. a description) are kept and win over the target's. A non-local, dangling
 * or recursive $ref is handed to `fail`, which throws.
 */
export function inlineRefs<T>(doc: unknown, value: T, fail: (problem: InlineProblem) => never, stack: readonly string[] = []): T {
  if (Array.isArray(value)) return value.map((v) => inlineRefs(doc, v, fail, stack)) as T;
  if (!isObject(value)) return value;
  const out: Json = {};
  if (typeof value.$ref === "string") {
    const ref = value.$ref;
    if (!ref.startsWith("#/")) fail({ kind: "external", ref });
    if (stack.includes(ref)) fail({ kind: "recursive", ref });
    const target = resolvePointer(doc, ref);
    if (target === undefined) fail({ kind: "dangling", ref });
    Object.assign(out, inlineRefs(doc, target, fail, [...stack, ref]));
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === "$ref") continue;
    // x-odeme-* and examples are data, not schemas, but resolving refs in them is harmless.
    out[key] = inlineRefs(doc, child, fail, stack);
  }
  return out as T;
}
