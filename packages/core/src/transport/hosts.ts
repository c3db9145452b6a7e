import type { ProviderDefinition } from "../definition.ts";
import { invalidRequest } from "../errors.ts";

/** Where the client sends: an environment of the spec's, or the caller's baseUrl (a simulator). */
export interface HostOptions {
  /** Which of the provider's environments to call (e.g. "sandbox", "live"). */
  environment?: string;
  /** Overrides the environment's hosts: one URL for all (a simulator), or one per host name. */
  baseUrl?: string | Record<string, string>;
}

const noPublishedHosts = (name: string) =>
  `${name} publishes no API hosts (the spec's are placeholders), so the client has no environment; pass baseUrl: the URL ${name} gave you, or a simulator's.`;

/**
 * Resolves a host name of the spec (`api`, `private`) to a base URL without a trailing slash.
 * A bad environment throws at client creation; a host the environment lacks throws at the first
 * call to it, so a client that only uses some hosts needs only those.
 */
export function resolveHosts(provider: ProviderDefinition, options: HostOptions): (host: string) => string {
  const { baseUrl } = options;
  if (typeof baseUrl === "string") {
    const base = checkedBase(provider, baseUrl, "baseUrl");
    return () => base;
  }
  if (baseUrl !== undefined) for (const host in baseUrl) checkedBase(provider, baseUrl[host], `baseUrl.${host}`);
  const envName = options.environment ?? provider.defaultEnvironment;
  const env = envName === undefined ? undefined : provider.environments[envName];
  if (envName !== undefined && env === undefined) {
    const none = Object.keys(provider.environments).length === 0;
    throw invalidRequest(
      provider,
      "createClient",
      none
        ? `${provider.name}: there is no environment "${envName}". ${noPublishedHosts(provider.name)}`
        : `${provider.name}: unknown environment "${envName}"; use one of ${Object.keys(provider.environments).join(", ")}, or pass baseUrl.`,
      none ? "baseUrl" : "environment",
    );
  }
  // No silent default where one would surprise: a provider whose hosts nobody published has no
  // environment at all, and one whose only environment is live must be asked for by name, so a
  // copied example never reaches production or a placeholder host.
  if (baseUrl === undefined && envName === undefined) {
    const names = Object.keys(provider.environments);
    throw invalidRequest(
      provider,
      "createClient",
      names.length === 0
        ? `${provider.name}: baseUrl is required. ${noPublishedHosts(provider.name)}`
        : names.length === 1 && names[0] === "live"
          ? `${provider.name}: pass environment: "live" or baseUrl. Its only environment is live (real money), so the client will not pick it for you; use baseUrl for a simulator.`
          : `${provider.name}: no environment or baseUrl was given; pass environment (${names.join(", ")}) or baseUrl.`,
      names.length === 0 ? "baseUrl" : "environment",
    );
  }
  return (host) => {
    const url = baseUrl?.[host] ?? env?.[host];
    if (url === undefined) {
      throw invalidRequest(
        provider,
        "createClient",
        envName === undefined
          ? `${provider.name}: baseUrl has no "${host}" host; pass baseUrl.${host}, or one URL for every host.`
          : `${provider.name}: environment "${envName}" has no "${host}" host; pass baseUrl.${host}.`,
        "baseUrl",
      );
    }
    return url.replace(/\/+$/, "");
  };
}

/**
 * A base URL the transport can append paths to: absolute http(s), with no query or fragment (a
 * path would land inside them) and no `user:password@`, which fetch refuses and a log would show.
 * The message never repeats the value: it may hold a credential.
 */
function checkedBase(provider: ProviderDefinition, value: unknown, field: string): string {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  const problem =
    url === undefined
      ? "is not an absolute URL"
      : url.protocol !== "http:" && url.protocol !== "https:"
        ? "is not an http(s) URL"
        : url.username !== "" || url.password !== ""
          ? "carries credentials (user:password@); pass them as the client's options instead"
          : url.search !== "" || url.hash !== ""
            ? "has a query or fragment, after which the operation's path would land"
            : undefined;
  if (problem !== undefined) throw invalidRequest(provider, "createClient", `${provider.name}: ${field} ${problem}.`, field);
  return (value as string).replace(/\/+$/, "");
}
