import { untilAborted, type Deadline } from "./abort.ts";

/** One HTTP request as the transport builds it: the exact bytes that are signed and sent. */
export interface WireRequest {
  method: string;
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
}

/** A complete response: the body is read once, whole, under the attempt's signal. */
export interface WireResponse {
  status: number;
  contentType: string | null;
  text: string;
}

/**
 * Sends one request and reads the whole answer, or rejects (with the deadline's reason once it
 * passes). A sender throws `NotSent` for a failure before the request was handed to the network,
 * so the transport can say `not_sent` instead of "may have been applied".
 */
export type Sender = (request: WireRequest, deadline: Deadline) => Promise<WireResponse>;

/** A WHATWG fetch as the clients accept it: tests inject one to see every byte. */
export type FetchLike = (request: Request) => Promise<Response>;

/** A failure before the request reached `fetch` or the socket (an invalid header value, a URL). */
export class NotSent extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "NotSent";
  }
}

/** The sender over a WHATWG fetch: the injected one, or the global fetch of the runtime. */
export function fetchSender(fetch?: FetchLike): Sender {
  return (request, deadline) => {
    let built: Request;
    try {
      // The signal lets a real fetch drop the socket at the deadline, not just stop waiting for it.
      built = new Request(request.url, { method: request.method, headers: request.headers, body: request.body ?? null, signal: deadline.signal });
    } catch (e) {
      return Promise.reject(new NotSent(e));
    }
    // Looked up per call so a runtime (or a test) that installs fetch late is still seen.
    const call = fetch ?? globalThis.fetch;
    return untilAborted(
      call(built).then(async (response) => ({ status: response.status, contentType: response.headers.get("content-type"), text: await response.text() })),
      deadline,
    );
  };
}
