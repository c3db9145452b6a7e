/**
 * Client CPU per call where the global fetch is what odeme sends with: the runtime-neutral entry,
 * whose sender is the global fetch and whose signer is WebCrypto. That is what workerd, edge
 * runtimes and bundles for `platform=neutral` get; none of them reports CPU time, so the neutral
 * bundle runs here under Node, Bun and Deno as stand-ins. (Bun and Deno resolve an npm package's
 * `node` export condition, so their npm users get the node:http sender and node:crypto, as Node's
 * do: bench/client/run.ts measures that entry on Node; BENCH_RT_ENTRY=node bundles that entry
 * here instead, to see it under Bun and Deno.)
 *
 * One entry (runtimes-entry.ts) is bundled by esbuild for platform "neutral", the iyzico
 * simulator's address and ids injected by `define`, and run under Node, Bun and Deno (the
 * binaries of the `bun` and `deno` devDependencies), each against a fresh simulator in its own
 * process, so the CPU measured is the client's alone. Per operation (retrieve, refund v2, API test)
 * the clients take turns block by block, a different one first each round: a sequential block of
 * BENCH_RT_CALLS calls and a block of BENCH_RT_BLOCK calls at 50 in flight. CPU per call is the
 * process's CPU time (user + system, every thread: a runtime's fetch may work off the main
 * thread) over a block divided by its calls; calls/s is wall-clock. Medians over BENCH_RT_ROUNDS
 * rounds, after a warm-up. Bounded per runtime by BENCH_RT_MAX_S of wall clock (rounds stop once
 * it has passed) and by the counts. BENCH_RT_RUNTIMES=node,bun,deno picks the runtimes.
 *
 * The clients (runtimes-shape.ts): a hand-written fetch of the same bytes and headers odeme sends,
 * signed with WebCrypto as odeme's neutral default signs (the floor); the same with the 30 s
 * timeout signal every odeme call carries; @odeme/iyzico; and two diagnostics of it, one with
 * response signatures unchecked and one whose transport signs and checks with core's synchronous
 * HMAC instead of WebCrypto. @odeme/iyzico checks iyzico's signature of the retrieve and refund v2
 * answers (one HMAC more than the bare fetch, which checks nothing; the API test answer is not
 * signed): the unchecked row shows what that HMAC costs, the sync-HMAC row what WebCrypto costs.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { runRuntime, runtimeBinary } from "../../test/runtimes/harness.ts";
import { printTable, writeResult } from "../lib.ts";
import { RUNTIME_CLIENTS, RUNTIME_OPS, type RuntimeBenchInput, type RuntimeBenchOutput, type RuntimeClient } from "./runtimes-shape.ts";
import { startSimulatorProcess } from "./sim-process.ts";

const ROUNDS = Number(process.env.BENCH_RT_ROUNDS ?? 15);
const CALLS = Number(process.env.BENCH_RT_CALLS ?? 100);
const BLOCK = Number(process.env.BENCH_RT_BLOCK ?? 400);
const MAX_MS = Number(process.env.BENCH_RT_MAX_S ?? 60) * 1000;
const ENTRY = process.env.BENCH_RT_ENTRY === "node" ? "node" : "neutral";
const RUNTIMES = (process.env.BENCH_RT_RUNTIMES ?? "node,bun,deno").split(",").map((r) => r.trim()) as ("node" | "bun" | "deno")[];

const entry = fileURLToPath(new URL("./runtimes-entry.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "odeme-bench-runtimes-"));

function command(runtime: "node" | "bun" | "deno", file: string): [string, string[]] {
  if (runtime === "node") return [process.execPath, [file]];
  if (runtime === "bun") return [runtimeBinary("bun"), ["run", file]];
  return [runtimeBinary("deno"), ["run", "--no-prompt", "--allow-net=127.0.0.1", file]];
}

/** Runs the bundle; resolves with its last stdout line, parsed. Killed if it outlives its cap by a minute. */
async function run(binary: string, args: string[]): Promise<RuntimeBenchOutput> {
  const out = await runRuntime(binary, args, dir, MAX_MS + 60_000);
  return JSON.parse(out.trim().split("\n").at(-1) as string) as RuntimeBenchOutput;
}

const started = performance.now();
const results: (RuntimeBenchOutput & { wallMs: number })[] = [];
try {
  for (const runtime of RUNTIMES) {
    const sim = await startSimulatorProcess(RUNTIME_CLIENTS.length);
    try {
      const input: RuntimeBenchInput = {
        url: sim.url,
        ...sim.credentials,
        retrieve: sim.retrieve,
        refund: sim.refund,
        rounds: ROUNDS,
        sequential: CALLS,
        block: BLOCK,
        maxMs: MAX_MS,
      };
      const bundled = await build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        format: "esm",
        platform: ENTRY,
        target: "es2022",
        conditions: ENTRY === "node" ? ["@odeme/source", "node"] : ["@odeme/source"],
        mainFields: ["module", "main"],
        define: { BENCH_RT_INPUT: JSON.stringify(input) },
        logLevel: "silent",
      });
      const file = join(dir, `${runtime}.mjs`);
      writeFileSync(file, (bundled.outputFiles[0] as { text: string }).text);
      const t0 = performance.now();
      const [binary, args] = command(runtime, file);
      const result = await run(binary, args);
      results.push({ ...result, wallMs: Math.round(performance.now() - t0) });
      console.error(
        `${result.runtime}: ${result.rounds} rounds in ${(result.ms / 1000).toFixed(1)} s${result.capped ? " (stopped by BENCH_RT_MAX_S)" : ""}`,
      );
    } finally {
      await sim.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const f = (n: number, d = 2) => n.toFixed(d);
console.log(
  `\nbench/client/runtimes: rounds of ${CALLS} sequential calls and ${BLOCK} calls at 50 in flight per client and operation, ${ENTRY === "node" ? "the node entry (node:http, node:crypto)" : "the neutral bundle (global fetch, WebCrypto)"}`,
);
console.log(
  "@odeme/iyzico checks the response signature of retrieve and refund v2 (one HMAC more than the bare fetch); the last two rows of each table are diagnostics",
);
for (const r of results) {
  console.log(
    `\n${r.runtime}: median of ${r.rounds} rounds${r.capped ? " (stopped early by BENCH_RT_MAX_S)" : ""}, ${(r.wallMs / 1000).toFixed(1)} s\n`,
  );
  printTable(
    ["operation", "client", "CPU µs/call ×1", "CPU µs/call ×50", "calls/s ×1", "calls/s ×50"],
    r.rows.map((row) => [
      row.op,
      row.client,
      f(row.cpuUsPerCall1, 0),
      f(row.cpuUsPerCall50, 0),
      f(row.perSecond1, 0),
      f(row.perSecond50, 0),
    ]),
  );
}

const ratios = results.flatMap((r) =>
  RUNTIME_OPS.map((op) => {
    const by = (c: RuntimeClient) => r.rows.find((row) => row.op === op && row.client === c)!;
    const odeme = by("@odeme/iyzico");
    const unchecked = by("@odeme/iyzico (signatures unchecked)");
    const sync = by("@odeme/iyzico (sync HMAC)");
    const bare = by("fetch");
    const timed = by("fetch + timeout signal");
    return {
      runtime: r.runtime,
      op,
      cpu1VsFetch: odeme.cpuUsPerCall1 / bare.cpuUsPerCall1,
      cpu50VsFetch: odeme.cpuUsPerCall50 / bare.cpuUsPerCall50,
      cpu1VsTimedFetch: odeme.cpuUsPerCall1 / timed.cpuUsPerCall1,
      cpu50VsTimedFetch: odeme.cpuUsPerCall50 / timed.cpuUsPerCall50,
      uncheckedCpu1VsTimedFetch: unchecked.cpuUsPerCall1 / timed.cpuUsPerCall1,
      uncheckedCpu50VsTimedFetch: unchecked.cpuUsPerCall50 / timed.cpuUsPerCall50,
      syncHmacCpu1VsFetch: sync.cpuUsPerCall1 / bare.cpuUsPerCall1,
      syncHmacCpu50VsFetch: sync.cpuUsPerCall50 / bare.cpuUsPerCall50,
    };
  }),
);
console.log("\nCPU per call ratios (< 1 is better; issue 11 asks odeme / bare fetch ≤ 1.15)\n");
printTable(
  [
    "runtime",
    "operation",
    "odeme / fetch ×1",
    "odeme / fetch ×50",
    "odeme / fetch+timeout ×1",
    "odeme / fetch+timeout ×50",
    "unchecked / fetch+timeout ×1",
    "unchecked / fetch+timeout ×50",
    "sync HMAC / fetch ×1",
    "sync HMAC / fetch ×50",
  ],
  ratios.map((q) => [
    q.runtime,
    q.op,
    f(q.cpu1VsFetch),
    f(q.cpu50VsFetch),
    f(q.cpu1VsTimedFetch),
    f(q.cpu50VsTimedFetch),
    f(q.uncheckedCpu1VsTimedFetch),
    f(q.uncheckedCpu50VsTimedFetch),
    f(q.syncHmacCpu1VsFetch),
    f(q.syncHmacCpu50VsFetch),
  ]),
);
console.log(
  `\nwrote ${writeResult(ENTRY === "node" ? "client-runtimes-node-entry" : "client-runtimes", { entry: ENTRY, rounds: ROUNDS, sequentialCalls: CALLS, block: BLOCK, maxS: MAX_MS / 1000, results, ratios })} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
