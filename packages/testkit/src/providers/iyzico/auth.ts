/**
 * IYZWSv2 verification, written independently of @odeme/core's signer so that a bug in one is
 * caught by the other. Source: iyzipay-node lib/utils.js and lib/IyzipayResource.js (see
 * reference/providers.md §5):
 *   Authorization: "IYZWSv2 " + base64("apiKey:" + apiKey + "&randomKey:" + rnd + "&signature:" + sig)
 *   sig = hex(HMAC_SHA256(secretKey, rnd + uriPath + body)), x-iyzi-rnd: rnd
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type AuthResult = { ok: true; apiKey: string } | { ok: false; reason: "unknownApiKey" | "invalidSignature"; detail: string };

const HEADER = /^IYZWSv2 (\S+)$/;
const AUTH_STRING = /^apiKey:(.*)&randomKey:(.*)&signature:([0-9a-fA-F]*)$/s;

/**
 * Verifies the request's IYZWSv2 header. `path` is the path without the query string (iyzico
 * signs uriPath only); `rawBody` is the exact bytes received.
 *
 * A bodiless request (GET /payment/test) must be signed over `rnd + path` with nothing appended,
 * as iyzipay-php does for an empty request. iyzipay-node instead appends "{}"; that form is
 * rejected here on purpose, so a client cannot depend on a lenient simulator for either choice.
 */
export function verifyIyzwsV2(
  headers: Readonly<Record<string, string>>,
  path: string,
  rawBody: Buffer,
  secretFor: (apiKey: string) => string | undefined,
): AuthResult {
  const header = HEADER.exec(headers.authorization ?? "");
  if (!header?.[1]) return { ok: false, reason: "invalidSignature", detail: "missing or malformed Authorization header" };
  const parts = AUTH_STRING.exec(Buffer.from(header[1], "base64").toString("utf8"));
  if (!parts) return { ok: false, reason: "invalidSignature", detail: "Authorization is not an IYZWSv2 auth string" };
  const [, apiKey = "", randomKey = "", signature = ""] = parts;
  const secretKey = secretFor(apiKey);
  if (secretKey === undefined) return { ok: false, reason: "unknownApiKey", detail: `api key "${apiKey}" is not registered` };
  // The random key is sent twice; a mismatch means the header was not built for this request.
  if (headers["x-iyzi-rnd"] !== randomKey) {
    return { ok: false, reason: "invalidSignature", detail: "x-iyzi-rnd does not match the randomKey in Authorization" };
  }
  const expected = createHmac("sha256", secretKey)
    .update(Buffer.from(randomKey + path, "utf8"))
    .update(rawBody)
    .digest();
  const given = Buffer.from(signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "invalidSignature", detail: "signature does not match" };
  }
  return { ok: true, apiKey };
}

/** iyzico's response signature: hex(HMAC_SHA256(secretKey, values.join(":"))). */
export function responseSignature(secretKey: string, values: readonly string[]): string {
  return createHmac("sha256", secretKey).update(values.join(":")).digest("hex");
}

/**
 * An amount as iyzico signs it: without trailing zeros, "10.50" -> "10.5", "10.0" -> "10"
 * (docs.iyzico.com/en/advanced/response-signature-validation, "Trailing Zero"). A JSON number
 * already prints that way.
 */
export function signedAmount(value: number | string): string {
  const text = String(value);
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/**
 * The answers the simulator serves from the spec's examples whose signature iyzico's SDKs check:
 * the fields each signs, in order (iyzipay-java model/PayWithIyzicoInitialize.java, Apm.java,
 * BkmInitialize.java, Bkm.java; the same orders in iyzipay-php's and iyzipay-node's samples).
 * Written out here, not read from the spec, so that a wrong order in either shows.
 */
export const EXAMPLE_SIGNED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  initializePayWithIyzico: ["conversationId", "token"],
  initializeApm: ["paymentId", "redirectUrl"],
  retrieveApm: ["currency", "basketId", "conversationId", "paidPrice", "price", "paymentId", "redirectUrl"],
  initializeBkm: ["token", "conversationId"],
  retrieveBkm: ["paymentId", "paymentStatus", "basketId", "conversationId", "currency", "paidPrice", "price", "token"],
};

/** `body` signed over `fields` (amounts without trailing zeros, an absent field as ""). */
export function signFields(secretKey: string, body: Readonly<Record<string, unknown>>, fields: readonly string[]): string {
  const value = (field: string): string => {
    const v = body[field];
    if (v === undefined || v === null) return "";
    return field === "price" || field === "paidPrice" ? signedAmount(v as number | string) : String(v);
  };
  return responseSignature(secretKey, fields.map(value));
}
