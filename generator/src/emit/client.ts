import type { OperationModel, ProviderModel } from "../model.ts";
import { generatedHeader } from "./header.ts";
import { article, authRuntimeExport, autoFilledFields, camel, credentialOptions, extraAuthOptions, pascal } from "./names.ts";

/** A TS object literal, two-space indented from `indent`, keys unquoted where they can be. */
function literal(v: unknown, indent = ""): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    const flat = `[${v.map((x) => literal(x)).join(", ")}]`;
    return flat.length < 80 && !flat.includes("\n") ? flat : `[\n${v.map((x) => `${inner}${literal(x, inner)},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return "{}";
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  return `{\n${entries.map(([k, x]) => `${inner}${key(k)}: ${literal(x, inner)},`).join("\n")}\n${indent}}`;
}

/** What the client method takes before its options (see OperationDefinition.argument). */
function methodArgument(op: OperationModel): "input" | "body" | "none" {
  if (op.headerParams.length > 0 || op.queryParams.length > 0 || op.pathParams.length > 0) return "input";
  return op.body !== "none" ? "body" : "none";
}

/**
 * One operation's entry in the table, defaults left out (see core's OperationSpec): the id is the
 * key, and host (the provider's default), method post, safe false and body json are not written.
 */
function operationDefinition(op: OperationModel, model: ProviderModel): Record<string, unknown> {
  const def: Record<string, unknown> = {};
  if (op.method !== "post") def.method = op.method;
  def.path = op.path;
  if (op.host !== model.defaultHost) def.host = op.host;
  if (op.safe) def.safe = true;
  if (op.body !== "json") def.body = op.body;
  const argument = methodArgument(op);
  if (argument !== "body") def.argument = argument;
  if (op.authSet) def.authSet = op.authSet;
  if (op.hashFields) def.hashFields = op.hashFields;
  if (op.errors) def.errors = op.errors;
  if (op.responseSignature) def.responseSignature = op.responseSignature;
  if (op.money.length) def.money = op.money;
  if (op.bigint.length) def.bigint = op.bigint;
  if (op.headerParams.length) def.headerParams = op.headerParams.map((p) => p.name);
  if (op.queryParams.length) def.queryParams = op.queryParams.map((p) => p.name);
  if (op.pathParams.length) def.pathParams = op.pathParams.map((p) => p.name);
  return def;
}

function docs(op: OperationModel, model: ProviderModel): string {
  const lines = [op.summary, "", `\`${op.method.toUpperCase()} ${op.path}\` on the \`${op.host}\` host.`];
  if (op.description && op.description !== op.summary) lines.push("", ...op.description.split("\n"));
  if (op.inferred) lines.push("", `**Unverified:** inferred from incomplete ${model.name} documents. ${op.inferred}`);
  if (!op.safe)
    lines.push(
      "",
      "A write: never retried after a failure that may have applied it (only a 401 is sent once more, with fresh credentials). If it fails with `outcome_unknown`, look the operation up before trying again.",
    );
  return lines.join("\n").replace(/\*\//g, "*\\/");
}

/**
 * A JSDoc block at `indent`: one line when the text is one line, else one ` * ` line per line of
 * text (an empty line is a bare ` *`): the layout ts-morph printed, which the generated files keep.
 */
function jsDoc(text: string, indent = ""): string {
  const lines = text.split(/\r?\n/);
  if (lines.length === 1) return `${indent}/** ${text} */`;
  // A leading newline opens the block; it is not an empty first line.
  const body = lines[0] === "" ? lines.slice(1) : lines;
  return [`${indent}/**`, ...body.map((l) => `${indent} *${l ? ` ${l}` : ""}`), `${indent} */`].join("\n");
}

/** A TS type member or class member: its doc comment (if any) on the lines before it. */
function member(declaration: string, doc?: string, indent = "  "): string {
  return doc === undefined ? `${indent}${declaration}` : `${jsDoc(doc, indent)}\n${indent}${declaration}`;
}

/**
 * `src/client.ts`: the provider definition, the operation table, named types and the client class.
 * Written as text, not built with ts-morph: manipulating its AST re-parsed the file for every
 * declaration (about a second for iyzico's 87 operations, plus loading a second TypeScript
 * compiler), and the layout below is the one it printed, byte for byte.
 */
export function emitClient(model: ProviderModel): string {
  const P = model.client;
  const providerConst = `${camel(model.id)}Provider`;
  const opsConst = `${camel(model.id)}Operations`;
  const authFilled = autoFilledFields(model.auth);
  const coreImports = [
    "addOperationMethods",
    "createTransport",
    "defineOperations",
    authRuntimeExport(model.auth),
    "type CallOptions",
    "type OperationSpec",
    "type ProviderDefinition",
    "type Transport",
    "type TransportOptions",
    ...(authFilled.length ? ["type WithoutFields"] : []),
  ];

  const definition = {
    id: model.id,
    name: model.name,
    environments: model.environments,
    ...(model.defaultEnvironment ? { defaultEnvironment: model.defaultEnvironment } : {}),
    defaultHost: model.defaultHost,
    auth: model.auth,
    envelope: model.envelope,
    money: model.money,
    errors: model.errors,
    secretFields: model.secretFields,
    sensitiveFields: model.sensitive,
    credentials: model.credentials,
  };
  const table = literal(Object.fromEntries(model.operations.map((op) => [op.id, operationDefinition(op, model)])));
  const head = [
    `import { ${coreImports.join(", ")} } from "@odeme/core";`,
    'import type { operations } from "./schema.js";',
    `/** What ${model.specFile} says about ${model.name}: hosts, auth, envelope, money format and error codes. */`,
    `export const ${providerConst}: ProviderDefinition = ${literal(definition)};`,
    "",
    "/** Every operation of the spec, as the runtime needs it (defaults left out: see OperationSpec). */",
    `export const ${opsConst} = defineOperations(${JSON.stringify(model.defaultHost)}, ${table} satisfies Record<string, OperationSpec>);`,
  ].join("\n");

  const envs = Object.keys(model.environments)
    .map((e) => JSON.stringify(e))
    .join(" | ");
  const hosts = model.hosts.map((h) => JSON.stringify(h)).join(" | ");
  // No environment to name (every host a placeholder): `never`, and baseUrl below is required.
  const environmentTypes = [`export type ${P}Environment = ${envs || "never"};`, `export type ${P}Host = ${hosts};`].join("\n");

  const baseUrlDoc =
    envs !== ""
      ? "Overrides the environment: one URL for every host (a simulator), or one per host."
      : `Required: ${model.name} publishes no API hosts, so there is no environment. The URL ${model.name} gave you (one for every host, or one per host), or a simulator's.`;
  const options = [
    jsDoc(`Options of \`create${P}Client\`: credentials, and \`environment\` or \`baseUrl\`.`),
    `export interface ${P}ClientOptions extends Omit<TransportOptions<${P}Environment>, "baseUrl"> {`,
    ...credentialOptions(model.auth).map((name) => member(`${name}: string;`, `${model.name} credential. Never logged.`)),
    ...extraAuthOptions(model.auth).map((o) => member(`${o.name}?: ${o.type};`, o.doc)),
    member(`baseUrl${envs !== "" ? "?" : ""}: string | Partial<Record<${P}Host, string>>;`, baseUrlDoc),
    "}",
  ].join("\n");

  const operationTypes: string[] = [];
  const methods: string[] = [];
  for (const op of model.operations) {
    const T = pascal(op.id);
    const opType = `operations[${JSON.stringify(op.id)}]`;
    const mediaType = op.body === "form" ? "application/x-www-form-urlencoded" : "application/json";
    if (op.body !== "none") {
      const wire = `${opType}["requestBody"] extends { content: { ${JSON.stringify(mediaType)}: infer B } } | undefined ? B : never`;
      // Fields the auth scheme fills in (DineroPay's merchant_key and hash) are not the caller's to pass.
      const request = authFilled.length ? `WithoutFields<${wire}, ${authFilled.map((f) => JSON.stringify(f)).join(" | ")}>` : wire;
      operationTypes.push(`export type ${T}Request = ${request};`);
    }
    operationTypes.push(`export type ${T}Response = ${opType}["responses"][200]["content"]["application/json"];`);
    const argument = methodArgument(op);
    if (argument === "input") {
      const members: string[] = [];
      if (op.pathParams.length) members.push(`path: ${opType}["parameters"]["path"]`);
      if (op.headerParams.length)
        members.push(`header${op.headerParams.some((p) => p.required) ? "" : "?"}: ${opType}["parameters"]["header"]`);
      if (op.queryParams.length)
        members.push(`query${op.queryParams.some((p) => p.required) ? "" : "?"}: ${opType}["parameters"]["query"]`);
      if (op.body !== "none") members.push(`body: ${T}Request`);
      operationTypes.push(`export type ${T}Input = { ${members.join("; ")} };`);
    }
    const params = argument === "input" ? [`input: ${T}Input`] : argument === "body" ? [`body: ${T}Request`] : [];
    methods.push(member(`${op.id}(${[...params, "options?: CallOptions"].join(", ")}): Promise<${T}Response>;`, docs(op, model)));
  }

  // The methods are declared here (types and docs) and put on the prototype from the operation
  // table by one shared function: 80 written-out method bodies cost more bundle than the table.
  const clientInterface = [
    jsDoc(`The operations of ${P}Client, one method per operation of ${model.specFile}.`),
    `export interface ${P}Client {`,
    ...methods,
    "}",
  ].join("\n");
  const clientClass = [
    jsDoc(`A typed ${model.name} client generated from ${model.specFile}. Every failure is thrown as an \`OdemeError\`.`),
    `export class ${P}Client {`,
    "  readonly #transport: Transport;",
    "",
    `  constructor(options: ${P}ClientOptions) {`,
    `    this.#transport = createTransport(${providerConst}, options, ${authRuntimeExport(model.auth)});`,
    "  }",
    "",
    "  static {",
    `    addOperationMethods(this.prototype, ${opsConst}, (client: ${P}Client) => client.#transport);`,
    "  }",
    "}",
  ].join("\n");
  const factory = [
    jsDoc(
      `Creates ${article(model.name)} ${model.name} client. Bad options (a missing credential, an unknown environment) throw before anything is sent.`,
    ),
    `export function create${P}Client(options: ${P}ClientOptions): ${P}Client {`,
    `  return new ${P}Client(options);`,
    "}",
  ].join("\n");

  const sections = [
    head,
    environmentTypes,
    options,
    ...(operationTypes.length ? [operationTypes.join("\n")] : []),
    clientInterface,
    clientClass,
    factory,
  ];
  return `${generatedHeader(model.specFile)}\n${sections.join("\n\n")}\n`;
}

export function emitIndex(model: ProviderModel): string {
  return `${generatedHeader(model.specFile)}
export * from "./client.js";
export type { components, operations, paths } from "./schema.js";
export { OdemeError, isOdemeError, minorUnits } from "@odeme/core";
export type { CallOptions, DecimalString, ErrorCode, LogEvent, MinorUnits, Outcome } from "@odeme/core";
`;
}
