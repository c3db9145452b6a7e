import { requireString, type AuthSchemeModule, type AuthSchemeRuntime, authSchemeModule } from "./scheme.ts";

/** Static key headers, in named sets an operation picks (`x-odeme-auth-set`): header -> client option. */
export const headersAuthRuntime: AuthSchemeRuntime<"headers"> = {
  scheme: "headers",
  credentials: (def) => [...new Set(Object.values(def.sets).flatMap((s) => Object.values(s)))],
  // Every one of them is a key.
  secretNames: (def) => [...new Set(Object.values(def.sets).flatMap((s) => Object.keys(s)))],
  // The header names and the option names they take (`x-api-key`, `apiKey`) are no secrets.
  publicText: (def) => Object.values(def.sets).flatMap((set) => [...Object.keys(set), ...Object.values(set)]),
  create(def, { provider, options }) {
    const sets = Object.fromEntries(
      Object.entries(def.sets).map(([name, headers]) => [
        name,
        Object.fromEntries(Object.entries(headers).map(([header, option]) => [header, requireString(provider, options, option)])),
      ]),
    );
    const first = Object.keys(sets)[0] as string;
    return { headers: (op) => ({ ...sets[op.authSet ?? first] }) };
  },
};

/** The whole module: what a client runs (headersAuthRuntime) and what only the generator reads. */
export const headersAuth: AuthSchemeModule<"headers"> = /* @__PURE__ */ authSchemeModule(headersAuthRuntime, {
  extraOptions: () => [],
  signedHeaders: (def) => [...new Set(Object.values(def.sets).flatMap((s) => Object.keys(s)))],
  autoFilledFields: () => [],
});
