import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { iyzwsV2Auth, iyzwsV2Header } from "../../src/auth/iyzws-v2.ts";
import type { HmacSha256Factory, SignedOperation } from "../../src/auth/scheme.ts";
import { hmacSha256Hex } from "../../src/crypto.ts";
import { nodeHmacSha256 } from "../../src/crypto-node.ts";
import { webHmacSha256 } from "../../src/crypto-web.ts";
import type { ProviderDefinition } from "../../src/definition.ts";

const IYZICO: ProviderDefinition = {
  id: "iyzico",
  name: "iyzico",
  environments: { sandbox: { api: "https://sandbox-api.iyzipay.com" } },
  defaultHost: "api",
  auth: { scheme: "iyzws-v2" },
  envelope: {},
  money: { unit: "major", wire: "string" },
  errors: {},
  secretFields: [],
};

function decode(header: string): string {
  expect(header.startsWith("IYZWSv2 ")).toBe(true);
  return Buffer.from(header.slice("IYZWSv2 ".length), "base64").toString("utf8");
}

describe("iyzwsV2Header", () => {
  it("matches the iyzipay-node SDK vector byte for byte", () => {
    // UtilsTest.js: the body is JSON.stringify("body"), i.e. the 6 characters "body" with quotes.
    const header = iyzwsV2Header({
      apiKey: "api_key",
      secretKey: "secret_key",
      randomKey: "random_string",
      uriPath: "uri",
      body: '"body"',
    });
    expect(header).toBe(
      "IYZWSv2 YXBpS2V5OmFwaV9rZXkmcmFuZG9tS2V5OnJhbmRvbV9zdHJpbmcmc2lnbmF0dXJlOjAxNzUwODkyMWEyOWVlNTYwMWJjZDFmYmU4M2VmZDJlMmJlNDNhZjAyZWNlZmYzMGNmMmU5MWE1MzlhYWIzNTU=",
    );
  });

  it("signs the refund v2 example (providers.md section 5) over rnd + path + exact body", () => {
    const body = '{"locale":"tr","conversationId":"123456789","paymentId":"25180208","price":"15.0","currency":"TRY","ip":"85.34.78.112"}';
    const header = iyzwsV2Header({ apiKey: "apiKey", secretKey: "secretKey", randomKey: "123456789", uriPath: "/v2/payment/refund", body });
    expect(decode(header)).toBe(
      "apiKey:apiKey&randomKey:123456789&signature:635b9ef4f5518b71b48458ee47e9a113dd6fa9900c1cc6b39c5afe47bed35e4f",
    );
  });

  it.each([
    ["a different body", { body: '{"price":"15.00"}' }],
    ["a different path", { uriPath: "/payment/refund" }],
    ["a different random key", { randomKey: "987654321" }],
    ["a different secret", { secretKey: "secretKey2" }],
  ])("changes the signature for %s", (_what, change) => {
    const base = {
      apiKey: "apiKey",
      secretKey: "secretKey",
      randomKey: "123456789",
      uriPath: "/v2/payment/refund",
      body: '{"price":"15.0"}',
    };
    const signature = (h: string) => decode(h).split("&signature:")[1];
    expect(signature(iyzwsV2Header({ ...base, ...change }))).not.toBe(signature(iyzwsV2Header(base)));
  });
});

describe("iyzwsV2Auth.verifyResponse: iyzico's answer signature", () => {
  // Vectors computed here from the documented formula (hex HMAC-SHA256 with the secret key over the
  // fields joined by ":"), with node:crypto, never with the code under test.
  const hmac = (key: string, text: string) => createHmac("sha256", key).update(text).digest("hex");
  const PAYMENT: SignedOperation = {
    id: "createPayment",
    method: "post",
    path: "/payment/auth",
    host: "api",
    safe: false,
    body: "json",
    responseSignature: {
      fields: ["paymentId", "currency", "basketId", "conversationId", "paidPrice", "price"],
      decimals: ["paidPrice", "price"],
    },
  };
  const INIT: SignedOperation = { ...PAYMENT, id: "initializeCheckoutForm", responseSignature: { fields: ["conversationId", "token"] } };
  const factories: [string, HmacSha256Factory][] = [
    ["node:crypto", nodeHmacSha256],
    ["WebCrypto", webHmacSha256],
    ["noble", (key) => (message) => hmacSha256Hex(key, message)],
  ];
  const verifier = (secretKey: string, hmacSha256: HmacSha256Factory, options: Record<string, unknown> = {}) =>
    iyzwsV2Auth.create(
      { scheme: "iyzws-v2" },
      {
        provider: IYZICO,
        options: { apiKey: "k", secretKey, ...options },
        send: () => Promise.reject(new Error("unused")),
        hostUrl: () => "",
        hmacSha256,
      },
    );

  it.each(factories)("the docs' worked example verifies (%s)", async (_name, factory) => {
    // docs.iyzico.com/en/advanced/response-signature-validation, "Sample Signature for Non-3DS Endpoint".
    const key = "sandbox-qaIiLIxhjMgx3LSKIVvp6j17NunHOFtD";
    const body = {
      status: "success",
      paymentId: "22416032",
      currency: "TRY",
      basketId: "basketId",
      conversationId: "conversationId",
      paidPrice: 10.5,
      price: 10.5,
      signature: "836c3a6c8db86c81043f2ca74edb13518b54a813f454f8dd762f0dd658610173",
    };
    expect(await verifier(key, factory).verifyResponse?.(PAYMENT, body)).toBeUndefined();
  });

  it.each([
    ["numbers", { paidPrice: 10.5, price: 10 }, "1:TRY:B:c:10.5:10"],
    ["strings with trailing zeros", { paidPrice: "10.50", price: "10.0" }, "1:TRY:B:c:10.5:10"],
    ["more decimals", { paidPrice: "10.51050", price: "100" }, "1:TRY:B:c:10.5105:100"],
    ["an absent basketId and a null conversationId", { basketId: undefined, conversationId: null, paidPrice: 1, price: 1 }, "1:TRY:::1:1"],
  ])("amounts without trailing zeros, absent fields as empty text: %s", async (_what, fields, text) => {
    const body = { paymentId: "1", currency: "TRY", basketId: "B", conversationId: "c", ...fields, signature: hmac("s3cr3t", text) };
    expect(await verifier("s3cr3t", nodeHmacSha256).verifyResponse?.(PAYMENT, body)).toBeUndefined();
  });

  it("only the declared decimals lose trailing zeros: a token is signed as it reads", async () => {
    const body = { conversationId: "c-1", token: "tok-10.50", signature: hmac("s3cr3t", "c-1:tok-10.50") };
    expect(await verifier("s3cr3t", nodeHmacSha256).verifyResponse?.(INIT, body)).toBeUndefined();
  });

  it.each(factories)("a missing, empty or wrong signature is reported, never the expected one (%s)", async (_name, factory) => {
    const v = verifier("s3cr3t", factory);
    const body = { conversationId: "c-1", token: "t" };
    expect(await v.verifyResponse?.(INIT, body)).toBe("missing");
    expect(await v.verifyResponse?.(INIT, { ...body, signature: "" })).toBe("missing");
    expect(await v.verifyResponse?.(INIT, { ...body, signature: hmac("s3cr3t", "c-1:u") })).toBe("mismatch");
    expect(await v.verifyResponse?.(INIT, { ...body, signature: hmac("other", "c-1:t") })).toBe("mismatch");
    expect(await v.verifyResponse?.(INIT, { ...body, signature: hmac("s3cr3t", "c-1:t").toUpperCase() })).toBeUndefined();
    expect(await v.verifyResponse?.(INIT, "not an object")).toBe("missing");
  });

  it("verifyResponseSignatures: false leaves answers unchecked; the option is offered to clients", () => {
    expect(verifier("s3cr3t", nodeHmacSha256, { verifyResponseSignatures: false }).verifyResponse).toBeUndefined();
    expect(iyzwsV2Auth.extraOptions({ scheme: "iyzws-v2" }).map((o) => o.name)).toContain("verifyResponseSignatures");
    expect(iyzwsV2Auth.responseSignatureField?.({ scheme: "iyzws-v2" })).toBe("signature");
  });
});
