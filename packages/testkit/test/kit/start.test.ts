import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createClock } from "../../src/clock.ts";
import { startProvider, type SimulatorBase } from "../../src/kit/start.ts";
import { loadSpecFile } from "../../src/spec.ts";

const spec = loadSpecFile(fileURLToPath(new URL("../fixtures/echo.yaml", import.meta.url)));
type EchoCredentials = { key: string };
const SANDBOX: EchoCredentials = { key: "sandbox-key" };

let sim: SimulatorBase<EchoCredentials> | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function start(credentials?: EchoCredentials) {
  const clock = createClock(new Date("2024-06-12T09:00:00Z"));
  return startProvider(
    "echo",
    { spec, ...(credentials ? { credentials } : {}) },
    {
      sandbox: SANDBOX,
      clock,
      behaviour: ({ credentials: accepted }) => ({
        notFound: () => ({ status: 404, body: { error: "not_found" } }),
        authenticate: (req) => (req.headers["x-key"] === accepted.key ? undefined : { status: 401, body: { error: "auth" } }),
        invalidRequest: (_req, issue) => ({ status: 400, body: { error: issue.field } }),
        handle: () => ({ applied: true, body: { ok: true } }),
      }),
    },
  );
}

describe("startProvider", () => {
  it("serves the spec on 127.0.0.1 with the sandbox credentials and logs the requests", async () => {
    sim = await start();
    expect(sim.provider).toBe("echo");
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.credentials).toEqual(SANDBOX);
    expect(sim.clock.now().toISOString()).toBe("2024-06-12T09:00:00.000Z");
    const ok = await fetch(`${sim.url}/echo`, {
      method: "POST",
      headers: { "x-key": "sandbox-key", "content-type": "application/json" },
      body: '{"name":"a"}',
    });
    expect(ok.status).toBe(200);
    const denied = await fetch(`${sim.url}/echo`, {
      method: "POST",
      headers: { "x-key": "other", "content-type": "application/json" },
      body: '{"name":"a"}',
    });
    expect(denied.status).toBe(401);
    expect(sim.requests.map((r) => [r.operationId, r.applied, r.status])).toEqual([
      ["echo", true, 200],
      ["echo", false, 401],
    ]);
  });

  it("accepts the given credentials instead, copied so later changes to the caller's object do not count", async () => {
    const given = { key: "mine" };
    sim = await start(given);
    given.key = "changed";
    expect(sim.credentials).toEqual({ key: "mine" });
    const res = await fetch(`${sim.url}/echo`, {
      method: "POST",
      headers: { "x-key": "mine", "content-type": "application/json" },
      body: '{"name":"a"}',
    });
    expect(res.status).toBe(200);
  });

  it("injects faults through the shared server and closes cleanly", async () => {
    sim = await start();
    sim.faults.inject({ kind: "http-error", status: 503 });
    const res = await fetch(`${sim.url}/echo`, { method: "POST", headers: { "x-key": "sandbox-key" }, body: "{}" });
    expect(res.status).toBe(503);
    await sim.close();
    await expect(fetch(`${sim.url}/echo`, { method: "POST" })).rejects.toThrow();
    sim = undefined;
  });
});
