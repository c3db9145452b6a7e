/**
 * The client's own CPU per call with the network taken out: the global fetch is replaced by one
 * that answers at once from memory, so what is left is what each client does around fetch (build,
 * sign, serialize, read, interpret) plus the Request/Response objects fetch makes anyway. Loopback
 * calls (run.ts) cost 300-500 µs of CPU each on a loaded machine and swing by ±30% run to run; this
 * isolates the ~10-30 µs that differ between the clients, interleaved round by round.
 *
 * - bare fetch: run.ts's floor (fetch(url, init), node:crypto HMAC, JSON.stringify, res.json());
 * - bare fetch (Request): the same bytes passed as one Request, as an injected fetch receives them;
 * - @odeme/iyzico (global fetch): the runtime-neutral transport (node:crypto HMAC, as run.ts);
 * - @odeme/iyzico (injected fetch): the generated client given `fetch`.
 * Bounded by OVERHEAD_CALLS per round and OVERHEAD_ROUNDS rounds.
 */
import { createHmac } from "node:crypto";
import { createIyzicoClient, iyzicoOperations, iyzicoProvider } from "@odeme/iyzico";
import { createTransport, iyzwsV2Auth } from "../../packages/core/src/index.ts";
import { nodeHmacSha256 } from "../../packages/core/src/crypto-node.ts";
import { median, printTable, writeResult } from "../lib.ts";
import { bareIyzwsV2Headers } from "./bare-sign.ts";

const CALLS = Number(process.env.OVERHEAD_CALLS ?? 3000);
const ROUNDS = Number(process.env.OVERHEAD_ROUNDS ?? 7);
const base = "http://127.0.0.1:9";
const apiKey = "sandbox-bench-api-key-0001";
const secretKey = "sandbox-bench-secret-key-0001";

// iyzico signs these answers (docs.iyzico.com, response signature validation): the client checks
// the signature, so the canned answers carry a real one, computed here from the documented order.
const responseSignature = (values: string[]): string => createHmac("sha256", secretKey).update(values.join(":")).digest("hex");

// One answer per path, shaped like the simulator's (a retrieve carries long ids and prices).
const answers: Record<string, string> = {
  "/payment/detail": JSON.stringify({
    status: "success",
    locale: "tr",
    systemTime: 1764590000000,
    price: 4000.0,
    paidPrice: 4000.0,
    installment: 1,
    paymentId: "25180208",
    currency: "TRY",
    basketId: "B1",
    // paymentId, currency, basketId, conversationId (absent: ""), paidPrice, price.
    signature: responseSignature(["25180208", "TRY", "B1", "", "4000", "4000"]),
    itemTransactions: [0, 1, 2, 3].map((i) => ({
      itemId: `I${i}`,
      paymentTransactionId: `2718${i}000`,
      transactionStatus: 2,
      price: 1000.0,
      paidPrice: 1000.0,
    })),
  }),
  "/v2/payment/refund": JSON.stringify({
    status: "success",
    locale: "tr",
    systemTime: 1764590000000,
    conversationId: "c",
    paymentId: "25180209",
    price: 1.0,
    currency: "TRY",
    // paymentId, price, currency, conversationId.
    signature: responseSignature(["25180209", "1", "TRY", "c"]),
  }),
  "/payment/test": JSON.stringify({ status: "success", locale: "tr", systemTime: 1764590000000 }),
};
const inMemoryFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  // Read what was sent, as a server would.
  if (input instanceof Request) await input.text();
  else if (typeof init?.body === "string") void init.body.length;
  const path = new URL(url).pathname;
  return new Response(answers[path] ?? "{}", { status: 200, headers: { "content-type": "application/json" } });
};
(globalThis as { fetch: typeof fetch }).fetch = inMemoryFetch as typeof fetch;

function signed(path: string, body: string): Record<string, string> {
  return bareIyzwsV2Headers(apiKey, secretKey, path, body);
}

async function bare(asRequest: boolean, method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const text = body === undefined ? "" : JSON.stringify(body);
  const init: RequestInit = {
    method,
    headers: { ...signed(path, text), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: text }),
  };
  const res = asRequest ? await fetch(new Request(base + path, init)) : await fetch(base + path, init);
  const json = (await res.json()) as { status?: string };
  if (json.status !== "success") throw new Error(`bare ${path}: ${JSON.stringify(json)}`);
  return json;
}

const neutral = createTransport(iyzicoProvider, { apiKey, secretKey, baseUrl: base } as never, iyzwsV2Auth, { hmacSha256: nodeHmacSha256 });
const injected = createIyzicoClient({ apiKey, secretKey, baseUrl: base, fetch: (req) => fetch(req) });

type Op = "retrieve" | "refund v2" | "API test";
const OPS: Op[] = ["retrieve", "refund v2", "API test"];
const CLIENTS = ["bare fetch", "bare fetch (Request)", "@odeme/iyzico (global fetch)", "@odeme/iyzico (injected fetch)"] as const;
type Client = (typeof CLIENTS)[number];

let seq = 0;
function call(client: Client, op: Op): Promise<unknown> {
  const refund = { paymentId: "25180209", price: "1.0" as const, conversationId: `o-${seq++}` };
  switch (client) {
    case "bare fetch":
    case "bare fetch (Request)": {
      const r = client === "bare fetch (Request)";
      return op === "retrieve"
        ? bare(r, "POST", "/payment/detail", { paymentId: "25180208" })
        : op === "refund v2"
          ? bare(r, "POST", "/v2/payment/refund", refund)
          : bare(r, "GET", "/payment/test");
    }
    case "@odeme/iyzico (global fetch)":
      return op === "retrieve"
        ? neutral.call(iyzicoOperations.retrievePayment, { body: { paymentId: "25180208" } })
        : op === "refund v2"
          ? neutral.call(iyzicoOperations.refundV2, { body: refund })
          : neutral.call(iyzicoOperations.test, {});
    case "@odeme/iyzico (injected fetch)":
      return op === "retrieve"
        ? injected.retrievePayment({ paymentId: "25180208" })
        : op === "refund v2"
          ? injected.refundV2(refund)
          : injected.test();
  }
}

async function cpuPerCall(client: Client, op: Op, calls: number): Promise<number> {
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) await call(client, op);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / calls;
}

const samples = new Map<string, number[]>();
for (const op of OPS) for (const client of CLIENTS) await cpuPerCall(client, op, 300);
for (let round = 0; round < ROUNDS; round++) {
  for (const op of OPS) {
    for (const client of CLIENTS) {
      const key = `${op}|${client}`;
      samples.set(key, [...(samples.get(key) ?? []), await cpuPerCall(client, op, CALLS)]);
    }
  }
}

const us = (op: Op, client: Client) => median(samples.get(`${op}|${client}`) ?? []);
const rows = OPS.map((op) => ({
  op,
  bareUs: us(op, "bare fetch"),
  bareRequestUs: us(op, "bare fetch (Request)"),
  globalUs: us(op, "@odeme/iyzico (global fetch)"),
  injectedUs: us(op, "@odeme/iyzico (injected fetch)"),
}));
console.log(
  `\nbench/client/overhead: CPU µs per call with an in-memory fetch, median of ${ROUNDS} rounds of ${CALLS} calls, Node ${process.version}\n`,
);
const f = (n: number, d = 1) => n.toFixed(d);
printTable(
  [
    "operation",
    "bare fetch",
    "bare fetch (Request)",
    "odeme global fetch",
    "odeme injected fetch",
    "global / bare",
    "injected / bare (Request)",
    "odeme's own µs (global - bare)",
  ],
  rows.map((r) => [
    r.op,
    f(r.bareUs),
    f(r.bareRequestUs),
    f(r.globalUs),
    f(r.injectedUs),
    f(r.globalUs / r.bareUs, 2),
    f(r.injectedUs / r.bareRequestUs, 2),
    f(r.globalUs - r.bareUs),
  ]),
);
console.log(`wrote ${writeResult("client-overhead", { node: process.version, calls: CALLS, rounds: ROUNDS, rows })}`);
