import { requireString, type AuthSchemeModule } from "./scheme.ts";
import { TokenCache } from "./oauth2.ts";

/** OAuth2 client credentials (RFC 6749 4.4): a cached Bearer token, refreshed once after a 401. */
export const oauth2ClientCredentialsAuth: AuthSchemeModule<"oauth2-client-credentials"> = {
  scheme: "oauth2-client-credentials",
  credentials: () => ["clientId", "clientSecret"],
  extraOptions: [],
  signedHeaders: () => ["authorization"],
  secretNames: () => ["authorization", "client_secret", "access_token", "refresh_token"],
  autoFilledFields: () => [],
  create(def, { provider, options, tokenFetch, hostUrl }) {
    const clientId = requireString(provider, options, "clientId");
    const clientSecret = requireString(provider, options, "clientSecret");
    const cache = new TokenCache(() => {
      const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
      if (def.scope) form.set("scope", def.scope);
      return tokenFetch(hostUrl(def.tokenHost) + def.tokenPath, form);
    });
    return {
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
};
