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
  let usesMoney = false;
  const ast = await openapiTS(structuredClone(doc) as never, {
    alphabetize: false,
    exportType: false,
    transform(schema) {
      if ((schema as Record<string, unknown>)["x-odeme-money"] === true) {
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
