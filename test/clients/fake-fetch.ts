/**
 * An injectable WHATWG fetch that records every request byte for byte and answers from a script.
 * No global stubs: each test passes `fake.fetch` as the client's `fetch` option.
 */
export interface SentRequest {
  method: string;
  url: string;
  /** Lower-cased header names, as a server sees them. */
  headers: Record<string, string>;
  /** The exact body text, or null when the request had no body. */
  body: string | null;
}

type Answer = Response | Promise<Response>;

export function fakeFetch(answer: (req: SentRequest, n: number, raw: Request) => Answer) {
  const sent: SentRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const req: SentRequest = {
      method: request.method,
      url: request.url,
      headers,
      body: request.body === null ? null : await request.text(),
    };
    sent.push(req);
    return answer(req, sent.length, request);
  };
  return { fetch, sent };
}

export function json(body: unknown, status = 200): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export function html(status: number, text = `<html><body><h1>${status}</h1></body></html>`): Response {
  return new Response(text, { status, headers: { "content-type": "text/html" } });
}

/** Like a real fetch that never gets an answer: it only settles when the request's signal aborts. */
export function hangUntilAborted(request: Request): Promise<Response> {
  return new Promise((_resolve, reject) => {
    if (request.signal.aborted) reject(request.signal.reason);
    request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
  });
}

/** What undici throws when the TCP connection is refused (nothing was sent). */
export function connectionRefused(): TypeError {
  return new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
}

/** What undici throws when the socket dies after the request went out. */
export function socketClosed(): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });
}

/** Runs `fn` and returns what it threw (failing the test if it resolved). */
export async function rejection<E = unknown>(fn: () => Promise<unknown>): Promise<E> {
  try {
    await fn();
  } catch (e) {
    return e as E;
  }
  throw new Error("expected the call to reject, but it resolved");
}
