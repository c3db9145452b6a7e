/**
 * One iyzico call four ways against the iyzico simulator on 127.0.0.1 (in its own process, so the
 * CPU measured here is the client's alone), in one interleaved run:
 * - fetch: a hand-written global fetch of the same bytes, signed with node:crypto (the floor);
 * - openapi-fetch: the same through openapi-fetch typed with @odeme/iyzico's `paths`;
 * - @odeme/iyzico (node:http): the generated client as a Node user gets it;
 * - @odeme/iyzico (injected fetch): the generated client given `fetch` (it gets one Request);
 * - @odeme/iyzico (global fetch): the runtime-neutral entry's sender (what Deno, Bun, workerd and
 *   browsers get: the global fetch called with URL and init), signing with node:crypto as the bare
 *   fetch does, so the ratio is the transport's own cost (WebCrypto, the neutral default, costs
 *   ~45 µs of CPU a signature on Node 20, and Node users get node:crypto anyway);
 * - iyzipay: iyzico's official Node SDK.
 * Per operation (retrieve, refund v2, API test): median and p99 latency and CPU per call, one at a
 * time, clients taking turns call by call; then throughput at 1 and at 50 in flight, clients
 * taking turns block by block. Bounded: BENCH_CALLS sequential calls and BENCH_ROUNDS blocks of
 * BENCH_BLOCK calls per client and operation, and a wall-clock cap (BENCH_MAX_S).
 * runtimes.ts measures the neutral entry where its global fetch is the default (Bun, Deno).
 */
import { createRequire } from "node:module";
import createClient from "openapi-fetch";
import {
  createIyzicoClient,
  iyzicoOperations,
  iyzicoProvider,
  type paths,
  type RefundV2Response,
  type RetrievePaymentResponse,
  type TestResponse,
} from "@odeme/iyzico";
// The runtime-neutral entry of @odeme/core, as a runtime without the `node` condition resolves it.
import { createTransport as createNeutralTransport, iyzwsV2Auth } from "../../packages/core/src/index.ts";
import { nodeHmacSha256 } from "../../packages/core/src/crypto-node.ts";
import { printTable, writeResult } from "../lib.ts";
import { measureBlock, median } from "../stats.ts";
import { bareIyzwsV2Headers } from "./bare-sign.ts";
import { startSimulatorProcess } from "./sim-process.ts";

const SEQ = Number(process.env.BENCH_CALLS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BLOCK = Number(process.env.BENCH_BLOCK ?? 400);
const MAX_MS = Number(process.env.BENCH_MAX_S ?? 240) * 1000;
const WARMUP = 30;
const CLIENTS = [
  "fetch",
  // The same bare fetch with the timeout every odeme call carries: an AbortSignal fetch listens to,
  // armed for the call and cleared after it. It separates what a timeout costs inside fetch from
  // what odeme itself does.
  "fetch + timeout signal",
  "openapi-fetch",
  "@odeme/iyzico (node:http)",
  "@odeme/iyzico (injected fetch)",
  "@odeme/iyzico (global fetch)",
  "iyzipay",
] as const;
type ClientName = (typeof CLIENTS)[number];
type Op = "retrieve" | "refund v2" | "API test";
const OPS: Op[] = ["retrieve", "refund v2", "API test"];

const sim = await startSimulatorProcess(CLIENTS.length);
const { apiKey, secretKey } = sim.credentials;
const started = performance.now();

// The floor: what a careful hand-written client does, nothing more.
function signed(path: string, body: string): Record<string, string> {
  return bareIyzwsV2Headers(apiKey, secretKey, path, body);
}

async function bareFetch(method: "GET" | "POST", path: string, body?: unknown, timed = false): Promise<unknown> {
  const text = body === undefined ? "" : JSON.stringify(body);
  const abort = timed ? new AbortController() : undefined;
  const timer = abort ? setTimeout(() => abort.abort(), 30_000) : undefined;
  const res = await fetch(sim.url + path, {
    method,
    headers: { ...signed(path, text), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: text }),
    ...(abort ? { signal: abort.signal } : {}),
  });
  const json = (await res.json()) as { status?: string };
  clearTimeout(timer);
  if (json.status !== "success") throw new Error(`fetch ${path}: ${JSON.stringify(json)}`);
  return json;
}

const typed = createClient<paths>({ baseUrl: sim.url });
async function viaOpenapiFetch(op: Op, i: number, refundId: string): Promise<unknown> {
  let r: { data?: unknown; error?: unknown };
  if (op === "retrieve") {
    const body = { paymentId: sim.retrieve };
    r = await typed.POST("/payment/detail", {
      body,
      headers: { ...signed("/payment/detail", JSON.stringify(body)), "content-type": "application/json" },
    });
  } else if (op === "refund v2") {
    const body = { paymentId: refundId, price: "1.0", conversationId: `oa-${i}` } as const;
    r = await typed.POST("/v2/payment/refund", {
      body,
      headers: { ...signed("/v2/payment/refund", JSON.stringify(body)), "content-type": "application/json" },
    });
  } else {
    r = await typed.GET("/payment/test", { headers: signed("/payment/test", "") });
  }
  if ((r.data as { status?: string } | undefined)?.status !== "success")
    throw new Error(`openapi-fetch ${op}: ${JSON.stringify(r.error ?? r.data)}`);
  return r.data;
}

const odemeNode = createIyzicoClient({ apiKey, secretKey, baseUrl: sim.url });
const odemeFetch = createIyzicoClient({ apiKey, secretKey, baseUrl: sim.url, fetch: (req) => fetch(req) });
// The generated methods are one-line calls of the transport; this is the same call on the neutral entry.
const neutral = createNeutralTransport(iyzicoProvider, { apiKey, secretKey, baseUrl: sim.url } as never, iyzwsV2Auth, {
  hmacSha256: nodeHmacSha256,
});
const odemeGlobal = {
  retrievePayment: (body: { paymentId: string }) => neutral.call<RetrievePaymentResponse>(iyzicoOperations.retrievePayment, { body }),
  refundV2: (body: { paymentId: string; price: string; conversationId: string }) =>
    neutral.call<RefundV2Response>(iyzicoOperations.refundV2, { body }),
  test: () => neutral.call<TestResponse>(iyzicoOperations.test, {}),
};

type Callback = (err: unknown, result: { status?: string }) => void;
interface IyzipaySdk {
  payment: { retrieve(req: object, cb: Callback): void };
  refundV2: { create(req: object, cb: Callback): void };
  apiTest: { retrieve(req: object, cb: Callback): void };
}
const Iyzipay = createRequire(import.meta.url)("iyzipay") as new (config: { apiKey: string; secretKey: string; uri: string }) => IyzipaySdk;
const sdk = new Iyzipay({ apiKey, secretKey, uri: sim.url });
const viaSdk = (fn: (cb: Callback) => void) =>
  new Promise<unknown>((resolve, reject) =>
    fn((err, result) =>
      err ? reject(err) : result?.status === "success" ? resolve(result) : reject(new Error(`iyzipay: ${JSON.stringify(result)}`)),
    ),
  );

let seq = 0;
function call(client: ClientName, op: Op): Promise<unknown> {
  const i = seq++;
  const refundId = sim.refund[CLIENTS.indexOf(client)] as string;
  switch (client) {
    case "fetch":
    case "fetch + timeout signal": {
      const timed = client !== "fetch";
      return op === "retrieve"
        ? bareFetch("POST", "/payment/detail", { paymentId: sim.retrieve }, timed)
        : op === "refund v2"
          ? bareFetch("POST", "/v2/payment/refund", { paymentId: refundId, price: "1.0", conversationId: `f-${i}` }, timed)
          : bareFetch("GET", "/payment/test", undefined, timed);
    }
    case "openapi-fetch":
      return viaOpenapiFetch(op, i, refundId);
    case "@odeme/iyzico (node:http)":
    case "@odeme/iyzico (injected fetch)":
    case "@odeme/iyzico (global fetch)": {
      const c =
        client === "@odeme/iyzico (injected fetch)" ? odemeFetch : client === "@odeme/iyzico (global fetch)" ? odemeGlobal : odemeNode;
      return op === "retrieve"
        ? c.retrievePayment({ paymentId: sim.retrieve })
        : op === "refund v2"
          ? c.refundV2({ paymentId: refundId, price: "1.0", conversationId: `o-${i}` })
          : c.test();
    }
    case "iyzipay":
      return op === "retrieve"
        ? viaSdk((cb) => sdk.payment.retrieve({ paymentId: sim.retrieve }, cb))
        : op === "refund v2"
          ? viaSdk((cb) => sdk.refundV2.create({ paymentId: refundId, price: "1.0", conversationId: `s-${i}` }, cb))
          : viaSdk((cb) => sdk.apiTest.retrieve({}, cb));
  }
}

function p99(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] as number;
}

/** `calls` calls, `width` at a time (bench/stats.ts measureBlock). */
const inFlight = (client: ClientName, op: Op, calls: number, width: number) => measureBlock(calls, width, () => call(client, op));

interface Row {
  op: Op;
  client: ClientName;
  medianMs: number;
  p99Ms: number;
  cpuUsPerCall: number;
  perSecond1: number;
  perSecond50: number;
  cpuUsPerCall50: number;
}
const rows: Row[] = [];
let capped = false;
try {
  for (const op of OPS) {
    const lat = new Map<ClientName, number[]>(CLIENTS.map((c) => [c, []]));
    const cpu = new Map<ClientName, number[]>(CLIENTS.map((c) => [c, []]));
    for (let i = 0; i < SEQ + WARMUP && !capped; i++) {
      // Rotate who goes first, so no client always follows the same one.
      for (let k = 0; k < CLIENTS.length; k++) {
        const client = CLIENTS[(i + k) % CLIENTS.length] as ClientName;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await call(client, op);
        const ms = performance.now() - t0;
        const c = process.cpuUsage(c0);
        if (i >= WARMUP) {
          lat.get(client)!.push(ms);
          cpu.get(client)!.push(c.user + c.system);
        }
      }
      capped = performance.now() - started > MAX_MS;
    }
    const tp1 = new Map<ClientName, number[]>(CLIENTS.map((c) => [c, []]));
    const tp50 = new Map<ClientName, number[]>(CLIENTS.map((c) => [c, []]));
    const cpu50 = new Map<ClientName, number[]>(CLIENTS.map((c) => [c, []]));
    for (const c of CLIENTS) await inFlight(c, op, 100, 50); // warm the pools at width 50
    for (let r = 0; r < ROUNDS && !capped; r++) {
      for (let k = 0; k < CLIENTS.length; k++) {
        const client = CLIENTS[(r + k) % CLIENTS.length] as ClientName;
        tp1.get(client)!.push((await inFlight(client, op, Math.max(50, Math.floor(BLOCK / 4)), 1)).perSecond);
        const wide = await inFlight(client, op, BLOCK, 50);
        tp50.get(client)!.push(wide.perSecond);
        cpu50.get(client)!.push(wide.cpuUs);
      }
      capped = performance.now() - started > MAX_MS;
    }
    for (const client of CLIENTS) {
      const cpus = cpu.get(client)!;
      rows.push({
        op,
        client,
        medianMs: median(lat.get(client)!),
        p99Ms: p99(lat.get(client)!),
        // The mean, not the median: CPU spent on some calls only (GC, a new socket) is still spent.
        cpuUsPerCall: cpus.reduce((a, b) => a + b, 0) / cpus.length,
        perSecond1: median(tp1.get(client)!),
        perSecond50: median(tp50.get(client)!),
        cpuUsPerCall50: median(cpu50.get(client)!),
      });
    }
  }
} finally {
  await sim.close();
}

const f = (n: number, d = 2) => n.toFixed(d);
console.log(
  `\nbench/client: ${SEQ} sequential calls and ${ROUNDS}×${BLOCK} in-flight calls per client and operation${capped ? " (stopped early by BENCH_MAX_S)" : ""}, Node ${process.version}\n`,
);
printTable(
  ["operation", "client", "median ms", "p99 ms", "CPU µs/call", "calls/s ×1", "calls/s ×50", "CPU µs/call ×50"],
  rows.map((r) => [
    r.op,
    r.client,
    f(r.medianMs, 3),
    f(r.p99Ms, 3),
    f(r.cpuUsPerCall, 0),
    f(r.perSecond1, 0),
    f(r.perSecond50, 0),
    f(r.cpuUsPerCall50, 0),
  ]),
);

const ratios = OPS.map((op) => {
  const by = (c: ClientName) => rows.find((r) => r.op === op && r.client === c)!;
  const node = by("@odeme/iyzico (node:http)");
  const injected = by("@odeme/iyzico (injected fetch)");
  const global = by("@odeme/iyzico (global fetch)");
  const sdkRow = by("iyzipay");
  const bare = by("fetch");
  return {
    op,
    throughput50VsIyzipay: node.perSecond50 / sdkRow.perSecond50,
    medianVsIyzipay: node.medianMs / sdkRow.medianMs,
    cpuVsIyzipay: node.cpuUsPerCall / sdkRow.cpuUsPerCall,
    globalFetchCpuVsBareFetch: global.cpuUsPerCall / bare.cpuUsPerCall,
    globalFetchCpuVsTimedFetch: global.cpuUsPerCall / by("fetch + timeout signal").cpuUsPerCall,
    injectedFetchCpuVsBareFetch: injected.cpuUsPerCall / bare.cpuUsPerCall,
    openapiFetchCpuVsBareFetch: by("openapi-fetch").cpuUsPerCall / bare.cpuUsPerCall,
  };
});
console.log("\nratios (< 1 is better for latency and CPU, > 1 is better for throughput)\n");
printTable(
  [
    "operation",
    "throughput ×50: odeme / iyzipay",
    "median: odeme / iyzipay",
    "CPU: odeme / iyzipay",
    "CPU: odeme (global fetch) / bare fetch",
    "CPU: odeme (global fetch) / fetch + timeout signal",
    "CPU: odeme (injected fetch) / bare fetch",
    "CPU: openapi-fetch / bare fetch",
  ],
  ratios.map((r) => [
    r.op,
    f(r.throughput50VsIyzipay),
    f(r.medianVsIyzipay),
    f(r.cpuVsIyzipay),
    f(r.globalFetchCpuVsBareFetch),
    f(r.globalFetchCpuVsTimedFetch),
    f(r.injectedFetchCpuVsBareFetch),
    f(r.openapiFetchCpuVsBareFetch),
  ]),
);
console.log(
  `\nwrote ${writeResult("client", { node: process.version, sequentialCalls: SEQ, rounds: ROUNDS, block: BLOCK, capped, rows, ratios })}`,
);
