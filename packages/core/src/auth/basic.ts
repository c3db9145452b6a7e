import { utf8ToBase64 } from "../crypto.ts";
import { requireString, type AuthSchemeModule, type AuthSchemeRuntime, authSchemeModule } from "./scheme.ts";

/** HTTP Basic (RFC 7617): base64 of the UTF-8 `username:password`. */
export const basicAuthRuntime: AuthSchemeRuntime<"basic"> = {
  scheme: "basic",
  credentials: () => ["username", "password"],
  authValuePrefixes: ["Basic"],
  derivedSecrets: (_def, o) => (typeof o.username === "string" && typeof o.password === "string" ? [`${o.username}:${o.password}`] : []),
  secretNames: () => ["authorization"],
  create(_def, { provider, options }) {
    const value = `Basic ${utf8ToBase64(`${requireString(provider, options, "username")}:${requireString(provider, options, "password")}`)}`;
    return { headers: () => ({ authorization: value }) };
  },
};

/** The whole module: what a client runs (basicAuthRuntime) and what only the generator reads. */
export const basicAuth: AuthSchemeModule<"basic"> = /* @__PURE__ */ authSchemeModule(basicAuthRuntime, {
  extraOptions: () => [],
  signedHeaders: () => ["authorization"],
  autoFilledFields: () => [],
});
