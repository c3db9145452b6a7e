/**
 * The entry bench/client/runtimes.ts bundles (esbuild, platform "neutral": what a Deno, Bun,
 * workerd or browser user's bundler resolves) and runs in each runtime, the simulator's address
 * and ids injected as BENCH_RT_INPUT. It times the clients of runtimes-shape.ts on three iyzico
 * calls and prints one JSON line (RuntimeBenchOutput). No Node built-ins: only what every runtime
 * has (fetch, WebCrypto, btoa, `process.cpuUsage`, which Node, Bun and Deno all provide).
 */
import { createTransport, hmacSha256Hex, iyzwsV2Auth } from "@odeme/core";
import {
  createIyzicoClient,
  iyzicoOperations,
  iyzicoProvider,
  type RefundV2Response,
  type RetrievePaymentResponse,
  type TestResponse,
} from "@odeme/iyzico";
import { measureBlock, median } from "../stats.ts";
import {
  RUNTIME_CLIENTS,
  RUNTIME_OPS,
  type RuntimeBenchInput,
  type RuntimeBenchOutput,
  type RuntimeClient,
  type RuntimeOp,
  type RuntimeRow,
} from "./runtimes-shape.ts";

declare const BENCH_RT_INPUT: RuntimeBenchInput;
const input = BENCH_RT_INPUT;
const WIDTH = 50;
const started = performance.now();

// The floor, signed as odeme's neutral default signs (WebCrypto HMAC-SHA256, the key imported once
// per client) and with the headers odeme sends, in its order: the IYZWSv2 header as
// bench/client/bare-sign.ts builds it, without node:crypto or Buffer.
const encoder = new TextEncoder();
const key = await crypto.subtle.importKey("raw", encoder.encode(input.secretKey), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);

async function signedHeaders(path: string, body: string, json: boolean): Promise<Record<string, string>> {
  const rnd = `${Date.now()}${Math.random().toString(8).slice(2, 12)}`;
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(rnd + path + body)));
  let hex = "";
  for (let i = 0; i < mac.length; i++) hex += (mac[i] as number).toString(16).padStart(2, "0");
  const auth = `IYZWSv2 ${btoa(`apiKey:${input.apiKey}&randomKey:${rnd}&signature:${hex}`)}`;
  return json
    ? { accept: "application/json", "content-type": "application/json", authorization: auth, "x-iyzi-rnd": rnd }
    : { accept: "application/json", authorization: auth, "x-iyzi-rnd": rnd };
}

async function bareFetch(method: "GET" | "POST", path: string, body: object | undefined, timed: boolean): Promise<unknown> {
  const text = body === undefined ? "" : JSON.stringify(body);
  const init: RequestInit = { method, headers: await signedHeaders(path, text, body !== undefined) };
  if (body !== undefined) init.body = text;
  const abort = timed ? new AbortController() : undefined;
  const timer = abort ? setTimeout(() => abort.abort(), 30_000) : undefined;
  if (abort) init.signal = abort.signal;
  try {
    const json = (await (await fetch(input.url + path, init)).json()) as { status?: string };
    if (json.status !== "success") throw new Error(`fetch ${path}: ${JSON.stringify(json)}`);
    return json;
  } finally {
    clearTimeout(timer);
  }
}

const odeme = createIyzicoClient({ apiKey: input.apiKey, secretKey: input.secretKey, baseUrl: input.url });
const unchecked = createIyzicoClient({
  apiKey: input.apiKey,
  secretKey: input.secretKey,
  baseUrl: input.url,
  verifyResponseSignatures: false,
});

// The generated methods are one-line calls of the transport: the same calls on a transport that
// signs and checks with a synchronous HMAC (the credentials are the auth scheme's options, which
// the transport's option type does not name).
const transportOptions = { apiKey: input.apiKey, secretKey: input.secretKey, baseUrl: input.url };
const syncHmac = createTransport(iyzicoProvider, transportOptions, iyzwsV2Auth, {
  hmacSha256: (secret) => async (message) => hmacSha256Hex(secret, message),
});
const odemeSyncHmac = {
  retrievePayment: (body: { paymentId: string }) => syncHmac.call<RetrievePaymentResponse>(iyzicoOperations.retrievePayment, { body }),
  refundV2: (body: { paymentId: string; price: string; conversationId: string }) =>
    syncHmac.call<RefundV2Response>(iyzicoOperations.refundV2, { body }),
  test: () => syncHmac.call<TestResponse>(iyzicoOperations.test, {}),
};

let seq = 0;
function call(client: RuntimeClient, op: RuntimeOp): Promise<unknown> {
  const i = seq++;
  const refundId = input.refund[RUNTIME_CLIENTS.indexOf(client)] as string;
  if (client === "fetch" || client === "fetch + timeout signal") {
    const timed = client !== "fetch";
    return op === "retrieve"
      ? bareFetch("POST", "/payment/detail", { paymentId: input.retrieve }, timed)
      : op === "refund v2"
        ? bareFetch("POST", "/v2/payment/refund", { paymentId: refundId, price: "1.0", conversationId: `f-${i}` }, timed)
        : bareFetch("GET", "/payment/test", undefined, timed);
  }
  const c = client === "@odeme/iyzico" ? odeme : client === "@odeme/iyzico (sync HMAC)" ? odemeSyncHmac : unchecked;
  return op === "retrieve"
    ? c.retrievePayment({ paymentId: input.retrieve })
    : op === "refund v2"
      ? c.refundV2({ paymentId: refundId, price: "1.0", conversationId: `o-${i}` })
      : c.test();
}

/** `calls` calls, `width` at a time (bench/stats.ts measureBlock). */
const block = (client: RuntimeClient, op: RuntimeOp, calls: number, width: number) => measureBlock(calls, width, () => call(client, op));

// Warm-up: the JIT, the key imports, the connection pools at both widths.
for (const op of RUNTIME_OPS) {
  for (const client of RUNTIME_CLIENTS) {
    await block(client, op, 50, 1);
    await block(client, op, 2 * WIDTH, WIDTH);
  }
}

type Samples = { cpu1: number[]; cpu50: number[]; tp1: number[]; tp50: number[] };
const samples = new Map<string, Samples>();
const at = (op: RuntimeOp, client: RuntimeClient) => `${op}\u0000${client}`;
for (const op of RUNTIME_OPS) for (const client of RUNTIME_CLIENTS) samples.set(at(op, client), { cpu1: [], cpu50: [], tp1: [], tp50: [] });

// Rounds outermost, so a run cut short by the cap has as many rounds of every operation; within a
// round each client runs its blocks in turn, a different one first each round.
let rounds = 0;
let capped = false;
while (rounds < input.rounds) {
  for (const op of RUNTIME_OPS) {
    for (let k = 0; k < RUNTIME_CLIENTS.length; k++) {
      const client = RUNTIME_CLIENTS[(rounds + k) % RUNTIME_CLIENTS.length] as RuntimeClient;
      const s = samples.get(at(op, client))!;
      const one = await block(client, op, input.sequential, 1);
      const wide = await block(client, op, input.block, WIDTH);
      s.cpu1.push(one.cpuUs);
      s.tp1.push(one.perSecond);
      s.cpu50.push(wide.cpuUs);
      s.tp50.push(wide.perSecond);
    }
  }
  rounds++;
  if (performance.now() - started > input.maxMs) {
    capped = rounds < input.rounds;
    break;
  }
}

const rows: RuntimeRow[] = [];
for (const op of RUNTIME_OPS) {
  for (const client of RUNTIME_CLIENTS) {
    const s = samples.get(at(op, client))!;
    rows.push({
      op,
      client,
      cpuUsPerCall1: median(s.cpu1),
      cpuUsPerCall50: median(s.cpu50),
      perSecond1: median(s.tp1),
      perSecond50: median(s.tp50),
    });
  }
}

const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } };
const runtime = g.Bun ? `Bun ${g.Bun.version}` : g.Deno ? `Deno ${g.Deno.version.deno}` : `Node ${process.version}`;
const output: RuntimeBenchOutput = { runtime, rounds, capped, ms: Math.round(performance.now() - started), rows };
console.log(JSON.stringify(output));
