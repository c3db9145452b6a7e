import { md5Hex, sha1Hex } from "../crypto.ts";
import { getPath, RawNumber } from "../json.ts";
import { requireString, type AuthSchemeModule, type AuthSchemeRuntime, authSchemeModule } from "./scheme.ts";

/**
 * Akurateco Checkout request hash (docs.akurateco.com/docs/requests/hash_signature):
 * sha1 of the lowercase hex md5 of the ASCII-uppercased concatenation of the fields and the
 * merchant password. The fields are the exact strings sent ("0.10", not 0.1).
 */
export function akuratecoHash(fields: readonly string[], password: string): string {
  const upper = (fields.join("") + password).replace(/[a-z]+/g, (s) => s.toUpperCase());
  return sha1Hex(md5Hex(upper));
}

/** The merchant key and the hash travel in the body (fields named by the spec), not in headers. */
export const akuratecoHashAuthRuntime: AuthSchemeRuntime<"akurateco-hash"> = {
  scheme: "akurateco-hash",
  credentials: () => ["merchantKey", "password"],
  secretNames: (def) => [def.keyField, def.hashField],
  create(def, { provider, options }) {
    const merchantKey = requireString(provider, options, "merchantKey");
    const password = requireString(provider, options, "password");
    return {
      prepareBody(op, body) {
        body[def.keyField] = merchantKey;
        const fields = (op.hashFields ?? []).map((f) => {
          const v = getPath(body, f);
          // The hash covers the exact literal sent, also for a money field written as a JSON number.
          return v === undefined || v === null ? "" : v instanceof RawNumber ? v.literal : String(v);
        });
        body[def.hashField] = akuratecoHash(fields, password);
      },
    };
  },
};

/** The whole module: what a client runs (akuratecoHashAuthRuntime) and what only the generator reads. */
export const akuratecoHashAuth: AuthSchemeModule<"akurateco-hash"> = /* @__PURE__ */ authSchemeModule(akuratecoHashAuthRuntime, {
  extraOptions: () => [],
  signedHeaders: () => [],
  autoFilledFields: (def) => [def.keyField, def.hashField],
});
