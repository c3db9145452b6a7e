import { hmacSha256Hex, timingSafeEqualHex, utf8ToBase64 } from "../crypto.ts";
import { formatWireAmount, WireMoneyError } from "../wire-money.ts";
import { requireString, type AuthSchemeModule, type AuthSchemeRuntime, authSchemeModule, type SignedOperation } from "./scheme.ts";

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

/** Where iyzico puts its signature in a signed answer. */
const SIGNATURE_FIELD = "signature";

/**
 * What iyzico signs in an answer: the operation's fields (the spec's `x-odeme-response-signature`)
 * joined by ":", an absent field as "" (iyzipay-java ResponseSignatureGenerator, iyzipay-node
 * calculateHmacSHA256Signature), each amount without trailing zeros: "10.50" -> "10.5",
 * "10.0" -> "10" (docs.iyzico.com/en/advanced/response-signature-validation, "Trailing Zero";
 * iyzipay-java: BigDecimal.stripTrailingZeros().toPlainString()). The signature itself is
 * hex(HMAC-SHA256(secretKey, that text)), the key the requests are signed with.
 */
function signedText(op: SignedOperation, body: Readonly<Record<string, unknown>>): string {
  const decimals = op.responseSignature.decimals ?? [];
  return op.responseSignature.fields.map((field) => signedValue(body[field], decimals.includes(field))).join(":");
}

function signedValue(value: unknown, decimal: boolean): string {
  if (value === undefined || value === null) return "";
  if (!decimal) return String(value);
  try {
    // The wire-money normalizer strips trailing zeros when no minimum is asked for; no maximum
    // here: the answer's digits are iyzico's, not ours to limit.
    return formatWireAmount(value, { unit: "major", wire: "string", maxFractionDigits: Number.POSITIVE_INFINITY });
  } catch (e) {
    // Not a plain decimal (an exponent, a sign): signed as it reads, so it can only fail to match.
    if (e instanceof WireMoneyError) return String(value);
    throw e;
  }
}

/** IYZWSv2: requests signed over the exact bytes sent, answers' `signature` verified. */
export const iyzwsV2AuthRuntime: AuthSchemeRuntime<"iyzws-v2"> = {
  scheme: "iyzws-v2",
  credentials: () => ["apiKey", "secretKey"],
  // IYZWSv2 for the v2 header; iyzico's v1 `IYZWS key:sig` may still be echoed by its services.
  authValuePrefixes: ["IYZWSv2", "IYZWS"],
  // The header's base64 starts with "apiKey:<key>&": that head is the same on every request.
  derivedSecrets: (_def, o) => (typeof o.apiKey === "string" ? [`apiKey:${o.apiKey}&`] : []),
  // The random key is signed material: with the signature it lets a reader replay-check guesses.
  secretNames: () => ["authorization", RANDOM_HEADER],
  create(_def, { provider, options, hmacSha256 }) {
    const apiKey = requireString(provider, options, "apiKey");
    const sign = hmacSha256(requireString(provider, options, "secretKey"));
    const randomKey = options.randomKey ?? defaultRandomKey;
    return {
      async headers(_op, req) {
        const rnd = randomKey();
        return { authorization: headerFor(apiKey, rnd, await sign(rnd + req.uriPath + req.body)), [RANDOM_HEADER]: rnd };
      },
      ...(options.verifyResponseSignatures === false
        ? {}
        : {
            async verifyResponse(op: SignedOperation, body: unknown) {
              const fields = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {};
              const given = fields[SIGNATURE_FIELD];
              if (typeof given !== "string" || given === "") return "missing" as const;
              return timingSafeEqualHex(await sign(signedText(op, fields)), given) ? undefined : ("mismatch" as const);
            },
          }),
    };
  },
};

/** The whole module: what a client runs (iyzwsV2AuthRuntime) and what only the generator reads. */
export const iyzwsV2Auth: AuthSchemeModule<"iyzws-v2"> = /* @__PURE__ */ authSchemeModule(iyzwsV2AuthRuntime, {
  extraOptions: () => [
    {
      name: "randomKey",
      type: "() => string",
      doc: "The per-request random string signed into IYZWSv2; injectable so signatures can be tested byte for byte.",
    },
    {
      name: "verifyResponseSignatures",
      type: "boolean",
      doc:
        "Default true: the `signature` of every answer whose field order the provider documents is checked, and a missing or wrong one is a `response_signature_invalid` error. " +
        "Set false only while the provider confirms that it signs an operation differently from its documents (the sources disagree on refund v2): the answers are then taken on TLS alone.",
    },
  ],
  signedHeaders: () => ["authorization", RANDOM_HEADER],
  autoFilledFields: () => [],
  responseSignatureField: () => SIGNATURE_FIELD,
});
