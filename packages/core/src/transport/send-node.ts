import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Deadline } from "./abort.ts";
import { NotSent, type Sender } from "./send.ts";

/**
 * The sender on Node's own HTTP client, with keep-alive: for a small call it costs about a third
 * of Node 20's global fetch (undici through the WHATWG Request/Response layers), see bench/client.
 * Selected by the `node` export condition; the transport never reaches it when a `fetch` is injected.
 */
export function nodeSender(): Sender {
  // One keep-alive pool per process, as Node's own global agent: clients to one host share sockets.
  return (shared ??= createNodeSender());
}

let shared: Sender | undefined;

export function createNodeSender(): Sender {
  // An idle socket is dropped after 4 s, before the common 5 s server keep-alive timeout (Node's
  // own http server default) closes it under a request we would be sending: such a race looks
  // like a reset after sending, and a write would be reported as "maybe applied".
  const options = { keepAlive: true, scheduling: "lifo", timeout: 4_000 } as const;
  const agents = { http: new HttpAgent(options), https: new HttpsAgent(options) };
  return (wire, deadline: Deadline) =>
    new Promise((resolve, reject) => {
      if (deadline.aborted) return reject(deadline.reason);
      let url: URL;
      let req: ReturnType<typeof httpRequest>;
      const headers: Record<string, string> = { ...wire.headers };
      if (wire.body !== undefined) headers["content-length"] = String(Buffer.byteLength(wire.body));
      try {
        url = new URL(wire.url);
        const https = url.protocol === "https:";
        if (!https && url.protocol !== "http:") throw new TypeError(`unsupported protocol ${url.protocol}`);
        // Header names and values are validated here, synchronously: nothing is on the wire yet.
        req = (https ? httpsRequest : httpRequest)(url, { method: wire.method, headers, agent: https ? agents.https : agents.http });
      } catch (e) {
        return reject(new NotSent(e));
      }
      const done = deadline.onAbort(() =>
        req.destroy(deadline.reason instanceof Error ? deadline.reason : new Error(String(deadline.reason))),
      );
      req.on("error", (e) => {
        done();
        reject(deadline.aborted ? deadline.reason : e);
      });
      req.on("response", (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => {
          done();
          reject(deadline.aborted ? deadline.reason : e);
        });
        res.on("end", () => {
          done();
          const ct = res.headers["content-type"];
          const retryAfter = res.headers["retry-after"];
          resolve({
            status: res.statusCode ?? 0,
            contentType: ct === undefined ? null : ct,
            text: Buffer.concat(chunks).toString("utf8"),
            ...(typeof retryAfter === "string" ? { retryAfter } : {}),
          });
        });
        // A body cut short (the socket closed before Content-Length bytes): undici says "terminated".
        res.on("aborted", () => {
          done();
          reject(
            deadline.aborted ? deadline.reason : Object.assign(new Error("the response body was cut short"), { code: "UND_ERR_SOCKET" }),
          );
        });
      });
      req.end(wire.body);
    });
}
