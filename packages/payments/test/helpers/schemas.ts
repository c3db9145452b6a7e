/** A provider's input schemas in short: for each input, the ways to name a payment and the keys each takes. */
import type { ProviderSchemas } from "../../src/input/schemas.ts";

export function ways(schemas: ProviderSchemas, operation: "refund" | "cancel" | "retrieve"): string[] | undefined {
  return schemas[operation]?.payment.map((v) => {
    const keys = [...Object.keys(v.required), ...Object.keys(v.optional ?? {}).map((k) => `${k}?`)].join(", ");
    return v.unsupported === undefined ? `{ ${keys} }` : `{ ${keys} } (unsupported)`;
  });
}
