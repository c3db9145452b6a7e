import { OdemeError } from "../errors.ts";
import type { OperationDefinition, ProviderDefinition } from "../definition.ts";
import { getPath, RawNumber } from "../json.ts";
import { akuratecoHash } from "./akurateco-hash.ts";
import { keyedHmacSha256Hex, utf8ToBase64 } from "../crypto.ts";
import { defaultRandomKey, iyzwsV2HeaderWith } from "./iyzws-v2.ts";
import { TokenCache, type TokenResponse } from "./oauth2.ts";

/** Credentials and auth knobs a generated client passes through from its options. */
export type AuthOptions = Record<string, unknown> & { randomKey?: () => string };

/** One auth scheme: may add fields to the body before it is serialized, and headers after. */
export interface AuthScheme {
  prepareBody?(op: OperationDefinition, body: Record<string, unknown>): void;
  headers?(op: OperationDefinition, request: { uriPath: string; body: string }): Promise<Record<string, string>> | Record<string, string>;
  /** After a 401: return true to have the call retried once with fresh credentials. */
  onUnauthorized?(usedHeaders: Record<string, string>): boolean;
}

function requireString(provider: ProviderDefinition, options: AuthOptions, name: string): string {
  const v = options[name];
  if (typeof v !== "string" || v === "") {
    throw new OdemeError({
      code: "invalid_request",
      message: `${provider.name}: the client option "${name}" is required (a non-empty string).`,
      provider: provider.id,
      operation: "createClient",
      outcome: "not_sent",
      field: name,
    });
  }
  return v;
}

export function createAuth(
  provider: ProviderDefinition,
  options: AuthOptions,
  tokenFetch: (url: string, form: URLSearchParams) => Promise<TokenResponse>,
  hostUrl: (host: string) => string,
): AuthScheme {
  const auth = provider.auth;
  switch (auth.scheme) {
    case "iyzws-v2": {
      const apiKey = requireString(provider, options, "apiKey");
      const secretKey = requireString(provider, options, "secretKey");
      const randomKey = options.randomKey ?? defaultRandomKey;
      const sign = keyedHmacSha256Hex(secretKey);
      return {
        headers: (_op, req) => {
          const rnd = randomKey();
          return {
            authorization: iyzwsV2HeaderWith(apiKey, sign, rnd, req.uriPath, req.body),
            "x-iyzi-rnd": rnd,
          };
        },
      };
    }
    case "headers": {
      const sets = Object.fromEntries(
        Object.entries(auth.sets).map(([name, headers]) => [
          name,
          Object.fromEntries(Object.entries(headers).map(([header, option]) => [header, requireString(provider, options, option)])),
        ]),
      );
      const first = Object.keys(sets)[0] as string;
      return { headers: (op) => ({ ...sets[op.authSet ?? first] }) };
    }
    case "akurateco-hash": {
      const merchantKey = requireString(provider, options, "merchantKey");
      const password = requireString(provider, options, "password");
      return {
        prepareBody(op, body) {
          body[auth.keyField] = merchantKey;
          const fields = (op.hashFields ?? []).map((f) => {
            const v = getPath(body, f);
            // The hash covers the exact literal sent, also for a money field written as a JSON number.
            return v === undefined || v === null ? "" : v instanceof RawNumber ? v.literal : String(v);
          });
          body[auth.hashField] = akuratecoHash(fields, password);
        },
      };
    }
    case "basic": {
      const username = requireString(provider, options, "username");
      const password = requireString(provider, options, "password");
      const value = `Basic ${utf8ToBase64(`${username}:${password}`)}`;
      return { headers: () => ({ authorization: value }) };
    }
    case "oauth2-client-credentials": {
      const clientId = requireString(provider, options, "clientId");
      const clientSecret = requireString(provider, options, "clientSecret");
      const cache = new TokenCache(() => {
        const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
        if (auth.scope) form.set("scope", auth.scope);
        return tokenFetch(hostUrl(auth.tokenHost) + auth.tokenPath, form);
      });
      return {
        headers: async (op): Promise<Record<string, string>> => {
          // The token endpoint itself is called with the client credentials in its form body.
          if (op.host === auth.tokenHost && op.path === auth.tokenPath) return {};
          return { authorization: `Bearer ${await cache.get()}` };
        },
        onUnauthorized(used) {
          const token = used.authorization?.replace(/^Bearer /, "");
          if (!token) return false;
          cache.invalidate(token);
          return true;
        },
      };
    }
  }
}
