import type {
  AuthDefinition,
  EnvelopeDefinition,
  ErrorCode,
  HttpMethod,
  MoneyWireFormat,
  ResponseSignatureDefinition,
  SensitiveFields,
} from "@odeme/core";
import { deref, isObject, operationsOf, type LoadedSpec } from "@odeme/spec";
import { credentialOptions } from "./emit/names.ts";
import { exampleOf, isMoney } from "./example.ts";

type Json = Record<string, unknown>;

export interface ParamModel {
  name: string;
  required: boolean;
}

/** One operation, as the emitters need it. */
export interface OperationModel {
  id: string;
  method: HttpMethod;
  path: string;
  host: string;
  safe: boolean;
  summary: string;
  description?: string;
  tags: string[];
  /** Set when the spec marks the operation x-odeme-inferred: the reason. */
  inferred?: string;
  body: "json" | "form" | "none";
  bodyRequired: boolean;
  authSet?: string;
  hashFields?: string[];
  errors?: Record<string, ErrorCode>;
  /** `x-odeme-response-signature` without its `source` (the spec keeps the citation). */
  responseSignature?: ResponseSignatureDefinition;
  money: string[];
  bigint: string[];
  headerParams: ParamModel[];
  queryParams: ParamModel[];
  /** The `{name}` placeholders of `path`, in template order (always required). */
  pathParams: ParamModel[];
  requestExample?: unknown;
  /** What the README example passes: the request example completed with every required field, and a value per parameter. */
  example: {
    body?: unknown;
    header: Record<string, unknown>;
    query: Record<string, unknown>;
    path?: Record<string, unknown>;
    moneyParams: string[];
  };
}

export interface ProviderModel {
  specFile: string;
  id: string;
  name: string;
  client: string;
  docs?: string;
  title: string;
  version: string;
  /** The environments a client may name: the spec's, less those whose hosts are placeholders. */
  environments: Record<string, Record<string, string>>;
  /** Environments of the spec whose hosts are all `.invalid` placeholders (unpublished). */
  placeholderEnvironments: string[];
  defaultEnvironment?: string;
  defaultHost: string;
  hosts: string[];
  auth: AuthDefinition;
  envelope: EnvelopeDefinition;
  money: MoneyWireFormat;
  errors: Record<string, ErrorCode>;
  /** Every sensitive field name (the union of `sensitive`): what the runtime masks by name. */
  secretFields: string[];
  sensitive: SensitiveFields;
  /** Client options that hold credentials. */
  credentials: string[];
  operations: OperationModel[];
}

/** Dotted paths (`a.b`, `items[].price`) of every property carrying `flag` in a schema. */
function collectFlagged(doc: Json, schema: unknown, flag: string, prefix = "", seen = new Set<unknown>()): string[] {
  const s = deref(doc, schema);
  if (!isObject(s) || seen.has(s)) return [];
  const inner = new Set(seen).add(s);
  const out: string[] = [];
  // The flag may sit beside a $ref, on the schema it points to, or inside an allOf wrapper.
  if (prefix && ((isObject(schema) && schema[flag] === true) || s[flag] === true)) out.push(prefix);
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const list = s[key];
    if (Array.isArray(list)) for (const sub of list) out.push(...collectFlagged(doc, sub, flag, prefix, inner));
  }
  if (isObject(s.properties)) {
    for (const [name, prop] of Object.entries(s.properties)) {
      const path = prefix ? `${prefix}.${name}` : name;
      out.push(...collectFlagged(doc, prop, flag, path, inner));
    }
  }
  if (s.items !== undefined && prefix) {
    const parts = prefix.split(".");
    const last = parts.pop() as string;
    const arrayPrefix = [...parts, `${last}[]`].join(".");
    out.push(...collectFlagged(doc, s.items, flag, arrayPrefix, inner));
  }
  return [...new Set(out)].sort();
}

type SensitiveKind = keyof SensitiveFields;
const SENSITIVE_KINDS: readonly SensitiveKind[] = ["secret", "card", "personal"];

/**
 * The spec's sensitive fields by kind: the root `x-odeme-sensitive` lists, property-level
 * `x-odeme-sensitive: <kind>`, and `x-odeme-secret: true` (a secret), beside a $ref or on its target.
 */
function collectSensitive(doc: Json): SensitiveFields {
  const out: Record<SensitiveKind, Set<string>> = { secret: new Set(), card: new Set(), personal: new Set() };
  const root = doc["x-odeme-sensitive"];
  if (isObject(root))
    for (const kind of SENSITIVE_KINDS) for (const name of (root[kind] as string[] | undefined) ?? []) out[kind].add(name);
  const kindOf = (node: unknown): SensitiveKind | undefined => {
    if (!isObject(node)) return undefined;
    if (typeof node["x-odeme-sensitive"] === "string") return node["x-odeme-sensitive"] as SensitiveKind;
    return node["x-odeme-secret"] === true ? "secret" : undefined;
  };
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) {
      if (isObject(node.properties)) {
        for (const [name, prop] of Object.entries(node.properties)) {
          const kind = kindOf(prop) ?? kindOf(deref(doc, prop));
          if (kind) out[kind].add(name);
        }
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(doc);
  return { secret: [...out.secret].sort(), card: [...out.card].sort(), personal: [...out.personal].sort() };
}

function firstExample(media: Json): unknown {
  if (media.example !== undefined) return media.example;
  if (isObject(media.examples)) {
    const first = Object.values(media.examples)[0];
    if (isObject(first)) return first.value;
  }
  return undefined;
}

/**
 * The path parameters in the order the template names them (the spec's validation has checked
 * each placeholder is declared `in: path`, required).
 */
function pathParamsOf(template: string, params: Json[]): ParamModel[] {
  const declared = new Set(params.filter((p) => p.in === "path").map((p) => p.name as string));
  return [...template.matchAll(/\{([^{}]+)\}/g)]
    .map((m) => m[1] as string)
    .filter((name) => declared.has(name))
    .map((name) => ({ name, required: true }));
}

export function buildModel(spec: LoadedSpec): ProviderModel {
  const doc = spec.doc;
  const provider = doc["x-odeme-provider"] as { id: string; name: string; client: string; docs?: string };
  const info = doc.info as { title: string; version: string };
  const specEnvironments = doc["x-odeme-environments"] as Record<string, Record<string, string>>;
  const hosts = [...new Set(Object.values(specEnvironments).flatMap((e) => Object.keys(e)))];
  // A host under `.invalid` (RFC 2606: never resolves) is a placeholder for one nobody published;
  // such an environment is not offered, so a client cannot be pointed at it by accident.
  const placeholder = (urls: Record<string, string>) =>
    Object.values(urls).every((u) => /^[a-z]+:\/\/[^/]*\.invalid(?::\d+)?(?:\/|$)/i.test(u));
  const environments = Object.fromEntries(Object.entries(specEnvironments).filter(([, urls]) => !placeholder(urls)));
  const placeholderEnvironments = Object.keys(specEnvironments).filter((name) => !(name in environments));
  const defaultHost = hosts[0] as string;
  const operations: OperationModel[] = [];
  for (const { path, method, item, op } of operationsOf(doc)) {
    // An operation's parameter overrides the path item's one with the same `in` and `name`.
    const byKey = new Map<string, Json>();
    for (const raw of [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])]) {
      const p = deref(doc, raw) as Json;
      byKey.set(`${String(p.in)}:${String(p.name)}`, p);
    }
    const params = [...byKey.values()];
    const pathParams = pathParamsOf(path, params);
    const requestBody = deref(doc, op.requestBody) as Json | undefined;
    const content = (requestBody?.content ?? {}) as Record<string, Json>;
    const json = content["application/json"];
    const form = content["application/x-www-form-urlencoded"];
    const media = json ?? form;
    const ok = deref(doc, (op.responses as Json)["200"]) as Json;
    const okSchema = (ok.content as Record<string, Json> | undefined)?.["application/json"]?.schema;
    const model: OperationModel = {
      id: op.operationId as string,
      method: method as HttpMethod,
      path,
      host: (op["x-odeme-host"] as string | undefined) ?? defaultHost,
      safe: op["x-odeme-safe"] === true,
      summary: ((op.summary as string | undefined) ?? (op.operationId as string)).trim(),
      tags: (op.tags as string[] | undefined) ?? [],
      body: json ? "json" : form ? "form" : "none",
      bodyRequired: media !== undefined && requestBody?.required !== false,
      money: media ? collectFlagged(doc, media.schema, "x-odeme-money") : [],
      bigint: okSchema ? collectFlagged(doc, okSchema, "x-odeme-bigint") : [],
      headerParams: params.filter((p) => p.in === "header").map((p) => ({ name: p.name as string, required: p.required === true })),
      queryParams: params.filter((p) => p.in === "query").map((p) => ({ name: p.name as string, required: p.required === true })),
      pathParams,
      example: {
        header: Object.fromEntries(
          params.filter((p) => p.in === "header").map((p) => [p.name as string, exampleOf(doc, p.schema, p.example)]),
        ),
        query: Object.fromEntries(
          params.filter((p) => p.in === "query").map((p) => [p.name as string, exampleOf(doc, p.schema, p.example)]),
        ),
        moneyParams: params.filter((p) => isMoney(doc, p.schema)).map((p) => p.name as string),
      },
    };
    if (pathParams.length) {
      const declared = (name: string) => params.find((p) => p.in === "path" && p.name === name) as Json;
      model.example.path = Object.fromEntries(
        pathParams.map(({ name }) => [name, exampleOf(doc, declared(name).schema, declared(name).example)]),
      );
    }
    if (typeof op.description === "string") model.description = op.description.trim();
    if (op["x-odeme-inferred"] === true) model.inferred = String(op["x-odeme-inferred-reason"]);
    if (typeof op["x-odeme-auth-set"] === "string") model.authSet = op["x-odeme-auth-set"];
    if (Array.isArray(op["x-odeme-hash-fields"])) model.hashFields = op["x-odeme-hash-fields"] as string[];
    if (isObject(op["x-odeme-errors"])) model.errors = op["x-odeme-errors"] as Record<string, ErrorCode>;
    const signed = op["x-odeme-response-signature"];
    if (isObject(signed)) {
      model.responseSignature = {
        fields: signed.fields as string[],
        ...(Array.isArray(signed.decimals) ? { decimals: signed.decimals as string[] } : {}),
      };
    }
    if (media) {
      const example = firstExample(media);
      if (example !== undefined) model.requestExample = example;
      model.example.body = exampleOf(doc, media.schema, example);
    }
    operations.push(model);
  }
  const sensitive = collectSensitive(doc);
  const model: ProviderModel = {
    specFile: spec.file,
    id: provider.id,
    name: provider.name,
    client: provider.client,
    title: info.title,
    version: info.version,
    environments,
    placeholderEnvironments,
    defaultHost,
    hosts,
    auth: doc["x-odeme-auth"] as AuthDefinition,
    envelope: (doc["x-odeme-envelope"] ?? {}) as EnvelopeDefinition,
    money: (doc["x-odeme-money"] ?? { unit: "major", wire: "string" }) as MoneyWireFormat,
    errors: (doc["x-odeme-errors"] ?? {}) as Record<string, ErrorCode>,
    secretFields: [...new Set([...sensitive.secret, ...sensitive.card, ...sensitive.personal])].sort(),
    sensitive,
    credentials: credentialOptions(doc["x-odeme-auth"] as AuthDefinition),
    operations,
  };
  if (provider.docs) model.docs = provider.docs;
  const defaultEnvironment = doc["x-odeme-default-environment"];
  if (typeof defaultEnvironment === "string" && defaultEnvironment in environments) model.defaultEnvironment = defaultEnvironment;
  return model;
}
