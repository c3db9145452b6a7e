import { describe, expect, it } from "vitest";
import { startDeadline } from "../../src/transport/abort.ts";
import { fetchSender, NotSent } from "../../src/transport/send.ts";

const live = () => startDeadline(10_000);

describe("fetchSender", () => {
  it("hands the injected fetch one Request with the exact bytes and reads the body once", async () => {
    const seen: { method: string; url: string; headers: Record<string, string>; body: string }[] = [];
    const send = fetchSender(async (req) => {
      seen.push({
        method: req.method,
        url: req.url,
        headers: Object.fromEntries([...(req.headers as unknown as Iterable<[string, string]>)]),
        body: await req.text(),
      });
      return new Response('{"ok":true}', { status: 201, headers: { "content-type": "application/json" } });
    });
    const res = await send(
      { method: "POST", url: "http://127.0.0.1:1/x", headers: { "content-type": "application/json", "x-a": "1" }, body: '{"ü":1}' },
      live(),
    );
    expect(res).toEqual({ status: 201, contentType: "application/json", text: '{"ok":true}' });
    expect(seen).toEqual([
      { method: "POST", url: "http://127.0.0.1:1/x", headers: { "content-type": "application/json", "x-a": "1" }, body: '{"ü":1}' },
    ]);
  });

  it("a request that cannot be built (a header with a line break) is NotSent: fetch was never called", async () => {
    let called = 0;
    const send = fetchSender(async () => (called++, new Response("")));
    const e = await send({ method: "GET", url: "http://127.0.0.1:1/", headers: { "x-a": "a\nb" } }, live()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotSent);
    expect(called).toBe(0);
  });

  it("the signal cuts a fetch that ignores it", async () => {
    const c = new AbortController();
    const send = fetchSender(() => new Promise(() => {}));
    const p = send({ method: "GET", url: "http://127.0.0.1:1/", headers: {} }, startDeadline(10_000, c.signal));
    c.abort(new Error("deadline"));
    await expect(p).rejects.toThrow("deadline");
  });
});

describe("fetchSender without an injected fetch (the runtime's own)", () => {
  it("refuses a header fetch would refuse, before calling fetch: NotSent", async () => {
    const send = fetchSender();
    const bad: Record<string, string>[] = [{ "x-a": "a\r\nb" }, { "bad name": "v" }];
    for (const headers of bad) {
      const e = await send({ method: "GET", url: "http://127.0.0.1:1/", headers }, live()).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(NotSent);
    }
    expect(await send({ method: "GET", url: "not a url", headers: {} }, live()).catch((x: unknown) => x)).toBeInstanceOf(NotSent);
  });

  it("calls the global fetch over real HTTP and reads the answer", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c));
      req.on("end", () =>
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ method: req.method, body, rnd: req.headers["x-r"] })),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as { port: number }).port;
      const res = await fetchSender()(
        { method: "POST", url: `http://127.0.0.1:${port}/`, headers: { "x-r": "1", "content-type": "application/json" }, body: '{"a":1}' },
        live(),
      );
      expect(JSON.parse(res.text)).toEqual({ method: "POST", body: '{"a":1}', rnd: "1" });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
