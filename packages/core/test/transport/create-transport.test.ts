import { describe, expect, it } from "vitest";
import type { ProviderDefinition } from "../../src/definition.ts";
import { OdemeError } from "../../src/errors.ts";
import { createTransport, type LogEvent } from "../../src/transport/create-transport.ts";
import type { Sender } from "../../src/transport/send.ts";
import { headersAuth } from "../../src/auth/headers.ts";
import { oauth2ClientCredentialsAuth } from "../../src/auth/oauth2-client-credentials.ts";
import { PROVIDER, READ, WRITE } from "./fixtures.ts";

const OK = () => new Response('{"status":"ok"}', { headers: { "content-type": "application/json" } });
const PAN = "5528790000000008";
// The fixture's headers scheme reads its credential from the client options, as generated clients pass them.
const KEY = { apiKey: "k" } as Record<string, unknown>;

function counting(answer: (n: number, req: Request) => Response | Promise<Response>) {
  const sent: Request[] = [];
  return { sent, fetch: async (req: Request) => (sent.push(req), answer(sent.length, req)) };
}

async function rejection(p: Promise<unknown>): Promise<OdemeError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(OdemeError);
  return e as OdemeError;
}

describe("createTransport", () => {
  it.each([Number.NaN, 0, -5, Number.POSITIVE_INFINITY, 3_000_000_000])(
    "refuses a timeoutMs of %s, for the client at creation and for one call before sending",
    async (timeoutMs) => {
      const f = counting(() => OK());
      expect(() => createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1", fetch: f.fetch, timeoutMs }, headersAuth)).toThrow(
        expect.objectContaining({ code: "invalid_request", outcome: "not_sent", field: "timeoutMs" }),
      );
      const t = createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1", fetch: f.fetch }, headersAuth);
      const e = await rejection(t.call(WRITE, { body: { price: "1" } }, { timeoutMs }));
      expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "options.timeoutMs" });
      expect(f.sent).toHaveLength(0);
    },
  );

  it("an abort while waiting to retry a read ends the call then, as aborted, with no further attempt", async () => {
    const f = counting(() => new Response("busy", { status: 503 }));
    const t = createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1", fetch: f.fetch, maxRetries: 50 }, headersAuth);
    const caller = new AbortController();
    const call = rejection(t.call(READ, { body: {} }, { signal: caller.signal }));
    // Abort once the first attempt has failed and the call waits (≥ 75 ms) before the second.
    while (f.sent.length === 0) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setTimeout(r, 30));
    caller.abort();
    const e = await call;
    expect(e).toMatchObject({ code: "aborted", outcome: "rejected" });
    expect(e.message).toContain("while waiting to retry, after 1 attempt (the last: provider_unavailable)");
    expect(f.sent).toHaveLength(1);
  });

  it("a 429 with a long Retry-After is not retried: rate_limited, with the wait the provider asked for", async () => {
    const f = counting(() => new Response("slow down", { status: 429, headers: { "retry-after": "30" } }));
    const t = createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1", fetch: f.fetch }, headersAuth);
    const e = await rejection(t.call(READ, { body: {} }));
    expect(e).toMatchObject({ code: "rate_limited", retryable: true, retryAfterMs: 30_000 });
    expect(f.sent).toHaveLength(1);
  });

  it("a 503 with a short Retry-After is retried after it", async () => {
    const f = counting((n) => (n === 1 ? new Response("busy", { status: 503, headers: { "retry-after": "0" } }) : OK()));
    const t = createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1", fetch: f.fetch }, headersAuth);
    await t.call(READ, { body: {} });
    expect(f.sent).toHaveLength(2);
  });

  it.each([-1, 1.5, Number.NaN])("refuses maxRetries %s at creation", (maxRetries) => {
    expect(() => createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1", maxRetries }, headersAuth)).toThrow(
      expect.objectContaining({ code: "invalid_request", field: "maxRetries" }),
    );
  });

  it("numbers every attempt: retries of a read log attempt 1, 2, 3", async () => {
    const events: LogEvent[] = [];
    const f = counting((n) => (n < 3 ? new Response("busy", { status: 503 }) : OK()));
    const t = createTransport(
      PROVIDER,
      { ...KEY, baseUrl: "http://127.0.0.1:1", fetch: f.fetch, logger: (e) => events.push(e) },
      headersAuth,
    );
    await t.call(READ, { body: {} });
    expect(events.filter((e) => e.type === "request").map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(events.filter((e) => e.type === "response").map((e) => e.attempt)).toEqual([1, 2, 3]);
  });

  it("a refresh after a 401 is attempt 2", async () => {
    const events: LogEvent[] = [];
    let tokens = 0;
    const oauth: ProviderDefinition = { ...PROVIDER, auth: { scheme: "oauth2-client-credentials", tokenHost: "api", tokenPath: "/token" } };
    const f = counting((n, req) => {
      if (req.url.endsWith("/token")) return new Response(JSON.stringify({ access_token: `t${++tokens}`, expires_in: 60 }));
      return n === 2 ? new Response("{}", { status: 401 }) : OK();
    });
    const t = createTransport(
      oauth,
      { clientId: "i", clientSecret: "s", baseUrl: "http://127.0.0.1:1", fetch: f.fetch, logger: (e: LogEvent) => events.push(e) } as never,
      oauth2ClientCredentialsAuth,
    );
    await t.call(WRITE, { body: { price: "1" } });
    expect(events.filter((e) => e.type === "request" && e.operation === "refund").map((e) => e.attempt)).toEqual([1, 2]);
    expect(f.sent.map((r) => new URL(r.url).pathname)).toEqual(["/token", "/refund", "/token", "/refund"]);
  });

  it("a body JSON cannot carry (a bigint) is not_sent and nothing reaches fetch (issue 10.4)", async () => {
    const f = counting(OK);
    const t = createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1", fetch: f.fetch }, headersAuth);
    const e = await rejection(t.call(WRITE, { body: { price: "1", description: 5n } }));
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "description" });
    expect(f.sent).toHaveLength(0);
  });

  it("a header the request cannot carry is not_sent; a failure after fetch was called stays outcome_unknown", async () => {
    const f = counting(() => Promise.reject(new TypeError("fetch failed", { cause: { code: "UND_ERR_SOCKET" } })));
    const t = createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1", fetch: f.fetch }, headersAuth);
    expect(await rejection(t.call(WRITE, { body: { price: "1" }, header: { "x-ref": "a\r\nb" } }))).toMatchObject({
      code: "invalid_request",
      outcome: "not_sent",
    });
    expect(f.sent).toHaveLength(0);
    expect(await rejection(t.call(WRITE, { body: { price: "1" } }))).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
    expect(f.sent).toHaveLength(1);
  });

  it("the log body of a non-JSON answer is masked before it is cut at 200 (issue 10.1)", async () => {
    const events: LogEvent[] = [];
    // 10 digits before the cut: cut first would show 5528790000, masked first shows the BIN only.
    const page = `${"p".repeat(190)}${PAN}`;
    const t = createTransport(
      PROVIDER,
      {
        ...KEY,
        baseUrl: "http://127.0.0.1:1",
        fetch: async () => new Response(page, { status: 500 }),
        logger: (e) => events.push(e),
        maxRetries: 0,
      },
      headersAuth,
    );
    await rejection(t.call(READ, { body: {} }));
    const logged = events.find((e) => e.type === "response")?.body as string;
    expect(logged).toBe(`${"p".repeat(190)}552879****`);
  });

  it("an injected fetch always wins over the runtime's default sender; without one the default is used", async () => {
    let defaultUsed = 0;
    const sender: Sender = async () => (defaultUsed++, { status: 200, contentType: "application/json", text: '{"status":"ok"}' });
    const f = counting(OK);
    await createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1", fetch: f.fetch }, headersAuth, { sender: () => sender }).call(
      READ,
      { body: {} },
    );
    expect([f.sent.length, defaultUsed]).toEqual([1, 0]);
    await createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1" }, headersAuth, { sender: () => sender }).call(READ, {
      body: {},
    });
    expect(defaultUsed).toBe(1);
  });

  it("query parameters are written form style, undefined ones left out", async () => {
    const f = counting(OK);
    const t = createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1", fetch: f.fetch }, headersAuth);
    await t.call({ ...READ, method: "get", body: "none" }, { query: { a: "x y", b: undefined, c: 3 } });
    expect(f.sent[0]?.url).toBe("http://127.0.0.1:1/detail?a=x%20y&c=3");
  });

  it("an observer sees each signed request and each response once, as sent and read", async () => {
    const seen: string[] = [];
    const f = counting(OK);
    const t = createTransport(PROVIDER, { ...KEY, baseUrl: "http://127.0.0.1:1", fetch: f.fetch }, headersAuth, {
      observe: {
        request: (r) => seen.push(`${r.method} ${r.headers["x-key"]} ${r.body}`),
        response: (r) => seen.push(`${r.status} ${r.text}`),
      },
    });
    await t.call(READ, { body: { a: 1 } });
    expect(seen).toEqual(['POST k {"a":1}', '200 {"status":"ok"}']);
  });

  it("a token request takes the one send path; a client's scope overrides the spec's", async () => {
    const oauth: ProviderDefinition = {
      ...PROVIDER,
      auth: { scheme: "oauth2-client-credentials", tokenHost: "api", tokenPath: "/token", scope: "spec-scope" },
    };
    const forms: string[] = [];
    const f = counting(async (_n, req) => {
      if (req.url.endsWith("/token"))
        return (forms.push(await req.text()), new Response(JSON.stringify({ access_token: "t", expires_in: 60 })));
      return OK();
    });
    const t = createTransport(
      oauth,
      { clientId: "i", clientSecret: "s", scope: "business", baseUrl: "http://127.0.0.1:1", fetch: f.fetch } as never,
      oauth2ClientCredentialsAuth,
    );
    await t.call(READ, { body: {} });
    expect(new URLSearchParams(forms[0]).get("scope")).toBe("business");
    expect(f.sent[1]?.headers.get("authorization")).toBe("Bearer t");
  });
});
