import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDeadline } from "../../src/transport/abort.ts";
import { NotSent } from "../../src/transport/send.ts";
import { createNodeSender } from "../../src/transport/send-node.ts";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let handler: Handler = (_req, _body, res) => res.end("{}");
const sockets = new Set<unknown>();
const server = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (c: string) => (body += c));
  req.on("end", () => handler(req, body, res));
});
server.on("connection", (s) => sockets.add(s));
let base = "";

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

// A deadline far away: these tests end by the server, not by time.
const signal = () => startDeadline(10_000);

describe("nodeSender (node:http, keep-alive)", () => {
  it("sends the exact bytes with their length and reads the whole answer", async () => {
    const seen: { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string }[] = [];
    handler = (req, body, res) => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":"ş"}');
    };
    const send = createNodeSender();
    const res = await send(
      { method: "POST", url: `${base}/a?b=1`, headers: { "content-type": "application/json" }, body: '{"ş":1}' },
      signal(),
    );
    expect(res).toEqual({ status: 200, contentType: "application/json", text: '{"ok":"ş"}' });
    expect(seen[0]).toMatchObject({ method: "POST", url: "/a?b=1", body: '{"ş":1}' });
    expect(seen[0]?.headers["content-length"]).toBe("8");
  });

  it("passes on the Retry-After header, when there is one", async () => {
    handler = (_req, _body, res) => res.writeHead(429, { "retry-after": "3", "content-type": "text/plain" }).end("slow down");
    const res = await createNodeSender()({ method: "GET", url: `${base}/r`, headers: {} }, signal());
    expect(res).toEqual({ status: 429, contentType: "text/plain", text: "slow down", retryAfter: "3" });
  });

  it("reuses one connection for sequential calls", async () => {
    handler = (_req, _body, res) => res.end("{}");
    const before = sockets.size;
    const send = createNodeSender();
    for (let i = 0; i < 5; i++) await send({ method: "GET", url: `${base}/`, headers: {} }, signal());
    expect(sockets.size - before).toBe(1);
  });

  it("a body cut short is an error with a socket code, never a short success", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"status":');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    await expect(createNodeSender()({ method: "GET", url: `${base}/`, headers: {} }, signal())).rejects.toBeInstanceOf(Error);
  });

  it("a reset before any answer rejects with ECONNRESET", async () => {
    handler = (req) => req.socket.destroy();
    const e = (await createNodeSender()({ method: "POST", url: `${base}/`, headers: {}, body: "{}" }, signal()).catch(
      (x: unknown) => x,
    )) as { code?: string };
    expect(e.code).toBe("ECONNRESET");
  });

  it("a refused connection rejects with ECONNREFUSED", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const e = (await createNodeSender()({ method: "GET", url: `http://127.0.0.1:${port}/`, headers: {} }, signal()).catch(
      (x: unknown) => x,
    )) as { code?: string };
    expect(e.code).toBe("ECONNREFUSED");
  });

  it("the signal aborts a slow body with its own reason", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { "content-length": "10" });
      res.write("{");
    };
    const c = new AbortController();
    const p = createNodeSender()({ method: "GET", url: `${base}/`, headers: {} }, startDeadline(10_000, c.signal));
    setTimeout(() => c.abort(new DOMException("timed out", "TimeoutError")), 30);
    await expect(p).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("an invalid header value is NotSent: nothing reached the socket", async () => {
    let hits = 0;
    handler = (_req, _body, res) => (hits++, res.end("{}"));
    const e = await createNodeSender()({ method: "GET", url: `${base}/`, headers: { "x-a": "a\nb" } }, signal()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotSent);
    expect(hits).toBe(0);
  });
});
