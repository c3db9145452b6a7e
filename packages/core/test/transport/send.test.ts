import { describe, expect, it } from "vitest";
import { Deadline } from "../../src/transport/abort.ts";
import { fetchSender, NotSent } from "../../src/transport/send.ts";

const live = () => new Deadline(10_000);

describe("fetchSender", () => {
  it("hands the injected fetch one Request with the exact bytes and reads the body once", async () => {
    const seen: { method: string; url: string; headers: Record<string, string>; body: string }[] = [];
    const send = fetchSender(async (req) => {
      seen.push({ method: req.method, url: req.url, headers: Object.fromEntries([...(req.headers as unknown as Iterable<[string, string]>)]), body: await req.text() });
      return new Response('{"ok":true}', { status: 201, headers: { "content-type": "application/json" } });
    });
    const res = await send({ method: "POST", url: "http://127.0.0.1:1/x", headers: { "content-type": "application/json", "x-a": "1" }, body: '{"ü":1}' }, live());
    expect(res).toEqual({ status: 201, contentType: "application/json", text: '{"ok":true}' });
    expect(seen).toEqual([{ method: "POST", url: "http://127.0.0.1:1/x", headers: { "content-type": "application/json", "x-a": "1" }, body: '{"ü":1}' }]);
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
    const p = send({ method: "GET", url: "http://127.0.0.1:1/", headers: {} }, new Deadline(10_000, c.signal));
    c.abort(new Error("deadline"));
    await expect(p).rejects.toThrow("deadline");
  });
});
