import { describe, expect, it } from "vitest";
import { requireString } from "../../src/auth/scheme.ts";
import { providerWith, thrown } from "./helpers.ts";

const provider = providerWith({ scheme: "basic" });

describe("requireString", () => {
  it("returns a non-empty string option as it is", () => {
    expect(requireString(provider, { apiKey: " k 1 " }, "apiKey")).toBe(" k 1 ");
  });

  it.each([
    ["missing", {}],
    ["empty", { apiKey: "" }],
    ["a number", { apiKey: 12345 }],
    ["null", { apiKey: null }],
  ])("refuses an option that is %s before anything is sent, naming the option", (_what, options) => {
    const e = thrown(() => requireString(provider, options, "apiKey"));
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "apiKey", provider: "acme", operation: "createClient" });
    expect(e.message).toBe('Acme: the client option "apiKey" is required (a non-empty string).');
  });

  it("never puts the refused value in the error", () => {
    const e = thrown(() => requireString(provider, { apiKey: 4242424242424242 }, "apiKey"));
    expect(JSON.stringify(e)).not.toContain("4242424242424242");
    expect(e.message).not.toContain("4242");
  });
});
