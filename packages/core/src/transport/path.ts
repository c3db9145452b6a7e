import type { OperationDefinition, ProviderDefinition } from "../definition.ts";
import { OdemeError } from "../errors.ts";

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * The operation's path with each `{name}` replaced by the caller's value, percent-encoded as one
 * path segment (encodeURIComponent), so a reference holding "/" or "?" cannot reach another
 * endpoint. A value that is missing, empty or not a string is refused before anything is sent:
 * `/products/` or `/products/undefined` would be a different request, not this one.
 */
export function expandPath(provider: ProviderDefinition, op: OperationDefinition, values: Record<string, unknown> | undefined): string {
  if (!op.pathParams?.length) return op.path;
  for (const name of op.pathParams) {
    const value = values?.[name];
    if (typeof value !== "string" || value === "") {
      throw new OdemeError({
        code: "invalid_request",
        message: `${provider.name} ${op.id} was not sent: path parameter "${name}" must be a non-empty string (got ${value === "" ? "an empty string" : value === undefined ? "nothing" : typeof value}); pass it as path.${name}.`,
        provider: provider.id,
        operation: op.id,
        outcome: "not_sent",
        field: `path.${name}`,
      });
    }
  }
  return op.path.replace(PLACEHOLDER, (whole, name: string) => (op.pathParams?.includes(name) ? encodeURIComponent(values?.[name] as string) : whole));
}
