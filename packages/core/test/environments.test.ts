import { describe, expect, it } from "vitest";
import type { ProviderDefinition } from "../src/definition.ts";
import { OdemeError } from "../src/errors.ts";
import { basicAuth } from "../src/auth/basic.ts";
import { createTransport } from "../src/transport/create-transport.ts";

const base: Omit<ProviderDefinition, "environments"> = {
  id: "p",
  name: "P",
  defaultHost: "api",
  auth: { scheme: "basic" },
  envelope: {},
  money: { unit: "major", wire: "string" },
  errors: {},
  secretFields: [],
};
// Basic auth reads these; TransportOptions does not name credentials (each scheme does).
const creds = { username: "u", password: "p" } as Record<string, unknown>;

function creationError(provider: ProviderDefinition, options: Record<string, unknown>): OdemeError {
  try {
    createTransport(provider, { ...creds, ...options } as never, basicAuth);
  } catch (e) {
    if (e instanceof OdemeError) return e;
    throw e;
  }
  throw new Error("createTransport did not throw");
}

describe("environments that cannot surprise", () => {
  const unknownHosts: ProviderDefinition = { ...base, environments: {} };
  const liveOnly: ProviderDefinition = { ...base, environments: { live: { api: "https://api.p.test" } } };

  it.each([
    ["no environment, no baseUrl", {}],
    ["an environment name", { environment: "sandbox" }],
  ])("a provider with no published hosts demands baseUrl and says why: %s", (_title, options) => {
    const e = creationError(unknownHosts, options);
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "baseUrl" });
    expect(e.message).toContain("baseUrl");
    expect(e.message).toContain("publishes no API hosts");
  });

  it("a provider with only a live environment wants it named", () => {
    const e = creationError(liveOnly, {});
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "environment" });
    expect(e.message).toContain('environment: "live"');
  });

  it.each([
    ["live named", liveOnly, { environment: "live" }],
    ["baseUrl to a provider with no hosts", unknownHosts, { baseUrl: "http://127.0.0.1:1" }],
    ["baseUrl per host", unknownHosts, { baseUrl: { api: "http://127.0.0.1:1" } }],
  ] as const)("creates the client: %s", (_title, provider, options) => {
    expect(() => createTransport(provider, { ...creds, ...options } as never, basicAuth)).not.toThrow();
  });

  it("a baseUrl object without the operation's host names the host", async () => {
    const t = createTransport(unknownHosts, { ...creds, baseUrl: { other: "http://127.0.0.1:1" } } as never, basicAuth);
    const op = { id: "get", method: "get", path: "/x", host: "api", safe: true, body: "none" } as const;
    await expect(t.call(op as never, {})).rejects.toMatchObject({
      code: "invalid_request",
      field: "baseUrl",
      message: expect.stringContaining('"api"'),
    });
  });
});
