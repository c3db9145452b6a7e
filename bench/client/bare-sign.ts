/**
 * The IYZWSv2 headers a careful hand-written client sends (iyzipay-node lib/utils.js): the floor the
 * benchmarks compare odeme against, written once for both of them.
 */
import { createHmac } from "node:crypto";

export function bareIyzwsV2Headers(apiKey: string, secretKey: string, path: string, body: string): Record<string, string> {
  const rnd = `${Date.now()}${Math.random().toString(8).slice(2, 12)}`;
  const signature = createHmac("sha256", secretKey)
    .update(rnd + path + body)
    .digest("hex");
  const auth = Buffer.from(`apiKey:${apiKey}&randomKey:${rnd}&signature:${signature}`).toString("base64");
  return { authorization: `IYZWSv2 ${auth}`, "x-iyzi-rnd": rnd, accept: "application/json" };
}
