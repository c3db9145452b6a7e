/**
 * The HTTP side every simulator shares: a real node:http server on 127.0.0.1 that routes by the
 * spec's paths, verifies auth and validates requests through the provider's behaviour, applies
 * injected faults, and logs whether each request was applied. Providers supply only behaviour.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createFaultQueue, type Fault, type FaultInjector, type FaultKind } from "./faults.ts";
import type { JsonValue, LoadedSpec, SpecOperation } from "./spec.ts";
import { createSpecValidator, type ValidationIssue } from "./validate.ts";

/** A request as the provider's behaviour sees it. */
export interface SimRequest {
  /** Upper-case HTTP method as received. */
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The exact bytes received: signatures are computed over these, never over a re-serialization. */
  rawBody: Buffer;
}

/** A request routed to a spec operation, with its body parsed (undefined when absent or unparsable). */
export interface RoutedRequest extends SimRequest {
  operation: SpecOperation;
  pathParams: Record<string, string>;
  body: JsonValue | undefined;
}

/** A response a behaviour builds; the server serializes `body` as JSON. */
export interface SimReply {
  /** Default 200. */
  status?: number;
  body: JsonValue;
  headers?: Record<string, string>;
}

/** A handler's response plus whether the provider acted on the request (a ledger write, a successful read). */
export interface HandledReply extends SimReply {
  applied: boolean;
}

/** What one provider contributes to the shared server. */
export interface ProviderBehaviour {
  /** The answer for a path or method the spec does not have. */
  notFound(req: SimRequest): SimReply;
  /** Checks credentials; returns the provider's auth error, or undefined when the request may proceed. */
  authenticate(req: RoutedRequest): SimReply | undefined;
  /** The provider's answer to a body that is not valid JSON or breaks the spec's schema. */
  invalidRequest(req: RoutedRequest, issue: ValidationIssue): SimReply;
  /** Runs the operation (dispatch on `req.operation.operationId`). */
  handle(req: RoutedRequest): HandledReply | Promise<HandledReply>;
}

/** One line of the request log. */
export interface RequestRecord {
  method: string;
  path: string;
  /** The spec operation the path matched; absent for a 404. */
  operationId?: string;
  /** Whether the provider acted on the request (for a write: whether the ledger changed). */
  applied: boolean;
  /** The injected fault that hit this request. */
  fault?: FaultKind;
  /** The HTTP status sent; absent when the socket was destroyed before a status line. */
  status?: number;
}

export interface SimulatorServerOptions {
  spec: LoadedSpec;
  behaviour: ProviderBehaviour;
  /** Default 0: any free port. */
  port?: number;
  /** Default "127.0.0.1": simulators are for local tests and never listen on other interfaces. */
  host?: string;
}

export interface SimulatorServer {
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:41234". */
  url: string;
  port: number;
  faults: FaultInjector;
  /** The log of every request received, oldest first (a live, read-only view). */
  requests: readonly RequestRecord[];
  /** Stops listening, destroys open sockets and cancels pending fault timers. Never hangs. */
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

/**
 * Starts a simulator server for `spec` with the provider's `behaviour`. Order per request:
 * fault (reset-before / http-error / latency) -> route (404) -> auth -> body parse and schema ->
 * handler -> fault on the response (reset-after, malformed-json, truncated-json, slow-body).
 */
export async function createSimulatorServer(options: SimulatorServerOptions): Promise<SimulatorServer> {
  const { spec, behaviour } = options;
  const validator = createSpecValidator(spec);
  const routes = spec.operations.map((op) => ({ op, match: compileTemplate(op.path) }));
  const faults = createFaultQueue();
  const requests: RequestRecord[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  let closed = false;

  /** Waits `ms`; resolves early (with false) when the server closes, so close() never waits on it. */
  const sleep = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve(!closed);
        }, ms),
        wake: () => resolve(false),
      };
      timers.add(entry);
    });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator");
    const rawBody = await readBody(req);
    const request: SimRequest = {
      method: (req.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flattenHeaders(req),
      rawBody,
    };
    const route = findRoute(request);
    const record: RequestRecord = { method: request.method, path: request.path, applied: false };
    if (route) record.operationId = route.op.operationId;
    requests.push(record);

    const fault = faults.take(request.path, route?.op.path);
    if (fault) record.fault = fault.kind;
    if (fault?.kind === "reset-before") return void req.socket.destroy();
    if (fault?.kind === "http-error") return sendHtmlError(res, fault.status, record);
    if (fault?.kind === "latency" && !(await sleep(fault.ms))) return;

    let reply: SimReply;
    if (!route) {
      reply = behaviour.notFound(request);
    } else {
      const { body, parseError } = parseBody(rawBody, route.op.requestContentType);
      const routed: RoutedRequest = { ...request, operation: route.op, pathParams: route.params, body };
      reply = behaviour.authenticate(routed) ?? invalid(routed, parseError) ?? (await handle(routed, record));
    }
    if (closed) return;
    await send(res, reply, fault, record);
  }

  function invalid(routed: RoutedRequest, parseError: string | undefined): SimReply | undefined {
    if (parseError) return behaviour.invalidRequest(routed, { field: "body", keyword: "json", reason: parseError });
    const issue = validator.request(routed.operation, {
      body: routed.body,
      query: routed.query,
      headers: routed.headers,
      pathParams: routed.pathParams,
    });
    return issue ? behaviour.invalidRequest(routed, issue) : undefined;
  }

  async function handle(routed: RoutedRequest, record: RequestRecord): Promise<SimReply> {
    const handled = await behaviour.handle(routed);
    record.applied = handled.applied;
    return handled;
  }

  function findRoute(request: SimRequest) {
    for (const { op, match } of routes) {
      if (op.method.toUpperCase() !== request.method) continue;
      const params = match(request.path);
      if (params) return { op, params };
    }
    return undefined;
  }

  async function send(res: ServerResponse, reply: SimReply, fault: Fault | undefined, record: RequestRecord) {
    const bytes = Buffer.from(JSON.stringify(reply.body), "utf8");
    const status = reply.status ?? 200;
    const headers = { "content-type": "application/json; charset=utf-8", ...reply.headers };
    const half = Math.max(1, Math.floor(bytes.length / 2));
    switch (fault?.kind) {
      case "reset-after":
        // The provider acted but the answer is lost: the client cannot know whether to retry.
        res.socket?.destroy();
        return;
      case "malformed-json": {
        // A proper prefix of a JSON object is never valid JSON; the length is honest so only parsing fails.
        record.status = 200;
        const cut = bytes.subarray(0, half);
        res.writeHead(200, { ...headers, "content-length": cut.length }).end(cut);
        return;
      }
      case "truncated-json": {
        record.status = status;
        res.writeHead(status, { ...headers, "content-length": bytes.length });
        res.write(bytes.subarray(0, half), () => res.socket?.end());
        return;
      }
      case "slow-body": {
        record.status = status;
        res.writeHead(status, { ...headers, "content-length": bytes.length });
        res.write(bytes.subarray(0, half));
        if (!(await sleep(fault.ms))) return;
        if (!res.destroyed) res.end(bytes.subarray(half));
        return;
      }
      default:
        record.status = status;
        res.writeHead(status, { ...headers, "content-length": bytes.length }).end(bytes);
    }
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      // A simulator bug must show up as a loud 500, not a hung client.
      if (res.headersSent || res.destroyed) return void res.destroy();
      const message = error instanceof Error ? error.message : String(error);
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(`simulator error: ${message}`);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    // A client aborting (timeouts, reset tests) is expected here, not an error to crash on.
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    faults,
    requests,
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.wake();
      }
      timers.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return done;
    },
  };
}

function sendHtmlError(res: ServerResponse, status: 500 | 502 | 503, record: RequestRecord): void {
  // What a load balancer in front of the provider sends: HTML, not the provider's JSON envelope.
  const title = { 500: "500 Internal Server Error", 502: "502 Bad Gateway", 503: "503 Service Unavailable" }[status];
  const html = `<html><body><h1>${title}</h1></body></html>`;
  record.status = status;
  res.writeHead(status, { "content-type": "text/html", "content-length": Buffer.byteLength(html) }).end(html);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) return void req.destroy(new Error("request body over 1 MiB"));
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function parseBody(raw: Buffer, contentType: string | undefined): { body: JsonValue | undefined; parseError?: string } {
  if (raw.length === 0) return { body: undefined };
  const text = raw.toString("utf8");
  if (contentType === "application/x-www-form-urlencoded") {
    return { body: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    return { body: JSON.parse(text) as JsonValue };
  } catch (error) {
    return { body: undefined, parseError: error instanceof Error ? error.message : "invalid JSON" };
  }
}

/** "/users/{id}" -> a matcher returning { id } for "/users/42", or undefined. */
function compileTemplate(template: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("");
  const regex = new RegExp(`^${source}/?$`);
  return (path) => {
    const m = regex.exec(path);
    if (!m) return undefined;
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? "")]));
  };
}
