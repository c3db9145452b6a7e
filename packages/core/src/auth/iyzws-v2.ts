import { hmacSha256Hex, utf8ToBase64 } from "../crypto.ts";

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
  return iyzwsV2HeaderWith(input.apiKey, (m) => hmacSha256Hex(input.secretKey, m), input.randomKey, input.uriPath, input.body);
}

/** The same header with an HMAC already keyed with the secret key (one per client). */
export function iyzwsV2HeaderWith(apiKey: string, hmacHex: (message: string) => string, randomKey: string, uriPath: string, body: string): string {
  const signature = hmacHex(randomKey + uriPath + body);
  return `IYZWSv2 ${utf8ToBase64(`apiKey:${apiKey}&randomKey:${randomKey}&signature:${signature}`)}`;
}

/** A per-request random string, as unique as iyzipay-node's hrtime + Math.random. */
export function defaultRandomKey(): string {
  return `${Date.now()}${Math.random().toString(8).slice(2, 12)}`;
}
