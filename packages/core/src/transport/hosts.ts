import type { ProviderDefinition } from "../definition.ts";
import { OdemeError } from "../errors.ts";

/** Where the client sends: an environment of the spec's, or the caller's baseUrl (a simulator). */
export interface HostOptions {
  /** Which of the provider's environments to call (e.g. "sandbox", "live"). */
  environment?: string;
  /** Overrides the environment's hosts: one URL for all (a simulator), or one per host name. */
  baseUrl?: string | Record<string, string>;
}

/**
 * Resolves a host name of the spec (`api`, `private`) to a base URL without a trailing slash.
 * A bad environment throws at client creation; a host the environment lacks throws at the first
 * call to it, so a client that only uses some hosts needs only those.
 */
export function resolveHosts(provider: ProviderDefinition, options: HostOptions): (host: string) => string {
  const { baseUrl } = options;
  if (typeof baseUrl === "string") {
    const one = baseUrl.replace(/\/+$/, "");
    return () => one;
  }
  const envName = options.environment ?? provider.defaultEnvironment;
  const env = envName === undefined ? undefined : provider.environments[envName];
  if (envName !== undefined && env === undefined) {
    throw new OdemeError({
      code: "invalid_request",
      message: `${provider.name}: unknown environment "${envName}"; use one of ${Object.keys(provider.environments).join(", ")}, or pass baseUrl.`,
      provider: provider.id,
      operation: "createClient",
      outcome: "not_sent",
      field: "environment",
    });
  }
  return (host) => {
    const url = baseUrl?.[host] ?? env?.[host];
    if (url === undefined) {
      throw new OdemeError({
        code: "invalid_request",
        message:
          envName === undefined
            ? `${provider.name}: no environment or baseUrl was given; pass environment (${Object.keys(provider.environments).join(", ")}) or baseUrl.`
            : `${provider.name}: environment "${envName}" has no "${host}" host; pass baseUrl.${host}.`,
        provider: provider.id,
        operation: "createClient",
        outcome: "not_sent",
        field: envName === undefined ? "environment" : "baseUrl",
      });
    }
    return url.replace(/\/+$/, "");
  };
}
