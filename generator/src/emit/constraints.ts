import type { ProviderModel } from "../model.ts";
import { deref, isObject, operationsOf } from "@odeme/spec";
import type { PackageFiles } from "../output.ts";
import { generatedHeader } from "./header.ts";

type Json = Record<string, unknown>;

/**
 * The keywords a caller's value can be checked against before a request is built. Kept to what a
 * facade or a merchant passes through as-is (ids, dates, free text, amounts); nested objects are
 * left to the provider, since no hand-written layer forwards them.
 */
const KEYWORDS = [
  "type",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "enum",
] as const;

/** One field's constraints: the keywords of the schema, of what it points to, and of its allOf parts. */
function fieldConstraint(doc: Json, raw: unknown): Json {
  const out: Json = {};
  const visit = (node: unknown, depth: number) => {
    if (depth > 16 || !isObject(node)) return;
    // Keywords beside a $ref win over the target's (OpenAPI 3.1 allows siblings of $ref).
    for (const k of KEYWORDS) if (node[k] !== undefined && out[k] === undefined) out[k] = node[k];
    if (node["x-odeme-bigint"] === true) out.bigint = true;
    if (node["x-odeme-money"] === true) out.money = true;
    if (typeof node.$ref === "string") visit(deref(doc, { $ref: node.$ref }), depth + 1);
    if (Array.isArray(node.allOf)) for (const part of node.allOf) visit(part, depth + 1);
  };
  visit(raw, 0);
  return out;
}

/** Top-level properties of a request body; a oneOf/anyOf body contributes every branch's fields. */
function bodyFields(doc: Json, schema: unknown, depth = 0): [string, Json][] {
  const s = deref(doc, schema);
  if (depth > 8 || !isObject(s)) return [];
  const out: [string, Json][] = [];
  if (isObject(s.properties)) for (const [name, prop] of Object.entries(s.properties)) out.push([name, fieldConstraint(doc, prop)]);
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const list = s[key];
    if (Array.isArray(list)) for (const sub of list) out.push(...bodyFields(doc, sub, depth + 1));
  }
  return out;
}

function operationConstraints(doc: Json, item: Json, op: Json): Json {
  const table: Json = {};
  const params = [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])].map((p) => deref(doc, p));
  for (const where of ["header", "query"] as const) {
    const fields: Json = {};
    for (const p of params)
      if (isObject(p) && p.in === where && typeof p.name === "string") fields[p.name] = fieldConstraint(doc, p.schema);
    if (Object.keys(fields).length > 0) table[where] = fields;
  }
  const content = (deref(doc, op.requestBody) as Json | undefined)?.content as Record<string, Json> | undefined;
  const media = content?.["application/json"] ?? content?.["application/x-www-form-urlencoded"];
  if (media !== undefined) {
    const body: Json = {};
    // The first declaration of a name wins: oneOf branches share field definitions ($ref).
    for (const [name, c] of bodyFields(doc, media.schema)) if (body[name] === undefined) body[name] = c;
    if (Object.keys(body).length > 0) table.body = body;
  }
  return table;
}

/**
 * `src/constraints.ts`: each operation's request constraints as data, so code that forwards a
 * caller's value (the @odeme/payments facade) checks it against the spec before any request,
 * and follows the spec when it changes.
 */
export function emitConstraints(model: ProviderModel, doc: Json): string {
  const table: Json = {};
  for (const { item, op } of operationsOf(doc)) {
    if (typeof op.operationId === "string") table[op.operationId] = operationConstraints(doc, item, op);
  }
  const name = `${model.id.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}RequestConstraints`;
  return `${generatedHeader(model.specFile)}

import type { RequestFieldConstraint } from "@odeme/core";

export type { RequestFieldConstraint };

/** Top-level request fields of each operation, by where they go (body, header, query), from ${model.specFile}. */
export const ${name} = ${compact(table)} as const satisfies Record<string, Partial<Record<"body" | "header" | "query", Record<string, RequestFieldConstraint>>>>;
`;
}

/** One field per line: the table stays short enough to review in a diff. */
function compact(table: Json): string {
  const block = (entries: string[], indent: string) => (entries.length === 0 ? "{}" : `{\n${entries.join(",\n")},\n${indent}}`);
  const ops = Object.entries(table).map(([op, where]) => {
    const parts = Object.entries(where as Json).map(([w, fields]) => {
      const lines = Object.entries(fields as Json).map(([f, c]) => `      ${JSON.stringify(f)}: ${JSON.stringify(c)}`);
      return `    ${w}: ${block(lines, "    ")}`;
    });
    return `  ${JSON.stringify(op)}: ${block(parts, "  ")}`;
  });
  return block(ops, "");
}

/** Adds src/constraints.ts to a package and exports it from src/index.ts. */
export function addConstraints(files: PackageFiles, model: ProviderModel, doc: Json): void {
  files.set("src/constraints.ts", emitConstraints(model, doc));
  files.set("src/index.ts", `${files.get("src/index.ts") ?? ""}export * from "./constraints.js";\n`);
}
