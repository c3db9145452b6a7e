import { hmacSha256Hex, utf8ToBase64 } from "../crypto.ts";
import { requireString, type AuthSchemeModule } from "./scheme.ts";

export interface IyzwsV2Input {
  apiKey: string;
  secretKey: string;
  randomKey: string;
  uriPath: string;
  body: string;
}

/**
 * iyzico's IYZWSv2 header (iyzipay-node lib/utils.js): HMAC-SHA256 over
 * randomKey + uriPath + body with the secret key, hex, then base64 of the auth string.
 * `body` is the exact JSON text sent; a bodiless request signs nothing after the path
 * (iyzipay-php's behaviour; the node SDK would sign "{}").
 */
export function iyzwsV2Header(input: IyzwsV2Input): string {
  return headerFor(input.apiKey, input.randomKey, hmacSha256Hex(input.secretKey, input.randomKey + input.uriPath + input.body));
}

function headerFor(apiKey: string, randomKey: string, signature: string): string {
  return `IYZWSv2 ${utf8ToBase64(`apiKey:${apiKey}&randomKey:${randomKey}&signature:${signature}`)}`;
}

/** A per-request random string, as unique as iyzipay-node's hrtime + Math.random. */
export function defaultRandomKey(): string {
  return `${Date.now()}${Math.random().toString(8).slice(2, 12)}`;
}

/** The header carrying the random key; the server needs it to check the signature. */
const RANDOM_HEADER = "x-iyzi-rnd";

export const iyzwsV2Auth: AuthSchemeModule<"iyzws-v2"> = {
  scheme: "iyzws-v2",
  credentials: () => ["apiKey", "secretKey"],
  // The header's base64 starts with "apiKey:<key>&": that head is the same on every request.
  derivedSecrets: (_def, o) => (typeof o.apiKey === "string" ? [`apiKey:${o.apiKey}&`] : []),
  extraOptions: () => [{ name: "randomKey", type: "() => string", doc: "The per-request random string signed into IYZWSv2; injectable so signatures can be tested byte for byte." }],
  signedHeaders: () => ["authorization", RANDOM_HEADER],
  // The random key is signed material: with the signature it lets a reader replay-check guesses.
  secretNames: () => ["authorization", RANDOM_HEADER],
  autoFilledFields: () => [],
  create(_def, { provider, options, hmacSha256 }) {
    const apiKey = requireString(provider, options, "apiKey");
    const sign = hmacSha256(requireString(provider, options, "secretKey"));
    const randomKey = options.randomKey ?? defaultRandomKey;
    return {
      async headers(_op, req) {
        const rnd = randomKey();
        return { authorization: headerFor(apiKey, rnd, await sign(rnd + req.uriPath + req.body)), [RANDOM_HEADER]: rnd };
      },
    };
  },
};
