/**
 * Generation speed, measured in one run, side by side:
 * - odeme-gen cold (a fresh output folder) for one spec, as a fresh process (what a user waits for);
 * - openapi-typescript's own CLI on the same spec (the types step alone), as a fresh process;
 * - odeme-gen no-op: a second run over an up-to-date folder; it must write no file.
 * Medians of RUNS runs each; the ratio is odeme-gen cold / openapi-typescript CLI.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, printTable, timeProcess, writeResult } from "../lib.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const root = process.cwd();
const genCli = join(root, "generator/dist/cli.js");
const otsCli = join(root, "node_modules/openapi-typescript/bin/cli.js");

if (!existsSync(genCli)) {
  console.log("building the generator (generator/dist) first…");
  const r = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "generator/tsconfig.build.json"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(1);
}

function listFiles(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, name.name);
      if (name.isDirectory()) walk(p);
      else out.set(p, statSync(p).mtimeMs);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const specs = readdirSync("specs").filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, "")).sort();
const rows: (string | number)[][] = [];
const results: Record<string, unknown>[] = [];
console.log(`generation benchmark: ${RUNS} runs each, Node ${process.version}`);
for (const provider of [...specs, "all"]) {
  const cold: number[] = [];
  const noop: number[] = [];
  const ots: number[] = [];
  let noopWrites = 0;
  for (let i = 0; i < RUNS; i++) {
    const out = mkdtempSync(join(tmpdir(), "odeme-bench-"));
    const args = provider === "all" ? [genCli, "--out", out] : [genCli, provider, "--out", out];
    cold.push(timeProcess(args, root));
    const before = listFiles(out);
    noop.push(timeProcess(args, root));
    const after = listFiles(out);
    noopWrites += [...after].filter(([f, m]) => before.get(f) !== m).length;
    // openapi-typescript has no multi-file CLI mode without a redocly config: run it per spec.
    const started = performance.now();
    for (const s of provider === "all" ? specs : [provider]) timeProcess([otsCli, `specs/${s}.yaml`, "-o", join(out, `${s}.ts`)], root);
    ots.push(performance.now() - started);
    rmSync(out, { recursive: true, force: true });
  }
  const r = { provider, coldMs: median(cold), openapiTypescriptMs: median(ots), ratio: median(cold) / median(ots), noopMs: median(noop), noopFilesWritten: noopWrites };
  results.push(r);
  rows.push([provider, r.coldMs.toFixed(0), r.openapiTypescriptMs.toFixed(0), `${r.ratio.toFixed(2)}×`, r.noopMs.toFixed(0), noopWrites]);
}
printTable(["spec", "odeme-gen cold ms", "openapi-typescript CLI ms", "ratio", "no-op ms", "files written by no-op"], rows);
console.log(`\nwrote ${writeResult("generate", { runs: RUNS, node: process.version, results })}`);
