/**
 * What bench/client/runtimes.ts and the entry it bundles for each runtime agree on: the clients,
 * the operations, what the runner injects (esbuild `define`) and the one JSON line the entry prints.
 */
export const RUNTIME_CLIENTS = [
  // A hand-written global fetch of the bytes and headers odeme sends, signed with WebCrypto: the floor.
  "fetch",
  // The same with the timeout every odeme call carries (an AbortController armed for 30 s, cleared
  // after): what a timeout costs inside the runtime's fetch, apart from odeme's own work.
  "fetch + timeout signal",
  // The generated client as the runtime-neutral entry resolves it: global fetch, WebCrypto.
  "@odeme/iyzico",
  // The same without checking iyzico's response signature (one HMAC more on retrieve and refund
  // v2), to tell that HMAC from the transport's own cost. Not a setting to use in production.
  "@odeme/iyzico (signatures unchecked)",
  // The same transport with core's synchronous HMAC (@noble/hashes, `hmacSha256Hex`) in place of
  // WebCrypto's, both for signing and for checking: what the choice of HMAC costs per call.
  "@odeme/iyzico (sync HMAC)",
] as const;
export type RuntimeClient = (typeof RUNTIME_CLIENTS)[number];

export const RUNTIME_OPS = ["retrieve", "refund v2", "API test"] as const;
export type RuntimeOp = (typeof RUNTIME_OPS)[number];

export interface RuntimeBenchInput {
  url: string;
  apiKey: string;
  secretKey: string;
  retrieve: string;
  /** One payment to refund from per client, in RUNTIME_CLIENTS order. */
  refund: string[];
  rounds: number;
  /** Calls in a sequential block. */
  sequential: number;
  /** Calls in a block at 50 in flight. */
  block: number;
  /** Wall-clock cap for the whole run in one runtime; rounds stop once it has passed. */
  maxMs: number;
}

export interface RuntimeRow {
  op: RuntimeOp;
  client: RuntimeClient;
  /** Medians over rounds of each block's CPU time (user + system) divided by its calls. */
  cpuUsPerCall1: number;
  cpuUsPerCall50: number;
  perSecond1: number;
  perSecond50: number;
}

export interface RuntimeBenchOutput {
  runtime: string;
  rounds: number;
  capped: boolean;
  ms: number;
  rows: RuntimeRow[];
}
