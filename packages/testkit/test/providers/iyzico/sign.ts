/**
 * A tiny IYZWSv2 signer for the tests, deliberately separate from the simulator's verifier and from
 * @odeme/core, and checked against iyzipay-node's own test vector in auth.test.ts.
 */
import { createHmac } from "node:crypto";
import type { IyzicoSimulator } from "../../../src/index.ts";

export function iyzwsV2Header(apiKey: string, secretKey: string, randomKey: string, uriPath: string, body: string): string {
  const signature = createHmac("sha256", secretKey)
    .update(randomKey + uriPath + body)
    .digest("hex");
  const auth = `apiKey:${apiKey}&randomKey:${randomKey}&signature:${signature}`;
  return `IYZWSv2 ${Buffer.from(auth).toString("base64")}`;
}

export interface CallOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  apiKey?: string;
  secretKey?: string;
  /** Changes the body after it was signed. */
  tamper?: (signedBody: string) => string;
  signal?: AbortSignal;
}

let counter = 0;

/**
 * Sends a signed iyzico request with global fetch; returns the HTTP status and parsed JSON. A GET
 * carries its parameters in `path`'s query string and no body.
 */
export async function call(sim: IyzicoSimulator, path: string, body?: object, options: CallOptions = {}) {
  const response = await send(sim, path, body, options);
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Sends a signed iyzico request and returns the raw Response. */
export function send(sim: IyzicoSimulator, path: string, body?: object, options: CallOptions = {}): Promise<Response> {
  const text = body === undefined ? "" : JSON.stringify(body);
  const rnd = `${Date.now()}${++counter}`;
  const headers: Record<string, string> = {
    authorization: iyzwsV2Header(
      options.apiKey ?? sim.credentials.apiKey,
      options.secretKey ?? sim.credentials.secretKey,
      rnd,
      // iyzico signs the path only, never the query string (iyzipay-java ReportingPaymentDetail).
      path.split("?")[0] ?? path,
      text,
    ),
    "x-iyzi-rnd": rnd,
  };
  if (body !== undefined) headers["content-type"] = "application/json";
  const sent = options.tamper ? options.tamper(text) : text;
  return fetch(`${sim.url}${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    ...(body !== undefined ? { body: sent } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
