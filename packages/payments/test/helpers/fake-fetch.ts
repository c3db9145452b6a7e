/**
 * A scripted provider behind an injected fetch: routes "METHOD /path" to a reply (or a function
 * of the request), and records every request so tests can assert on the exact bytes sent.
 * No global stubs: each test builds its own.
 */

export interface Call {
  method: string;
  path: string;
  headers: Headers;
  text: string;
  /** The body parsed as JSON or form; undefined when empty. */
  body: unknown;
}

export type Reply =
  | { status?: number; json?: unknown; text?: string; headers?: Record<string, string> }
  /** The connection dies after the request was sent: the outcome is unknown. */
  | "reset";

export type Route = Reply | ((call: Call, n: number) => Reply | Promise<Reply>);

export interface FakeProvider {
  fetch: (request: Request) => Promise<Response>;
  calls: Call[];
  /** Requests to `path` (any method) so far. */
  count(path: string): number;
  /** Adds or replaces a route. */
  on(route: string, reply: Route): void;
}

export function fakeProvider(routes: Record<string, Route> = {}): FakeProvider {
  const table = new Map<string, Route>(Object.entries(routes));
  const calls: Call[] = [];
  const seen = new Map<string, number>();
  return {
    calls,
    count: (path) => calls.filter((c) => c.path === path).length,
    on: (route, reply) => void table.set(route, reply),
    async fetch(request) {
      const url = new URL(request.url);
      const text = await request.text();
      const call: Call = { method: request.method, path: url.pathname, headers: request.headers, text, body: parse(text) };
      calls.push(call);
      const key = `${request.method} ${url.pathname}`;
      const route = table.get(key);
      if (route === undefined) return json(404, { error: `no route for ${key}` });
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const reply = typeof route === "function" ? await route(call, n) : route;
      if (reply === "reset")
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
      if (reply.text !== undefined) return new Response(reply.text, { status: reply.status ?? 200, headers: reply.headers ?? {} });
      return json(reply.status ?? 200, reply.json ?? {}, reply.headers);
    },
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

function parse(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export async function rejection(fn: () => Promise<unknown>): Promise<import("@odeme/core").OdemeError> {
  try {
    await fn();
  } catch (error) {
    return error as import("@odeme/core").OdemeError;
  }
  throw new Error("expected a rejection");
}
