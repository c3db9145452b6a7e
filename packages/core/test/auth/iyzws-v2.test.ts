import { describe, expect, it } from "vitest";
import { iyzwsV2Header } from "../../src/auth/iyzws-v2.ts";

function decode(header: string): string {
  expect(header.startsWith("IYZWSv2 ")).toBe(true);
  return Buffer.from(header.slice("IYZWSv2 ".length), "base64").toString("utf8");
}

describe("iyzwsV2Header", () => {
  it("matches the iyzipay-node SDK vector byte for byte", () => {
    // UtilsTest.js: the body is JSON.stringify("body"), i.e. the 6 characters "body" with quotes.
    const header = iyzwsV2Header({ apiKey: "api_key", secretKey: "secret_key", randomKey: "random_string", uriPath: "uri", body: '"body"' });
    expect(header).toBe(
      "IYZWSv2 YXBpS2V5OmFwaV9rZXkmcmFuZG9tS2V5OnJhbmRvbV9zdHJpbmcmc2lnbmF0dXJlOjAxNzUwODkyMWEyOWVlNTYwMWJjZDFmYmU4M2VmZDJlMmJlNDNhZjAyZWNlZmYzMGNmMmU5MWE1MzlhYWIzNTU=",
    );
  });

  it("signs the refund v2 example (providers.md section 5) over rnd + path + exact body", () => {
    const body = '{"locale":"tr","conversationId":"123456789","paymentId":"25180208","price":"15.0","currency":"TRY","ip":"85.34.78.112"}';
    const header = iyzwsV2Header({ apiKey: "apiKey", secretKey: "secretKey", randomKey: "123456789", uriPath: "/v2/payment/refund", body });
    expect(decode(header)).toBe("apiKey:apiKey&randomKey:123456789&signature:635b9ef4f5518b71b48458ee47e9a113dd6fa9900c1cc6b39c5afe47bed35e4f");
  });

  it.each([
    ["a different body", { body: '{"price":"15.00"}' }],
    ["a different path", { uriPath: "/payment/refund" }],
    ["a different random key", { randomKey: "987654321" }],
    ["a different secret", { secretKey: "secretKey2" }],
  ])("changes the signature for %s", (_what, change) => {
    const base = { apiKey: "apiKey", secretKey: "secretKey", randomKey: "123456789", uriPath: "/v2/payment/refund", body: '{"price":"15.0"}' };
    const signature = (h: string) => decode(h).split("&signature:")[1];
    expect(signature(iyzwsV2Header({ ...base, ...change }))).not.toBe(signature(iyzwsV2Header(base)));
  });
});
