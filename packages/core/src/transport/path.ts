import type { OperationDefinition, ProviderDefinition } from "../definition.ts";
import { invalidRequest } from "../errors.ts";
import { MASK } from "../scrub/text.ts";

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * The operation's path with each `{name}` replaced by the caller's value, percent-encoded as one
 * path segment (encodeURIComponent), so a reference holding "/" or "?" cannot reach another
 * endpoint. A value that is missing, empty or not a string is refused before anything is sent:
 * `/products/` or `/products/undefined` would be a different request, not this one. So are "." and
 * "..": URL parsing resolves them (encoded or not, WHATWG URL treats %2E as a dot), so
 * `/products/..` would be sent as `/` of another resource.
 * With `masked` (the logged URL), a parameter it names shows MASK instead of its value.
 */
export function expandPath(
  provider: ProviderDefinition,
  op: OperationDefinition,
  values: Record<string, unknown> | undefined,
  masked?: (name: string) => boolean,
): string {
  if (!op.pathParams?.length) return op.path;
  for (const name of op.pathParams) {
    const value = values?.[name];
    if (typeof value !== "string" || value === "" || value === "." || value === "..") {
      throw invalidRequest(
        provider,
        op.id,
        `${provider.name} ${op.id} was not sent: path parameter "${name}" must be a non-empty string other than "." and ".." (got ${described(value)}); pass it as path.${name}.`,
        `path.${name}`,
      );
    }
  }
  return op.path.replace(PLACEHOLDER, (whole, name: string) =>
    op.pathParams?.includes(name) ? (masked?.(name) ? MASK : encodeURIComponent(values?.[name] as string)) : whole,
  );
}

/** What the caller passed instead, without echoing the value (it may be anything, even a secret). */
function described(value: unknown): string {
  if (value === "") return "an empty string";
  if (value === "." || value === "..") return `"${value}", which URL parsing would resolve away`;
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  return `a ${typeof value}`;
}
