import { createHmac } from "node:crypto";

/**
 * iyzico's IYZWSv2 header (iyzipay-node lib/utils.js): HMAC-SHA256 over
 * randomKey + uriPath + body with the secret key, hex, then base64 of the auth string.
 * `body` is the exact JSON text sent; a bodiless request signs nothing after the path
 * (iyzipay-php's behaviour; the node SDK would sign "{}").
 */
export function iyzwsV2Header(input: {
  apiKey: string;
  secretKey: string;
  randomKey: string;
  uriPath: string;
  body: string;
}): string {
  const signature = createHmac("sha256", input.secretKey)
    .update(input.randomKey + input.uriPath + input.body)
    .digest("hex");
  const auth = `apiKey:${input.apiKey}&randomKey:${input.randomKey}&signature:${signature}`;
  return `IYZWSv2 ${Buffer.from(auth, "utf8").toString("base64")}`;
}

/** A per-request random string, as unique as iyzipay-node's hrtime + Math.random. */
export function defaultRandomKey(): string {
  return `${Date.now()}${Math.random().toString(8).slice(2, 12)}`;
}
