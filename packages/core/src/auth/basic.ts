import { utf8ToBase64 } from "../crypto.ts";
import { requireString, type AuthSchemeModule } from "./scheme.ts";

/** HTTP Basic (RFC 7617): base64 of the UTF-8 `username:password`. */
export const basicAuth: AuthSchemeModule<"basic"> = {
  scheme: "basic",
  credentials: () => ["username", "password"],
  authValuePrefixes: ["Basic"],
  derivedSecrets: (_def, o) => (typeof o.username === "string" && typeof o.password === "string" ? [`${o.username}:${o.password}`] : []),
  extraOptions: () => [],
  signedHeaders: () => ["authorization"],
  secretNames: () => ["authorization"],
  autoFilledFields: () => [],
  create(_def, { provider, options }) {
    const value = `Basic ${utf8ToBase64(`${requireString(provider, options, "username")}:${requireString(provider, options, "password")}`)}`;
    return { headers: () => ({ authorization: value }) };
  },
};
