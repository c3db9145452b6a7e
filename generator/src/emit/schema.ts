import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import type { ProviderModel } from "../model.ts";
import { generatedHeader } from "./header.ts";

/**
 * `src/schema.ts`: openapi-typescript's `paths`/`components`/`operations` types, with amounts
 * typed by unit: a field marked x-odeme-money is `DecimalString` (major units) or `MinorUnits`
 * (a branded integer), so one unit cannot be passed where the other is meant.
 */
export async function emitSchema(model: ProviderModel, doc: Record<string, unknown>): Promise<string> {
  const moneyType = model.money.unit === "minor" ? "MinorUnits" : "DecimalString";
  const inRequests = componentsReachable(doc, "request");
  const inResponses = componentsReachable(doc, "response");
  // Only what the caller sends is typed by unit (the runtime formats it); amounts in responses
  // stay the JSON numbers the provider sends. A component used on both sides accepts either.
  const side = (path: string | undefined): "request" | "response" | "both" => {
    if (!path || path.includes("/requestBody/") || path.includes("/parameters/")) return "request";
    if (path.includes("/responses/") || path.startsWith("#/webhooks/")) return "response";
    const name = /^#\/components\/schemas\/([^/]+)/.exec(path)?.[1];
    if (name === undefined) return "request";
    const req = inRequests.has(name);
    const res = inResponses.has(name);
    return req && res ? "both" : res ? "response" : "request";
  };
  let usesMoney = false;
  const ast = await openapiTS(structuredClone(doc) as never, {
    alphabetize: false,
    exportType: false,
    transform(schema, metadata) {
      if ((schema as Record<string, unknown>)["x-odeme-money"] === true) {
        const where = side(metadata.path);
        if (where === "response") return undefined;
        usesMoney = true;
        if (where === "both") {
          return ts.factory.createUnionTypeNode([
            ts.factory.createTypeReferenceNode(moneyType),
            ts.factory.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword),
          ]);
        }
        usesMoney = true;
        return ts.factory.createTypeReferenceNode(moneyType);
      }
      return undefined;
    },
  });
  const body = astToString(ast);
  const imports = usesMoney ? `import type { ${moneyType} } from "@odeme/core";\n\n` : "";
  return `${generatedHeader(model.specFile)}\n${imports}${body}`;
}

/** Names of component schemas reachable (through $refs) from request bodies and parameters, or from responses. */
function componentsReachable(doc: Record<string, unknown>, from: "request" | "response"): Set<string> {
  const schemas = ((doc.components as Record<string, unknown> | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string") {
      const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
      if (name && !found.has(name)) {
        found.add(name);
        visit(schemas[name]);
      }
      const other = /^#\/components\/(responses|requestBodies|parameters)\/([^/]+)$/.exec(ref);
      if (other) visit((doc.components as Record<string, Record<string, unknown>>)[other[1] as string]?.[other[2] as string]);
    }
    for (const v of Object.values(node)) visit(v);
  };
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const op of Object.values(item)) {
      if (op === null || typeof op !== "object") continue;
      const o = op as Record<string, unknown>;
      if (from === "request") {
        visit(o.requestBody);
        visit(o.parameters);
      } else visit(o.responses);
    }
    if (from === "request") visit(item.parameters);
  }
  return found;
}
