import { fromPointer } from "./diagnostics.ts";

type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Follows local `$ref`s (bounded, so a cycle ends) to the schema they name. */
export function deref(doc: Json, node: unknown): unknown {
  let cur = node;
  for (let i = 0; i < 32 && isObject(cur) && typeof cur.$ref === "string"; i++) {
    let target: unknown = doc;
    for (const part of fromPointer(cur.$ref)) target = isObject(target) ? target[part] : undefined;
    cur = target;
  }
  return cur;
}
