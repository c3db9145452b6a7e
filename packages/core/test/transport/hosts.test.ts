import { describe, expect, it } from "vitest";
import { OdemeError } from "../../src/errors.ts";
import { resolveHosts } from "../../src/transport/hosts.ts";
import { PROVIDER } from "./fixtures.ts";

describe("resolveHosts", () => {
  it("uses the default environment and drops trailing slashes", () => {
    expect(resolveHosts(PROVIDER, {})("api")).toBe("https://sandbox.acme.test");
  });

  it("one baseUrl serves every host; a map overrides per host", () => {
    expect(resolveHosts(PROVIDER, { baseUrl: "http://127.0.0.1:9/" })("anything")).toBe("http://127.0.0.1:9");
    expect(resolveHosts(PROVIDER, { environment: "live", baseUrl: { api: "http://127.0.0.1:8" } })("api")).toBe("http://127.0.0.1:8");
  });

  it("an unknown environment throws at creation, not_sent, naming the field", () => {
    expect(() => resolveHosts(PROVIDER, { environment: "prod" })).toThrow(OdemeError);
    try {
      resolveHosts(PROVIDER, { environment: "prod" });
    } catch (e) {
      expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "environment" });
      expect((e as Error).message).toContain("sandbox, live");
    }
  });

  it("a host the environment lacks throws when first used, naming baseUrl.<host>", () => {
    const host = resolveHosts(PROVIDER, { environment: "live" });
    expect(() => host("private")).toThrow(/baseUrl\.private/);
  });

  it.each([
    ["http://user:s3cr3t-pass@127.0.0.1:9", "baseUrl", "carries credentials"],
    ["localhost:3000", "baseUrl", "is not an http(s) URL"],
    ["not a url", "baseUrl", "is not an absolute URL"],
    ["ftp://127.0.0.1", "baseUrl", "is not an http(s) URL"],
    ["http://127.0.0.1:9/?x=1", "baseUrl", "has a query or fragment"],
  ])("refuses baseUrl %j at creation, naming the field and never repeating the value", (baseUrl, field, problem) => {
    for (const [options, name] of [
      [{ baseUrl }, field],
      [{ baseUrl: { api: baseUrl } }, `${field}.api`],
    ] as const) {
      let error: unknown;
      try {
        resolveHosts(PROVIDER, options);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: name });
      expect((error as Error).message).toContain(problem);
      expect(JSON.stringify(error)).not.toContain("s3cr3t");
    }
  });
});
