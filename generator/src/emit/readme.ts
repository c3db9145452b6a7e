import type { OperationModel, ProviderModel } from "../model.ts";
import { generatedHeader } from "./header.ts";
import { article, camel, credentialOptions, extraAuthOptions, responseSignatureField } from "./names.ts";
import { SHIPPED_SPEC } from "./package.ts";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** How an example value is written so it type-checks as the client takes it. */
interface Typing {
  /** Dotted paths (`a.b`, `items[].price`) of amount fields. */
  money: Set<string>;
  unit: "major" | "minor";
  /** Top-level body fields the client fills itself (DineroPay's merchant_key and hash). */
  omit: Set<string>;
}

function amount(value: unknown, unit: Typing["unit"]): string {
  if (unit === "minor") {
    // Minor-unit specs show integers; a decimal string in one would be a spec mistake worth seeing.
    const n = typeof value === "number" ? value : Number(value);
    return `minorUnits(${Number.isInteger(n) ? n : JSON.stringify(value)})`;
  }
  return JSON.stringify(typeof value === "number" ? String(value) : value);
}

/** A JSON value as a TypeScript literal, amounts typed by unit. */
function literal(value: unknown, typing: Typing, path: string, indent: string): string {
  if (typing.money.has(path) && (typeof value === "number" || typeof value === "string")) return amount(value, typing.unit);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => v === null || typeof v !== "object") && !typing.money.has(`${path}[]`))
      return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + literal(v, typing, `${path}[]`, inner)).join(",\n")},\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([k]) => !(path === "" && typing.omit.has(k)));
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    const key = (k: string) => (IDENTIFIER.test(k) ? k : JSON.stringify(k));
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, typing, path ? `${path}.${k}` : k, inner)}`).join(",\n")},\n${indent}}`;
  }
  return JSON.stringify(value);
}

function paramsLiteral(values: Record<string, unknown>, money: string[], unit: Typing["unit"]): string {
  const parts = Object.entries(values).map(
    ([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${money.includes(k) ? amount(v, unit) : JSON.stringify(v)}`,
  );
  return `{ ${parts.join(", ")} }`;
}

function fillsAuthFields(auth: { keyField: string; hashField: string }, body: unknown): boolean {
  return body !== null && typeof body === "object" && (auth.keyField in body || auth.hashField in body);
}

function isTokenOperation(model: ProviderModel, op: OperationModel): boolean {
  return model.auth.scheme === "oauth2-client-credentials" && op.host === model.auth.tokenHost && op.path === model.auth.tokenPath;
}

/** The call a reader copies: the spec's example (or a minimal body of its required fields), typed as the client takes it. */
export function operationExample(model: ProviderModel, op: OperationModel): string {
  const typing: Typing = {
    money: new Set(op.money),
    unit: model.money.unit,
    omit: new Set(model.auth.scheme === "akurateco-hash" ? [model.auth.keyField, model.auth.hashField] : []),
  };
  let body = op.example.body;
  if (isTokenOperation(model, op) && body !== null && typeof body === "object") {
    // The credentials are the ones the client was created with, not placeholders.
    const env = envPrefix(model);
    body = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [
        k,
        k === "client_id" ? `$ENV:${env}_CLIENT_ID` : k === "client_secret" ? `$ENV:${env}_CLIENT_SECRET` : v,
      ]),
    );
  }
  const bodyText = literal(body ?? {}, typing, "", "").replace(/"\$ENV:([A-Z_]+)"/g, "process.env.$1!");
  const hasParams = op.headerParams.length > 0 || op.queryParams.length > 0 || op.pathParams.length > 0;
  let args = "";
  if (hasParams) {
    const parts: string[] = [];
    if (op.pathParams.length) parts.push(`path: ${paramsLiteral(op.example.path ?? {}, [], typing.unit)}`);
    if (op.headerParams.length) parts.push(`header: ${paramsLiteral(op.example.header, op.example.moneyParams, typing.unit)}`);
    if (op.queryParams.length) parts.push(`query: ${paramsLiteral(op.example.query, op.example.moneyParams, typing.unit)}`);
    if (op.body !== "none") parts.push(`body: ${bodyText.replace(/\n/g, "\n  ")}`);
    args = parts.some((p) => p.includes("\n")) ? `{\n  ${parts.join(",\n  ")},\n}` : `{ ${parts.join(", ")} }`;
  } else if (op.body !== "none") args = bodyText;
  return `const result = await ${camel(model.id)}.${op.id}(${args});`;
}

function envPrefix(model: ProviderModel): string {
  return model.id.toUpperCase().replace(/-/g, "_");
}

/** The `environment:` / `baseUrl:` line of the set-up example, and what the README says about it. */
function environmentLine(model: ProviderModel): { line: string; prose: string } {
  const envs = Object.keys(model.environments);
  const sim = `an \`@odeme/testkit\` simulator (\`npx odeme-sim ${model.id}\` prints its URL)`;
  if (envs.length === 0) {
    return {
      line: `  baseUrl: process.env.${envPrefix(model)}_BASE_URL!, // required: ${model.name} publishes no API hosts`,
      prose: `\`baseUrl\` is required. ${model.name} publishes no API hosts, so the spec's (${model.placeholderEnvironments.map((e) => `\`${e}\``).join(", ")}) are \`.invalid\` placeholders and the client has no \`environment\` option: pass the URL ${model.name} gave you, or the URL of ${sim}. Without it \`create${model.client}Client\` throws \`invalid_request\` saying so.`,
    };
  }
  if (model.defaultEnvironment) {
    return {
      line: `  environment: ${JSON.stringify(model.defaultEnvironment)}, // ${envs.join(" | ")}, or baseUrl`,
      prose: `\`environment\` (${envs.map((e) => `\`${e}\``).join(", ")}; default \`${model.defaultEnvironment}\`) or \`baseUrl\`: one URL for every host, or one per host, e.g. the URL of ${sim}.`,
    };
  }
  const only = envs.length === 1 ? envs[0] : undefined;
  return {
    line: `  environment: ${JSON.stringify(envs[0])}, // ${only === "live" ? "the only environment: real payments" : `${envs.join(" | ")}, or baseUrl`}`,
    prose:
      only === "live"
        ? `\`environment: "live"\` or \`baseUrl\`, one of them named explicitly: ${model.name}'s only environment is live (real money), so the client has no default and throws \`invalid_request\` without either. For tests, pass \`baseUrl\`: the URL of ${sim}.`
        : `\`environment\` (${envs.map((e) => `\`${e}\``).join(", ")}; no default) or \`baseUrl\`: one URL for every host, or one per host, e.g. the URL of ${sim}.`,
  };
}

/**
 * What "signed answer" in the operations table means, when some operation has one: the client
 * checks the signature the provider puts in that answer (x-odeme-response-signature), and the
 * option that turns the check off, when the auth scheme has one.
 */
function signedAnswersNote(model: ProviderModel): string | undefined {
  const field = responseSignatureField(model.auth);
  if (field === undefined || !model.operations.some((op) => op.responseSignature)) return undefined;
  const option = extraAuthOptions(model.auth).find((o) => o.name === "verifyResponseSignatures");
  return `_signed answer_: the client checks the \`${field}\` ${model.name} puts in the answer and throws \`response_signature_invalid\` when it is missing or wrong${option ? ` (\`${option.name}: false\` turns the check off)` : ""}.`;
}

/** `README.md` of a generated package: install, create a client, every operation with an example. */
export function emitReadme(model: ProviderModel): string {
  const P = model.client;
  const v = camel(model.id);
  const creds = credentialOptions(model.auth);
  const envs = Object.keys(model.environments);
  const env = environmentLine(model);
  const minor = model.money.unit === "minor";
  // Only a scheme that verifies signed answers reads x-odeme-response-signature.
  const signsAnswers = responseSignatureField(model.auth) !== undefined;
  const lines: string[] = [
    generatedHeader(model.specFile, "md"),
    "",
    `# @odeme/${model.id}`,
    "",
    `A typed ${model.name} client generated from [its OpenAPI spec](./${SHIPPED_SPEC}) (shipped in this package; a copy of \`${model.specFile}\`). Every request and response is typed from the spec; auth (\`${model.auth.scheme}\`) is applied for you; every failure — ${article(model.name)} ${model.name} error, an HTTP error, a timeout, a lost connection, an unreadable body — is thrown as one \`OdemeError\` with a unified \`code\`, \`retryable\`, the provider's own code and message, and \`outcome\` (\`rejected\`, \`not_sent\` or \`unknown\`).`,
    "",
    "```sh",
    `npm i @odeme/${model.id}`,
    "```",
    "",
    "ESM only. Runs on Node 20.19 or later (where `require()` of an ES module works without a flag, so CommonJS code can `require` it too), Bun and Deno; it needs `fetch` and `node:crypto`.",
    "",
    "```ts",
    `import { create${P}Client, OdemeError${minor ? ", minorUnits" : ""} } from "@odeme/${model.id}";`,
    "",
    `const ${v} = create${P}Client({`,
    ...creds.map((c) => `  ${c}: process.env.${envPrefix(model)}_${c.replace(/[A-Z]/g, (m) => `_${m}`).toUpperCase()}!,`),
    env.line,
    "});",
    "```",
    "",
    `Options: ${creds.map((c) => `\`${c}\``).join(", ")}; ${env.prose} Also \`fetch\`, \`timeoutMs\` (default 30 000), \`maxRetries\` (read-only operations only, default 2), \`logger\` (receives every request and response with secrets masked)${extraAuthOptions(
      model.auth,
    )
      .map((o) => `, \`${o.name}\``)
      .join("")}.`,
    "",
    "## Environments",
    "",
  ];
  if (envs.length) {
    lines.push(
      `| environment | ${model.hosts.join(" | ")} |`,
      `|---|${model.hosts.map(() => "---").join("|")}|`,
      ...envs.map(
        (e) => `| ${e} | ${model.hosts.map((h) => (model.environments[e]?.[h] ? `\`${model.environments[e]?.[h]}\`` : "—")).join(" | ")} |`,
      ),
      "",
    );
  } else {
    lines.push(
      `None: ${model.name}'s hosts are not published. \`baseUrl\` names them: one URL, or one per host (${model.hosts.map((h) => `\`${h}\``).join(", ")}).`,
      "",
    );
  }
  lines.push(
    "## Amounts",
    "",
    minor
      ? `Amount fields are \`MinorUnits\`: integer kuruş, made with \`minorUnits(1500)\` (= 15.00 TRY). A plain number does not type-check, so lira cannot be passed by accident.`
      : `Amount fields are \`DecimalString\`s in major units (\`"15.5"\`); they are sent as ${model.money.wire === "string" ? "decimal strings" : "exact JSON numbers"}${model.money.minFractionDigits ? ` with at least ${model.money.minFractionDigits} decimal(s)` : ""}${model.money.maxFractionDigits !== undefined ? `, at most ${model.money.maxFractionDigits}` : ""}. More decimals than that is an \`invalid_request\` error before anything is sent, never a rounding.`,
    "",
    "## Operations",
    "",
    "| method | HTTP | path | host | kind |",
    "|---|---|---|---|---|",
    ...model.operations.map(
      (op) =>
        `| [\`${op.id}\`](#${op.id.toLowerCase()}) | ${op.method.toUpperCase()} | \`${op.path}\` | ${op.host} | ${op.safe ? "read" : "write"}${signsAnswers && op.responseSignature ? ", signed answer" : ""}${op.inferred ? ", **unverified**" : ""} |`,
    ),
    "",
  );
  const signatureNote = signsAnswers ? signedAnswersNote(model) : undefined;
  if (signatureNote) lines.push(signatureNote, "");
  const inferred = model.operations.filter((op) => op.inferred);
  if (inferred.length) {
    lines.push(
      "## Unverified operations",
      "",
      `${model.name}'s public documents are incomplete. These operations are in the spec so nothing the documents name is missing, but their path or fields were inferred (\`x-odeme-inferred\`). Confirm them with ${model.name} before relying on them:`,
      "",
      ...inferred.map((op) => `- \`${op.id}\` (${op.method.toUpperCase()} \`${op.path}\`): ${op.inferred}`),
      "",
    );
  }
  for (const op of model.operations) {
    lines.push(
      `### ${op.id}`,
      "",
      `${op.summary}. \`${op.method.toUpperCase()} ${op.path}\`${op.safe ? " (read-only, retried on network errors)" : " (a write: never retried after a failure that may have applied it)"}.`,
      "",
    );
    if (op.inferred) lines.push(`> Unverified: ${op.inferred}`, "");
    if (isTokenOperation(model, op))
      lines.push(
        "You never need to call this: the client gets a token with its `clientId` and `clientSecret` before the first call, caches it, and renews it before it expires.",
        "",
      );
    if (model.auth.scheme === "akurateco-hash" && fillsAuthFields(model.auth, op.example.body))
      lines.push(`\`${model.auth.keyField}\` and \`${model.auth.hashField}\` are filled in by the client.`, "");
    lines.push("```ts", operationExample(model, op), "```", "");
  }
  const codes = Object.entries(model.errors);
  // What core's response stage does with a code the table does not list (classify.ts errorForStatus).
  const otherCodes =
    "in an HTTP 2xx answer `provider_error`; in any other answer the code of its HTTP status (400 and 422 `invalid_request`, 401 and 403 `authentication`, 404 `not_found`, 409 `duplicate`, 429 `rate_limited`, 503 `provider_unavailable`, else `provider_error`)";
  lines.push("## Errors", "", `Provider error codes and the unified \`code\` they become. Any other code: ${otherCodes}.`, "");
  if (codes.length) lines.push("| provider code | odeme code |", "|---|---|", ...codes.map(([k, c]) => `| \`${k}\` | \`${c}\` |`), "");
  else lines.push(`_The provider documents no error codes. A provider code: ${otherCodes}._`, "");
  // Core's envelope reading (envelope.ts readFailure): a field error on one of these comes first.
  const fieldCodes = Object.entries(model.envelope.details?.fieldCodes ?? {});
  if (fieldCodes.length)
    lines.push(
      `Whatever the provider code, a field error (in \`fieldErrors\`) on ${fieldCodes.map(([f, c], i) => (i === 0 ? `\`${f}\` makes the failure \`${c}\`` : `on \`${f}\`, \`${c}\``)).join("; ")}.`,
      "",
    );
  lines.push(
    "Transport failures: a timeout or a connection lost after sending a write is `outcome_unknown` (look the operation up before retrying); on a read it is `timeout` / `network` and retryable. HTTP 503 and 429 are `provider_unavailable` / `rate_limited` (retryable); a provider code the table maps to `provider_unavailable` (a system error) is `outcome_unknown` on a write. A body that is not JSON is `malformed_response` on reads and `outcome_unknown` on writes.",
    "",
    "## License",
    "",
    "MIT. Source, issues and the other provider packages: https://github.com/odeme/odeme",
    "",
  );
  return lines.join("\n");
}
