import * as core from "@odeme/core";
import type { AuthDefinition } from "@odeme/core";
import { describe, expect, it } from "vitest";
import {
  article,
  authModuleExport,
  authRuntimeExport,
  autoFilledFields,
  camel,
  credentialOptions,
  extraAuthOptions,
  pascal,
} from "../../src/emit/names.ts";

const SCHEMES: AuthDefinition[] = [
  { scheme: "iyzws-v2" },
  { scheme: "headers", sets: { main: { "x-key": "apiKey" } } },
  { scheme: "akurateco-hash", keyField: "merchant_key", hashField: "hash" },
  { scheme: "basic" },
  { scheme: "oauth2-client-credentials", tokenHost: "auth", tokenPath: "/connect/token" },
];

describe("identifier casing", () => {
  it("pascal uppercases the first letter only", () => {
    expect(pascal("refundV2")).toBe("RefundV2");
    expect(pascal("iyzico")).toBe("Iyzico");
    expect(pascal("")).toBe("");
  });

  it("camel joins dash-separated parts", () => {
    expect(camel("sipay-wallet")).toBe("sipayWallet");
    expect(camel("iyzws-v2")).toBe("iyzwsV2");
    expect(camel("oauth2-client-credentials")).toBe("oauth2ClientCredentials");
  });
});

describe("auth names come from the scheme modules in @odeme/core", () => {
  it("names an export of @odeme/core for every scheme, the module of that scheme", () => {
    for (const auth of SCHEMES) {
      const name = authModuleExport(auth);
      expect((core as Record<string, unknown>)[name], name).toBe(core.AUTH_SCHEMES[auth.scheme]);
    }
  });

  it("names the runtime half a client imports: the same members the whole module has", () => {
    for (const auth of SCHEMES) {
      const runtime = (core as Record<string, unknown>)[authRuntimeExport(auth)] as Record<string, unknown>;
      const whole = core.AUTH_SCHEMES[auth.scheme] as unknown as Record<string, unknown>;
      expect(runtime, authRuntimeExport(auth)).toBeDefined();
      for (const [k, v] of Object.entries(runtime)) expect(whole[k], `${auth.scheme}.${k}`).toBe(v);
      expect(runtime.scheme).toBe(auth.scheme);
    }
  });

  it("gives each scheme's credential options and filled-in fields", () => {
    expect(credentialOptions({ scheme: "iyzws-v2" })).toEqual(["apiKey", "secretKey"]);
    expect(credentialOptions({ scheme: "basic" })).toEqual(["username", "password"]);
    expect(credentialOptions({ scheme: "headers", sets: { a: { "x-1": "key1" }, b: { "x-2": "key2", "x-1": "key1" } } })).toEqual([
      "key1",
      "key2",
    ]);
    expect(autoFilledFields({ scheme: "akurateco-hash", keyField: "merchant_key", hashField: "hash" })).toEqual(["merchant_key", "hash"]);
    expect(autoFilledFields({ scheme: "basic" })).toEqual([]);
  });

  it("lists the options besides credentials a scheme takes, typed", () => {
    expect(extraAuthOptions({ scheme: "oauth2-client-credentials", tokenHost: "auth", tokenPath: "/t", scope: "api" })).toEqual([
      expect.objectContaining({ name: "scope", type: "string" }),
    ]);
    expect(extraAuthOptions({ scheme: "basic" })).toEqual([]);
  });
});

describe("article", () => {
  it("is 'an' before a vowel, whatever its case, else 'a'", () => {
    expect(article("iyzico")).toBe("an");
    expect(article("Akurateco")).toBe("an");
    expect(article("Paywall")).toBe("a");
    expect(article("Sipay Wallet")).toBe("a");
  });
});
