import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as portable from "../src/index.ts";
import * as node from "../src/index.node.ts";
import { headersAuth } from "../src/auth/headers.ts";
import { PROVIDER, READ } from "./transport/fixtures.ts";

// The fixture's headers scheme reads its credential from the client options, as generated clients pass them.
const KEY = { apiKey: "k-123456" } as Record<string, unknown>;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the node entry", () => {
  it("exports the portable API, with its own createTransport", () => {
    for (const name of Object.keys(portable)) expect(Object.keys(node), name).toContain(name);
    expect(node.createTransport).not.toBe(portable.createTransport);
    expect(node.OdemeError).toBe(portable.OdemeError);
  });

  it("a client given no fetch sends through node:http, never the global fetch", async () => {
    const fetch = vi.fn(async () => {
      throw new Error("the global fetch must not be used");
    });
    vi.stubGlobal("fetch", fetch);
    const seen: IncomingMessage["headers"][] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume().on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok","answer":"ş"}'));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const transport = node.createTransport(PROVIDER, { ...KEY, baseUrl, maxRetries: 0 }, headersAuth);
      await expect(transport.call(READ, { body: {} })).resolves.toMatchObject({ status: "ok", answer: "ş" });
      expect(fetch).not.toHaveBeenCalled();
      expect(seen).toHaveLength(1);
      expect(seen[0]?.["x-key"]).toBe("k-123456");
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("an injected fetch still wins over node:http", async () => {
    const injected = vi.fn(async () => new Response('{"status":"ok"}', { headers: { "content-type": "application/json" } }));
    const transport = node.createTransport(
      PROVIDER,
      { ...KEY, baseUrl: "http://127.0.0.1:9", fetch: injected, maxRetries: 0 },
      headersAuth,
    );
    await expect(transport.call(READ, { body: {} })).resolves.toMatchObject({ status: "ok" });
    expect(injected).toHaveBeenCalledTimes(1);
  });
});
