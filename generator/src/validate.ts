import type { ErrorObject } from "ajv";
import {
  deref,
  diagnosticAt,
  fromPointer,
  HTTP_METHODS,
  isObject,
  resolvePointer,
  SpecError,
  walkValues,
  type Diagnostic,
  type LoadedSpec,
} from "@odeme/spec";
import extensionsSchema from "./extensions.schema.json" with { type: "json" };
import * as compiled from "./validators.compiled.ts";
import { responseSignatureField } from "./emit/names.ts";
import type { AuthDefinition } from "@odeme/core";

const ROOT_EXTENSIONS = new Set(Object.keys(extensionsSchema.properties));
const OPERATION_EXTENSIONS = new Set(Object.keys(extensionsSchema.$defs.operation.properties));
const SCHEMA_EXTENSIONS = new Set(Object.keys(extensionsSchema.$defs.schema.properties));

/** An ajv validator: true when valid, else false with its `errors` set. */
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Compiled ahead of time (build/compile-validators.ts): the OpenAPI 3.1 schema, the x-odeme-*
 * schema (the document, an operation, a schema) and the JSON Schema 2020-12 meta-schema.
 */
const v = compiled as unknown as Record<"oas" | "ext" | "op" | "schema" | "meta", Validator>;

function ajvDiagnostics(spec: LoadedSpec, errors: ErrorObject[] | null | undefined, prefix: string[] = []): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const enumAt = new Set((errors ?? []).filter((e) => e.keyword === "enum").map((e) => e.instancePath));
  for (const e of errors ?? []) {
    if (e.keyword === "type" && enumAt.has(e.instancePath)) continue;
    // Branch-noise from oneOf/if-then: keep the specific errors, not the summaries.
    if (e.keyword === "if" || e.keyword === "oneOf" || e.keyword === "anyOf" || e.keyword === "$ref") continue;
    const path = [...prefix, ...fromPointer(`#${e.instancePath}`)];
    let message = e.message ?? "is invalid";
    if (e.keyword === "additionalProperties") message = `has an unknown property "${String(e.params.additionalProperty)}"`;
    if (e.keyword === "enum") message = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    if (e.keyword === "required") message = `is missing the required property "${String(e.params.missingProperty)}"`;
    const d = diagnosticAt(spec, path, message);
    const key = `${d.pointer} ${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

/** `paths./x.post` is an operation; a property that happens to be named `get` is not. */
function isOperationPath(path: (string | number)[]): boolean {
  return path.length === 3 && path[0] === "paths" && HTTP_METHODS.includes(path[2] as never);
}

/** Places where a Schema Object sits (so it is checked against the JSON Schema meta-schema). */
function isSchemaPath(path: (string | number)[]): boolean {
  const n = path.length;
  return (
    (n === 3 && path[0] === "components" && path[1] === "schemas") ||
    (n >= 2 && path[n - 1] === "schema" && path[n - 3] === "content") ||
    (n >= 2 && path[n - 1] === "schema" && path[n - 3] === "parameters")
  );
}

/**
 * Everything that must hold before generation: the OpenAPI 3.1 schema, the x-odeme-* schema,
 * every $ref resolving, every Schema Object being valid JSON Schema, and the cross-references
 * between extensions (hosts, auth sets, hash fields). Returns all problems at once.
 */
export function validateSpec(spec: LoadedSpec): void {
  const doc = spec.doc;
  const diagnostics: Diagnostic[] = [];
  if (!v.oas(doc)) diagnostics.push(...ajvDiagnostics(spec, v.oas.errors));
  if (!v.ext(doc)) diagnostics.push(...ajvDiagnostics(spec, v.ext.errors));

  walkValues(doc, (node, path) => {
    if (!isObject(node)) return;
    const ref = node.$ref;
    if (typeof ref === "string") {
      if (!ref.startsWith("#/")) diagnostics.push(diagnosticAt(spec, [...path, "$ref"], `only local $refs are supported, got "${ref}"`));
      else if (resolvePointer(doc, ref) === undefined)
        diagnostics.push(diagnosticAt(spec, [...path, "$ref"], `$ref "${ref}" points to nothing`));
    }
    const inSchema = path.includes("schemas") || path.includes("schema") || path.includes("properties");
    for (const key of Object.keys(node)) {
      if (!key.startsWith("x-odeme-")) continue;
      const known = path.length === 0 ? ROOT_EXTENSIONS : isOperationPath(path) ? OPERATION_EXTENSIONS : SCHEMA_EXTENSIONS;
      if (!known.has(key) && !(path.length === 0 && key === "x-odeme-default-environment")) {
        diagnostics.push(diagnosticAt(spec, [...path, key], `unknown extension "${key}" here (see specs/README.md)`));
      }
    }
    if (isSchemaPath(path) && !v.meta(node)) {
      diagnostics.push(...ajvDiagnostics(spec, v.meta.errors, path.map(String)));
    }
    if (inSchema && !isOperationPath(path) && Object.keys(node).some((k) => SCHEMA_EXTENSIONS.has(k))) {
      if (!v.schema(node)) diagnostics.push(...ajvDiagnostics(spec, v.schema.errors, path.map(String)));
    }
  });

  diagnostics.push(...checkCrossReferences(spec));
  if (diagnostics.length > 0) throw new SpecError(diagnostics);
}

const SENDABLE_METHODS: readonly string[] = ["get", "post", "put", "patch", "delete"];

function checkCrossReferences(spec: LoadedSpec): Diagnostic[] {
  const doc = spec.doc;
  const out: Diagnostic[] = [];
  const envs = (isObject(doc["x-odeme-environments"]) ? doc["x-odeme-environments"] : {}) as Record<string, Record<string, string>>;
  const hosts = new Set(Object.values(envs).flatMap((e) => (isObject(e) ? Object.keys(e) : [])));
  const auth = (isObject(doc["x-odeme-auth"]) ? doc["x-odeme-auth"] : {}) as Record<string, unknown>;
  const def = doc["x-odeme-default-environment"];
  if (typeof def === "string" && !(def in envs))
    out.push(
      diagnosticAt(spec, ["x-odeme-default-environment"], `names no environment in x-odeme-environments (${Object.keys(envs).join(", ")})`),
    );
  if (auth.scheme === "oauth2-client-credentials" && typeof auth.tokenHost === "string" && !hosts.has(auth.tokenHost)) {
    out.push(diagnosticAt(spec, ["x-odeme-auth", "tokenHost"], `names no host of x-odeme-environments (${[...hosts].join(", ")})`));
  }
  const ids = new Map<string, string>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [p, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const at = ["paths", p, method];
      if (!v.op(op)) out.push(...ajvDiagnostics(spec, v.op.errors, at));
      const id = op.operationId;
      if (id === undefined) out.push(diagnosticAt(spec, at, "needs an operationId (it names the client method)"));
      else if (typeof id !== "string")
        continue; // the OpenAPI schema already said "must be string"
      else if (!/^[a-z][A-Za-z0-9]*$/.test(id))
        out.push(diagnosticAt(spec, [...at, "operationId"], `"${id}" must be camelCase (it becomes a method name)`));
      else if (ids.has(id)) out.push(diagnosticAt(spec, [...at, "operationId"], `"${id}" is already used by ${ids.get(id)}`));
      else ids.set(id, `${method.toUpperCase()} ${p}`);
      const host = op["x-odeme-host"];
      if (typeof host === "string" && !hosts.has(host))
        out.push(diagnosticAt(spec, [...at, "x-odeme-host"], `names no host of x-odeme-environments (${[...hosts].join(", ")})`));
      const set = op["x-odeme-auth-set"];
      if (set !== undefined) {
        const sets = isObject(auth.sets) ? Object.keys(auth.sets) : [];
        if (auth.scheme !== "headers")
          out.push(
            diagnosticAt(spec, [...at, "x-odeme-auth-set"], `only applies to the "headers" auth scheme, not "${String(auth.scheme)}"`),
          );
        else if (typeof set === "string" && !sets.includes(set))
          out.push(diagnosticAt(spec, [...at, "x-odeme-auth-set"], `names no set of x-odeme-auth.sets (${sets.join(", ")})`));
      }
      if (op["x-odeme-hash-fields"] !== undefined && auth.scheme !== "akurateco-hash") {
        out.push(
          diagnosticAt(
            spec,
            [...at, "x-odeme-hash-fields"],
            `only applies to the "akurateco-hash" auth scheme, not "${String(auth.scheme)}"`,
          ),
        );
      }
      out.push(...checkPathParams(spec, p, item, op, at));
      const signed = op["x-odeme-response-signature"];
      if (isObject(signed)) out.push(...checkResponseSignature(spec, at, signed, auth, op.responses));
      if (!SENDABLE_METHODS.includes(method))
        out.push(diagnosticAt(spec, at, `the runtime sends only ${SENDABLE_METHODS.join(", ")} requests, not ${method}`));
      const responses = isObject(op.responses) ? op.responses : {};
      if (!("200" in responses))
        out.push(diagnosticAt(spec, [...at, "responses"], "needs a 200 response (its schema types the method's result)"));
      else {
        const ok = deref(doc, responses["200"]);
        const json = isObject(ok) && isObject(ok.content) ? ok.content["application/json"] : undefined;
        if (!isObject(json) || json.schema === undefined) {
          out.push(
            diagnosticAt(spec, [...at, "responses", "200"], "needs an application/json body with a schema (it types the method's result)"),
          );
        }
      }
    }
  }
  return out;
}

/**
 * Every `{name}` of the path template is an `in: path` parameter and every such parameter is in
 * the template, with a string schema: the runtime fills placeholders from strings only (a number
 * would be formatted by the caller's locale-free String(), an id beyond 2^53 silently rounded).
 */
function checkPathParams(
  spec: LoadedSpec,
  template: string,
  item: Record<string, unknown>,
  op: Record<string, unknown>,
  at: string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const placeholders = new Set([...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] as string));
  const declared = new Map<string, { param: Record<string, unknown>; where: (string | number)[] }>();
  for (const [list, where] of [
    [item.parameters, ["paths", template, "parameters"]],
    [op.parameters, [...at, "parameters"]],
  ] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      const param = deref(spec.doc, raw);
      if (isObject(param) && param.in === "path" && typeof param.name === "string")
        declared.set(param.name, { param, where: [...where, i] });
    });
  }
  for (const name of placeholders)
    if (!declared.has(name)) out.push(diagnosticAt(spec, at, `the path has {${name}} but no "in: path" parameter named "${name}"`));
  for (const [name, { param, where }] of declared) {
    if (!placeholders.has(name))
      out.push(diagnosticAt(spec, [...where, "name"], `path parameter "${name}" is not a {${name}} of the path ${template}`));
    else if (!isObject(deref(spec.doc, param.schema)) || (deref(spec.doc, param.schema) as Record<string, unknown>).type !== "string") {
      out.push(
        diagnosticAt(
          spec,
          [...where, "schema"],
          `path parameter "${name}" needs a string schema (the client sends path values as strings)`,
        ),
      );
    }
  }
  return out;
}

/**
 * A signed answer can only be checked by a scheme that verifies answers, over fields the 200
 * response has: a misspelt field would be signed as "" and fail every real answer.
 */
function checkResponseSignature(
  spec: LoadedSpec,
  at: string[],
  signed: Record<string, unknown>,
  auth: Record<string, unknown>,
  responses: unknown,
): Diagnostic[] {
  const where = [...at, "x-odeme-response-signature"];
  const field = typeof auth.scheme === "string" ? responseSignatureField(auth as unknown as AuthDefinition) : undefined;
  if (field === undefined)
    return [diagnosticAt(spec, where, `only applies to an auth scheme that verifies signed answers, not "${String(auth.scheme)}"`)];
  const ok = isObject(responses) ? deref(spec.doc, responses["200"]) : undefined;
  const json = isObject(ok) && isObject(ok.content) ? ok.content["application/json"] : undefined;
  if (!isObject(json)) return []; // "needs a 200 response" is reported on its own
  const names = propertyNames(spec.doc, json.schema, new Set());
  const out: Diagnostic[] = [];
  if (!names.has(field))
    out.push(diagnosticAt(spec, where, `the 200 response has no "${field}" property, where the scheme reads the signature`));
  const fields = Array.isArray(signed.fields) ? signed.fields.map(String) : [];
  fields.forEach((f, i) => {
    if (!names.has(f)) out.push(diagnosticAt(spec, [...where, "fields", String(i)], `"${f}" is not a property of the 200 response`));
  });
  const decimals = Array.isArray(signed.decimals) ? signed.decimals.map(String) : [];
  decimals.forEach((d, i) => {
    if (!fields.includes(d)) out.push(diagnosticAt(spec, [...where, "decimals", String(i)], `"${d}" is not one of the signed fields`));
  });
  return out;
}

/** The top-level property names of a schema, through $ref and allOf/oneOf/anyOf. */
function propertyNames(doc: unknown, schema: unknown, seen: Set<unknown>): Set<string> {
  const names = new Set<string>();
  const node = deref(doc, schema);
  if (!isObject(node) || seen.has(node)) return names;
  seen.add(node);
  if (isObject(node.properties)) for (const k of Object.keys(node.properties)) names.add(k);
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const list = node[key];
    if (Array.isArray(list)) for (const sub of list) for (const n of propertyNames(doc, sub, seen)) names.add(n);
  }
  return names;
}
