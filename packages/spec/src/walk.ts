import { deref, isObject } from "./ref.ts";

type Json = Record<string, unknown>;

/** The operation keys of an OpenAPI 3.1 Path Item, in the order the specification lists them. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;
export type SpecMethod = (typeof HTTP_METHODS)[number];

/** One operation as it sits in the document: its path, method, path item ($ref followed) and object. */
export interface OperationEntry<M extends string = SpecMethod> {
  path: string;
  method: M;
  /** The path item, after a `$ref` on it is followed: its `parameters` apply to every operation. */
  item: Json;
  op: Json;
}

/**
 * Every operation of `doc.paths`, path by path in document order, methods in `methods` order.
 * Path items or operations that are not objects are skipped (validation reports them).
 */
export function operationsOf<M extends string = SpecMethod>(
  doc: Json,
  methods: readonly M[] = HTTP_METHODS as unknown as readonly M[],
): OperationEntry<M>[] {
  const out: OperationEntry<M>[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, raw] of Object.entries(paths)) {
    const item = deref(doc, raw);
    if (!isObject(item)) continue;
    for (const method of methods) {
      const op = item[method];
      if (isObject(op)) out.push({ path, method, item, op });
    }
  }
  return out;
}

/** Calls `visit` on every value under `node` (itself first), with its path from `node`. */
export function walkValues(node: unknown, visit: (node: unknown, path: (string | number)[]) => void, path: (string | number)[] = []): void {
  visit(node, path);
  if (Array.isArray(node)) node.forEach((v, i) => walkValues(v, visit, [...path, i]));
  else if (isObject(node)) for (const [k, v] of Object.entries(node)) walkValues(v, visit, [...path, k]);
}
