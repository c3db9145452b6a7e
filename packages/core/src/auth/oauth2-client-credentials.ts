import type { ErrorCode } from "../errors.ts";
import { OdemeError } from "../errors.ts";
import type { EnvelopeDefinition, OperationDefinition } from "../definition.ts";
import { requireString, type AuthSchemeModule, type AuthSchemeRuntime, authSchemeModule } from "./scheme.ts";
import { TokenCache, type TokenResponse } from "./oauth2.ts";

/**
 * RFC 6749 5.2: a wrong client id/secret or scope answers 400 `{error: "invalid_client"}`; that is
 * a credentials problem (authentication), not a bad request the caller could fix in its input.
 */
const TOKEN_ENVELOPE: EnvelopeDefinition = { code: "error", message: "error_description" };
const TOKEN_ERRORS: Record<string, ErrorCode> = {
  invalid_client: "authentication",
  unauthorized_client: "authentication",
  invalid_grant: "authentication",
  invalid_scope: "authentication",
};

/** OAuth2 client credentials (RFC 6749 4.4): a cached Bearer token, refreshed once after a 401. */
export const oauth2ClientCredentialsAuthRuntime: AuthSchemeRuntime<"oauth2-client-credentials"> = {
  scheme: "oauth2-client-credentials",
  credentials: () => ["clientId", "clientSecret"],
  authValuePrefixes: ["Bearer"],
  secretNames: () => ["authorization", "client_secret", "access_token", "refresh_token"],
  publicText: (def) => [def.tokenPath],
  create(def, { provider, options, send, hostUrl }) {
    const clientId = requireString(provider, options, "clientId");
    const clientSecret = requireString(provider, options, "clientSecret");
    // `safe`: asking for a token changes nothing at the provider, so its failures are never "unknown".
    // The endpoint (IdentityServer) answers plain OAuth JSON (RFC 6749 5.1/5.2), not the provider's
    // API envelope: judging `{access_token}` by e.g. Sipay's `status: 0` rule failed every token.
    const op: OperationDefinition = {
      id: "token",
      method: "post",
      path: def.tokenPath,
      host: def.tokenHost,
      safe: true,
      body: "form",
      errors: TOKEN_ERRORS,
      envelope: TOKEN_ENVELOPE,
    };
    const cache = new TokenCache(async (): Promise<TokenResponse> => {
      const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
      // A client's `scope` option overrides the spec's default (Sipay's Business API uses another scope).
      const scope = typeof options.scope === "string" && options.scope !== "" ? options.scope : def.scope;
      if (scope) form.set("scope", scope);
      const headers = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
      const res = (await send(op, { method: "POST", url: hostUrl(def.tokenHost) + def.tokenPath, headers, body: form.toString() })) as
        | { access_token?: unknown; expires_in?: unknown }
        | undefined;
      if (typeof res?.access_token !== "string") {
        throw new OdemeError({
          code: "authentication",
          message: `${provider.name}: the token endpoint answered without an access_token.`,
          provider: provider.id,
          operation: "token",
          outcome: "rejected",
          raw: res,
        });
      }
      return { access_token: res.access_token, expires_in: typeof res.expires_in === "number" ? res.expires_in : undefined };
    });
    return {
      waitsOnNetwork: true,
      headers: async (op): Promise<Record<string, string>> => {
        // The token endpoint itself is called with the client credentials in its form body.
        if (op.host === def.tokenHost && op.path === def.tokenPath) return {};
        return { authorization: `Bearer ${await cache.get()}` };
      },
      onUnauthorized(used) {
        const token = used.authorization?.replace(/^Bearer /, "");
        if (!token) return false;
        cache.invalidate(token);
        return true;
      },
    };
  },
  // The spec's own token operation (getToken) answers the same plain OAuth JSON.
  envelopeFor: (def, op) => (op.host === def.tokenHost && op.path === def.tokenPath ? TOKEN_ENVELOPE : undefined),
};

/** The whole module: what a client runs (oauth2ClientCredentialsAuthRuntime) and what only the generator reads. */
export const oauth2ClientCredentialsAuth: AuthSchemeModule<"oauth2-client-credentials"> = /* @__PURE__ */ authSchemeModule(
  oauth2ClientCredentialsAuthRuntime,
  {
    extraOptions: (def) => [
      {
        name: "scope",
        type: "string",
        doc: `The OAuth2 scope of the token request; default the spec's${def.scope ? ` (\`${def.scope}\`)` : ""}.`,
      },
    ],
    signedHeaders: () => ["authorization"],
    autoFilledFields: () => [],
  },
);
