/**
 * Loads a provider's OpenAPI 3.1 spec from the repo's specs/ folder and turns it into the list of
 * operations a simulator serves, with every local $ref resolved so ajv and the handlers see plain
 * JSON Schema. Reading, $ref resolution and walking are @odeme/spec's, shared with the generator.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { inlineRefs, isObject as isJsonObject, operationsOf, readYaml, type InlineProblem } from "@odeme/spec";

/** A JSON value as read from YAML/JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object (a schema, an operation, the whole document). */
export type JsonObject = { [key: string]: JsonValue };

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
const METHODS: readonly HttpMethod[] = ["get", "post", "put", "patch", "delete"];

/** A `parameters` entry of an operation (query or header), resolved. */
export interface SpecParameter {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  required: boolean;
  schema?: JsonObject;
}

/** One operation of the spec, with resolved schemas. */
export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  /** The path template as written in the spec, e.g. "/payment/refund" or "/users/{id}". */
  path: string;
  parameters: SpecParameter[];
  /** The media type of the request body ("application/json", "application/x-www-form-urlencoded"). */
  requestContentType?: string;
  requestSchema?: JsonObject;
  requestRequired: boolean;
  /** The 200 application/json schema. */
  responseSchema?: JsonObject;
  /** The operation object itself, resolved, for x-odeme-* extensions. */
  raw: JsonObject;
}

export interface LoadedSpec {
  /** `x-odeme-provider.id`, or the file name when absent (fixtures). */
  providerId: string;
  file: string;
  /** The leading `#` comment block of the YAML file (iyzico's lists its error codes there). */
  headerComment: string;
  document: JsonObject;
  operations: SpecOperation[];
}

/**
 * The folder the specs are read from. The one place that knows the repo layout: a build that ships
 * specs inside the package changes only this.
 */
export function specsDir(): URL {
  // In the monorepo the live specs/ always wins (a build's copy could be stale); a published
  // package reads the copy its build placed next to dist/.
  const repo = new URL("../../../specs/", import.meta.url);
  if (existsSync(new URL("../../../pnpm-workspace.yaml", import.meta.url)) && existsSync(new URL("iyzico.yaml", repo))) return repo;
  return new URL("../specs/", import.meta.url);
}

const loaded = new Map<string, LoadedSpec>();

/**
 * Reads and resolves `specs/<providerId>.yaml`, once per process: every simulator a test suite
 * starts shares the parsed spec (treat it as read-only).
 */
export function loadSpec(providerId: string, dir: URL = specsDir()): LoadedSpec {
  const file = fileURLToPath(new URL(`${providerId}.yaml`, dir));
  let spec = loaded.get(file);
  if (!spec) {
    spec = loadSpecFile(file);
    loaded.set(file, spec);
  }
  return spec;
}

/** Reads and resolves one spec file. */
export function loadSpecFile(file: string): LoadedSpec {
  return parseSpec(readFileSync(file, "utf8"), file);
}

/** Parses spec text; `file` is only used in messages. */
export function parseSpec(text: string, file = "<spec>"): LoadedSpec {
  // The shared reader: a YAML error names file:line:col, as the generator reports it.
  const parsed = readYaml(file, text).value as JsonValue;
  if (!isObject(parsed) || !isObject(parsed.paths)) {
    throw new Error(`${file}: not an OpenAPI document (no "paths" object)`);
  }
  const document = parsed;
  const resolve = (value: JsonValue): JsonValue => inlineRefs(document, value, (problem) => unresolvable(file, problem));
  const operations: SpecOperation[] = [];
  for (const { path, method, item, op } of operationsOf(document, METHODS)) {
    const shared = Array.isArray(item.parameters) ? (item.parameters as JsonValue[]) : [];
    const resolved = resolve(op as JsonObject) as JsonObject;
    const operationId = typeof resolved.operationId === "string" ? resolved.operationId : `${method} ${path}`;
    const params = [...shared.map(resolve), ...(Array.isArray(resolved.parameters) ? resolved.parameters : [])];
    const body = isObject(resolved.requestBody) ? resolved.requestBody : undefined;
    const content = body && isObject(body.content) ? body.content : undefined;
    const [requestContentType, media] = content ? (Object.entries(content)[0] ?? []) : [];
    const responses = isObject(resolved.responses) ? resolved.responses : {};
    const ok = responses["200"];
    const okContent = isObject(ok) && isObject(ok.content) ? ok.content["application/json"] : undefined;
    operations.push({
      operationId,
      method,
      path,
      parameters: params.filter(isObject).map(toParameter),
      ...(requestContentType ? { requestContentType } : {}),
      ...(isObject(media) && isObject(media.schema) ? { requestSchema: media.schema } : {}),
      requestRequired: body?.required === true,
      ...(isObject(okContent) && isObject(okContent.schema) ? { responseSchema: okContent.schema } : {}),
      raw: resolved,
    });
  }
  const provider = document["x-odeme-provider"];
  const providerId =
    isObject(provider) && typeof provider.id === "string" ? provider.id : (file.split(/[\\/]/).pop() ?? file).replace(/\.ya?ml$/, "");
  return { providerId, file, headerComment: leadingComment(text), document, operations };
}

function toParameter(p: JsonObject): SpecParameter {
  const where = p.in === "header" || p.in === "path" || p.in === "cookie" ? p.in : "query";
  return {
    name: String(p.name),
    in: where,
    // Path parameters are always required (OpenAPI 3.1 §4.8.12.1).
    required: p.required === true || where === "path",
    ...(isObject(p.schema) ? { schema: p.schema } : {}),
  };
}

function leadingComment(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*#/.test(line)) lines.push(line.replace(/^\s*#\s?/, ""));
    else if (line.trim() === "" && lines.length === 0) continue;
    else break;
  }
  return lines.join("\n");
}

/**
 * Every local `$ref` is replaced by a copy of its target (siblings kept), so ajv and the handlers
 * see plain JSON Schema. Our specs are not recursive, so a cycle is an error, not supported.
 */
function unresolvable(file: string, { kind, ref }: InlineProblem): never {
  if (kind === "external") throw new Error(`${file}: only local $refs are supported, got "${ref}"`);
  if (kind === "recursive") throw new Error(`${file}: recursive $ref "${ref}" is not supported by the simulator`);
  throw new Error(`${file}: $ref "${ref}" points nowhere`);
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return isJsonObject(value);
}

/**
 * The named examples of an operation's 200 application/json response, in spec order (a lone
 * `example` is named "example"). A simulator answers an operation it has no behaviour for with one
 * of these: the spec's own examples are schema-valid (the iyzico spec's tests check them), so the
 * reply is too.
 */
export function responseExamples(op: SpecOperation): { name: string; value: JsonValue }[] {
  const responses = op.raw.responses;
  const ok = isObject(responses) ? responses["200"] : undefined;
  const content = isObject(ok) && isObject(ok.content) ? ok.content["application/json"] : undefined;
  if (!isObject(content)) return [];
  const out: { name: string; value: JsonValue }[] = [];
  if (isObject(content.examples)) {
    for (const [name, example] of Object.entries(content.examples)) {
      if (isObject(example) && "value" in example) out.push({ name, value: example.value ?? null });
    }
  }
  if (content.example !== undefined) out.push({ name: "example", value: content.example });
  return out;
}
