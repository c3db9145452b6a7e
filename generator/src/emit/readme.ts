import type { OperationModel, ProviderModel } from "../model.ts";
import { generatedHeader } from "./header.ts";
import { credentialOptions, extraAuthOptions } from "./names.ts";

function example(model: ProviderModel, op: OperationModel): string {
  const args: string[] = [];
  const hasParams = op.headerParams.length > 0 || op.queryParams.length > 0;
  const sample = op.requestExample === undefined ? {} : op.requestExample;
  const body = JSON.stringify(sample, null, 2);
  if (hasParams) {
    const parts: string[] = [];
    if (op.headerParams.length) parts.push(`header: { ${op.headerParams.map((p) => `${JSON.stringify(p.name)}: "…"`).join(", ")} }`);
    if (op.queryParams.length) parts.push(`query: { ${op.queryParams.map((p) => `${JSON.stringify(p.name)}: "…"`).join(", ")} }`);
    if (op.body !== "none") parts.push(`body: ${body}`);
    args.push(`{ ${parts.join(", ")} }`);
  } else if (op.body !== "none") args.push(body);
  return `const result = await ${model.id.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}.${op.id}(${args.join(", ")});`;
}

/** `README.md` of a generated package: install, create a client, every operation with an example. */
export function emitReadme(model: ProviderModel): string {
  const P = model.client;
  const v = model.id.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  const creds = credentialOptions(model.auth);
  const envs = Object.keys(model.environments);
  const lines: string[] = [
    generatedHeader(model.specFile, "md"),
    "",
    `# @odeme/${model.id}`,
    "",
    `A typed ${model.name} client generated from [\`${model.specFile}\`](../../${model.specFile}). Every request and response is typed from the spec; auth (\`${model.auth.scheme}\`) is applied for you; every failure — a ${model.name} error, an HTTP error, a timeout, a lost connection, an unreadable body — is thrown as one \`OdemeError\` with a unified \`code\`, \`retryable\`, the provider's own code and message, and \`outcome\` (\`rejected\`, \`not_sent\` or \`unknown\`).`,
    "",
    "```sh",
    `npm i @odeme/${model.id}`,
    "```",
    "",
    "```ts",
    `import { create${P}Client, OdemeError } from "@odeme/${model.id}";`,
    "",
    `const ${v} = create${P}Client({`,
    ...creds.map((c) => `  ${c}: process.env.${model.id.toUpperCase().replace(/-/g, "_")}_${c.replace(/[A-Z]/g, (m) => `_${m}`).toUpperCase()}!,`),
    `  environment: ${JSON.stringify(model.defaultEnvironment ?? envs[0])}, // ${envs.join(" | ")}, or baseUrl: "http://127.0.0.1:4010" for a simulator`,
    "});",
    "```",
    "",
    `Options: ${creds.map((c) => `\`${c}\``).join(", ")}; \`environment\` (${envs.map((e) => `\`${e}\``).join(", ")}) or \`baseUrl\`; \`fetch\`, \`timeoutMs\` (default 30 000), \`maxRetries\` (read-only operations only, default 2), \`logger\` (receives every request and response with secrets masked)${extraAuthOptions(model.auth).map((o) => `, \`${o.name}\``).join("")}.`,
    "",
    "## Environments",
    "",
    `| environment | ${model.hosts.join(" | ")} |`,
    `|---|${model.hosts.map(() => "---").join("|")}|`,
    ...envs.map((e) => `| ${e} | ${model.hosts.map((h) => (model.environments[e]?.[h] ? `\`${model.environments[e]?.[h]}\`` : "—")).join(" | ")} |`),
    "",
    "## Amounts",
    "",
    model.money.unit === "minor"
      ? `Amount fields are \`MinorUnits\`: integer kuruş, made with \`minorUnits(1500)\` (= 15.00 TRY). A plain number does not type-check, so lira cannot be passed by accident.`
      : `Amount fields are \`DecimalString\`s in major units (\`"15.5"\`); they are sent as ${model.money.wire === "string" ? "decimal strings" : "exact JSON numbers"}${model.money.minFractionDigits ? ` with at least ${model.money.minFractionDigits} decimal(s)` : ""}${model.money.maxFractionDigits !== undefined ? `, at most ${model.money.maxFractionDigits}` : ""}. More decimals than that is an \`invalid_request\` error before anything is sent, never a rounding.`,
    "",
    "## Operations",
    "",
    "| method | HTTP | path | host | kind |",
    "|---|---|---|---|---|",
    ...model.operations.map((op) => `| [\`${op.id}\`](#${op.id.toLowerCase()}) | ${op.method.toUpperCase()} | \`${op.path}\` | ${op.host} | ${op.safe ? "read" : "write"}${op.inferred ? ", **unverified**" : ""} |`),
    "",
  ];
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
    lines.push(`### ${op.id}`, "", `${op.summary}. \`${op.method.toUpperCase()} ${op.path}\`${op.safe ? " (read-only, retried on network errors)" : " (a write: never retried automatically)"}.`, "");
    if (op.inferred) lines.push(`> Unverified: ${op.inferred}`, "");
    lines.push("```ts", example(model, op), "```", "");
  }
  const codes = Object.entries(model.errors);
  lines.push("## Errors", "", "Provider error codes and the unified `code` they become (any other code becomes `provider_error`):", "");
  if (codes.length) lines.push("| provider code | odeme code |", "|---|---|", ...codes.map(([k, c]) => `| \`${k}\` | \`${c}\` |`), "");
  else lines.push("_The provider documents no error codes; every provider code becomes `provider_error`._", "");
  lines.push(
    "Transport failures: a timeout or a connection lost after sending a write is `outcome_unknown` (look the operation up before retrying); on a read it is `timeout` / `network` and retryable. HTTP 503 and 429 are `provider_unavailable` / `rate_limited` (retryable). A body that is not JSON is `malformed_response` on reads and `outcome_unknown` on writes.",
    "",
  );
  return lines.join("\n");
}
