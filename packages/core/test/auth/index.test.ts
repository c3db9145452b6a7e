import { describe, expect, it } from "vitest";
import { AUTH_SCHEMES, authSchemeOf, authSecretNames, authValuePrefixes } from "../../src/auth/index.ts";
import { basicAuth } from "../../src/auth/basic.ts";
import { oauth2ClientCredentialsAuth } from "../../src/auth/oauth2-client-credentials.ts";

describe("the auth scheme registry", () => {
  it("files every module under its own scheme name", () => {
    for (const [name, module] of Object.entries(AUTH_SCHEMES)) expect(module.scheme, name).toBe(name);
  });

  it("finds a definition's module", () => {
    expect(authSchemeOf({ scheme: "basic" })).toBe(basicAuth);
    expect(authSchemeOf({ scheme: "oauth2-client-credentials", tokenHost: "auth", tokenPath: "/connect/token" })).toBe(
      oauth2ClientCredentialsAuth,
    );
  });

  it("gives the scrubber the secret names of each scheme, from the definition where they depend on it", () => {
    expect(authSecretNames({ scheme: "basic" })).toEqual(["authorization"]);
    expect(authSecretNames({ scheme: "headers", sets: { main: { "x-api-key": "apiKey", "x-merchant": "merchantId" } } })).toEqual([
      "x-api-key",
      "x-merchant",
    ]);
    expect(authSecretNames({ scheme: "oauth2-client-credentials", tokenHost: "auth", tokenPath: "/t" })).toEqual(
      expect.arrayContaining(["authorization", "client_secret", "access_token"]),
    );
  });

  it("collects each scheme's own Authorization-value prefixes, each a plain scheme name", () => {
    expect(authValuePrefixes()).toEqual(expect.arrayContaining(["Basic", "Bearer", "IYZWSv2", "IYZWS"]));
    // authValuePattern joins them into a regular expression unescaped.
    for (const prefix of authValuePrefixes()) expect(prefix).toMatch(/^[A-Za-z0-9]+$/);
  });
});
