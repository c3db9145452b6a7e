/**
 * Validates requests (and, for tests, responses) against a spec's schemas with ajv. Returns the
 * first problem as a field path a provider can put in its own error message.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import type { JsonObject, JsonValue, LoadedSpec, SpecOperation, SpecParameter } from "./spec.ts";

/** One schema violation: `field` is a readable path ("basketItems[0].price", "body" for the root). */
export interface ValidationIssue {
  field: string;
  /** The JSON Schema keyword that failed ("required", "pattern", "type", ...). */
  keyword: string;
  /** ajv's wording, e.g. "must match pattern ..."; providers usually phrase their own. */
  reason: string;
}

/** What a request carried, already parsed. */
export interface RequestInput {
  body: JsonValue | undefined;
  query: Record<string, string>;
  headers: Record<string, string>;
  pathParams: Record<string, string>;
}

export interface SpecValidator {
  /** The first violation of the operation's parameters and request body, or undefined. */
  request(op: SpecOperation, input: RequestInput): ValidationIssue | undefined;
  /** The first violation of the operation's 200 application/json schema, or undefined. */
  response(op: SpecOperation, body: JsonValue): ValidationIssue | undefined;
}

function newAjv(coerceTypes: boolean): Ajv2020 {
  // strict: false because specs carry OpenAPI annotations (example, discriminator, x-odeme-*) that
  // are not JSON Schema keywords; the spec itself is linted elsewhere (generator, redocly).
  const ajv = new Ajv2020({ strict: false, allErrors: false, coerceTypes, validateFormats: true });
  formats.default(ajv);
  return ajv;
}

const validators = new WeakMap<LoadedSpec, SpecValidator>();

/**
 * The validator for one spec; schemas are compiled lazily, once per operation, and shared by every
 * server of the same spec (compiled ajv functions hold no per-request state).
 */
export function createSpecValidator(spec: LoadedSpec): SpecValidator {
  let validator = validators.get(spec);
  if (!validator) {
    validator = buildValidator(spec);
    validators.set(spec, validator);
  }
  return validator;
}

function buildValidator(_spec: LoadedSpec): SpecValidator {
  const bodies = newAjv(false);
  // Query and header values are always strings on the wire; coercion lets `type: integer` apply.
  const params = newAjv(true);
  const cache = new Map<string, ValidateFunction | undefined>();
  const compiled = (ajv: Ajv2020, key: string, schema: JsonObject | undefined) => {
    if (!cache.has(key)) cache.set(key, schema ? ajv.compile(schema) : undefined);
    return cache.get(key);
  };

  return {
    request(op, input) {
      for (const where of ["path", "query", "header"] as const) {
        const list = op.parameters.filter((p) => p.in === where);
        if (list.length === 0) continue;
        const values = where === "path" ? input.pathParams : where === "query" ? input.query : input.headers;
        const check = compiled(params, `${op.operationId} ${where}`, parameterSchema(list, where));
        const copy: Record<string, JsonValue> = { ...values };
        if (check && !check(copy)) return issue(check.errors);
      }
      if (input.body === undefined) {
        return op.requestRequired ? { field: "body", keyword: "required", reason: "request body is required" } : undefined;
      }
      const check = compiled(bodies, `${op.operationId} request`, op.requestSchema);
      if (check && !check(input.body)) return issue(check.errors);
      return undefined;
    },
    response(op, body) {
      const check = compiled(bodies, `${op.operationId} response`, op.responseSchema);
      if (check && !check(body)) return issue(check.errors);
      return undefined;
    },
  };
}

function parameterSchema(list: SpecParameter[], where: string): JsonObject {
  const properties: JsonObject = {};
  // Header names are case-insensitive; Node gives them lower-cased.
  const name = (p: SpecParameter) => (where === "header" ? p.name.toLowerCase() : p.name);
  for (const p of list) properties[name(p)] = p.schema ?? {};
  return { type: "object", properties, required: list.filter((p) => p.required).map(name) };
}

function issue(errors: ErrorObject[] | null | undefined): ValidationIssue {
  const error = errors?.[0];
  if (!error) return { field: "body", keyword: "unknown", reason: "invalid" };
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && typeof params.missingProperty === "string") segments.push(params.missingProperty);
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    segments.push(params.additionalProperty);
  }
  return { field: fieldPath(segments), keyword: error.keyword, reason: error.message ?? "is invalid" };
}

/** ["basketItems", "0", "price"] -> "basketItems[0].price". */
export function fieldPath(segments: readonly string[]): string {
  let out = "";
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out || "body";
}
