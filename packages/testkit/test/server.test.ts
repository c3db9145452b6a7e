import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createSimulatorServer, type ProviderBehaviour, type SimulatorServer } from "../src/server.ts";
import { loadSpecFile } from "../src/spec.ts";

const spec = loadSpecFile(fileURLToPath(new URL("./fixtures/echo.yaml", import.meta.url)));

// A provider in miniature: a static key header, errors as { error, field }.
const behaviour: ProviderBehaviour = {
  notFound: (req) => ({ status: 404, body: { error: "not_found", path: req.path } }),
  authenticate: (req) => (req.headers["x-key"] === "k" ? undefined : { status: 401, body: { error: "auth" } }),
  invalidRequest: (_req, issue) => ({ status: 400, body: { error: "invalid", field: issue.field, keyword: issue.keyword } }),
  handle: (req) => ({
    applied: req.operation.operationId !== "getThing",
    body: { ok: true, op: req.operation.operationId, params: req.pathParams, query: req.query, body: req.body ?? null },
  }),
};

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  server = await createSimulatorServer({ spec, behaviour });
  return server;
}

const post = (s: SimulatorServer, path: string, body: unknown, key = "k") =>
  fetch(`${s.url}${path}`, { method: "POST", headers: { "x-key": key, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("createSimulatorServer", () => {
  it("listens on 127.0.0.1 on a free port", async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.port).toBeGreaterThan(0);
  });

  it("routes path templates and passes path and query parameters", async () => {
    const s = await start();
    const response = await fetch(`${s.url}/things/42?limit=3`, { headers: { "x-key": "k", "x-tenant": "a" } });
    expect(await response.json()).toMatchObject({ ok: true, op: "getThing", params: { id: "42" }, query: { limit: "3" } });
    expect(s.requests).toEqual([{ method: "GET", path: "/things/42", operationId: "getThing", applied: false, status: 200 }]);
  });

  it("answers the provider's 404 for unknown paths and methods", async () => {
    const s = await start();
    expect((await fetch(`${s.url}/nope`)).status).toBe(404);
    const response = await fetch(`${s.url}/echo`, { headers: { "x-key": "k" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found", path: "/echo" });
  });

  it("checks auth before the schema", async () => {
    const s = await start();
    const response = await post(s, "/echo", {}, "wrong");
    expect(response.status).toBe(401);
  });

  it.each([
    ["missing required field", {}, "name", "required"],
    ["unknown field", { name: "a", extra: 1 }, "extra", "additionalProperties"],
    ["nested array field", { name: "a", items: [{ qty: 1 }, {}] }, "items[1].qty", "required"],
    ["nested type", { name: "a", items: [{ qty: "1" }] }, "items[0].qty", "type"],
    ["root type", [1], "body", "type"],
  ])("names the field of a schema violation: %s", async (_name, body, field, keyword) => {
    const s = await start();
    const response = await post(s, "/echo", body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid", field, keyword });
    expect(s.requests.at(-1)).toMatchObject({ operationId: "echo", applied: false, status: 400 });
  });

  it("validates query, header and path parameters (query strings coerced to the declared type)", async () => {
    const s = await start();
    const get = async (path: string, headers: Record<string, string> = {}) =>
      (await fetch(`${s.url}${path}`, { headers: { "x-key": "k", ...headers } })).json();
    expect(await get("/things/1")).toMatchObject({ field: "limit", keyword: "required" });
    expect(await get("/things/1?limit=0")).toMatchObject({ field: "limit", keyword: "minimum" });
    expect(await get("/things/x?limit=1")).toMatchObject({ field: "id", keyword: "pattern" });
    expect(await get("/things/1?limit=1", { "x-tenant": "c" })).toMatchObject({ field: "x-tenant", keyword: "enum" });
  });

  it("a required body that is missing or not JSON is an invalid request", async () => {
    const s = await start();
    const empty = await fetch(`${s.url}/echo`, { method: "POST", headers: { "x-key": "k" } });
    expect(await empty.json()).toMatchObject({ field: "body", keyword: "required" });
    const broken = await fetch(`${s.url}/echo`, { method: "POST", headers: { "x-key": "k" }, body: "{" });
    expect(await broken.json()).toMatchObject({ field: "body", keyword: "json" });
  });

  it("parses form-encoded bodies when the spec says so", async () => {
    const s = await start();
    const response = await fetch(`${s.url}/token`, {
      method: "POST",
      headers: { "x-key": "k", "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(await response.json()).toMatchObject({ op: "token", body: { grant_type: "client_credentials" } });
    expect(s.requests.at(-1)).toMatchObject({ applied: true });
  });

  it("turns a behaviour that throws into a loud 500", async () => {
    server = await createSimulatorServer({
      spec,
      behaviour: {
        ...behaviour,
        handle: () => {
          throw new Error("boom");
        },
      },
    });
    const response = await post(server, "/echo", { name: "a" });
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("simulator error: boom");
  });

  it("close() is idempotent and frees the port", async () => {
    const s = await start();
    await s.close();
    await s.close();
    await expect(fetch(`${s.url}/echo`)).rejects.toThrow();
  });
});
