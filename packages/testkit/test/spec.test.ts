import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec, loadSpecFile, parseSpec, specsDir } from "../src/spec.ts";

const fixture = fileURLToPath(new URL("./fixtures/echo.yaml", import.meta.url));

describe("loadSpec", () => {
  it("lists operations with path-level parameters, request and 200 schemas, all $refs resolved", () => {
    const spec = loadSpecFile(fixture);
    expect(spec.providerId).toBe("echo");
    expect(spec.headerComment).toBe("A small spec for testing the simulator framework without any provider.");
    expect(spec.operations.map((o) => [o.method, o.path, o.operationId])).toEqual([
      ["get", "/things/{id}", "getThing"],
      ["post", "/echo", "echo"],
      ["post", "/token", "token"],
    ]);
    const get = spec.operations[0];
    expect(get?.parameters.map((p) => [p.in, p.name, p.required])).toEqual([
      ["path", "id", true],
      ["query", "limit", true],
      ["header", "X-Tenant", false],
    ]);
    const echo = spec.operations[1];
    expect(echo?.requestContentType).toBe("application/json");
    expect(echo?.requestRequired).toBe(true);
    expect(JSON.stringify(echo?.requestSchema)).not.toContain("$ref");
    expect(echo?.requestSchema).toMatchObject({ properties: { items: { items: { required: ["qty"] } } } });
    expect(echo?.responseSchema).toEqual({ type: "object", required: ["ok"], properties: { ok: { type: "boolean" } } });
    expect(spec.operations[2]?.requestContentType).toBe("application/x-www-form-urlencoded");
  });

  it("finds the repo's specs/ folder from the package source", () => {
    expect(fileURLToPath(specsDir())).toMatch(/[\\/]specs[\\/]$/);
    const spec = loadSpec("iyzico");
    expect(spec.providerId).toBe("iyzico");
    expect(spec.operations.map((o) => o.operationId)).toContain("refundV2");
  });

  it("reports dangling and recursive $refs with the file name", () => {
    const dangling = `openapi: 3.1.0\npaths:\n  /a:\n    post:\n      requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/Nope" } } } }\n`;
    expect(() => parseSpec(dangling, "x.yaml")).toThrow(/x\.yaml: \$ref "#\/components\/schemas\/Nope" points nowhere/);
    const recursive = `${dangling}components:\n  schemas:\n    Nope: { properties: { child: { $ref: "#/components/schemas/Nope" } } }\n`;
    expect(() => parseSpec(recursive, "x.yaml")).toThrow(/recursive/);
    expect(() => parseSpec("just: text", "y.yaml")).toThrow(/y\.yaml: not an OpenAPI document/);
  });
});
