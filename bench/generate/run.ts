/**
 * Generation speed, measured in one run, side by side:
 * - odeme-gen cold (a fresh output folder) for one spec, as a fresh process (what a user waits for);
 * - openapi-typescript's own CLI on the same spec (the types step alone), as a fresh process;
 * - odeme-gen no-op: a second run over an up-to-date folder; it must write no file.
 * Medians of RUNS runs each; the ratio is odeme-gen cold / openapi-typescript CLI.
 *
 * Then the no-op `pnpm generate` over the repository, split into its parts: Node's own start-up
 * (`node -e 0`), the built CLI alone, the launcher `pnpm generate` runs (it checks that dist/ is
 * current first), and `pnpm generate` itself against pnpm's start-up (`pnpm exec node -e 0`), so
 * the generator's own work is the difference.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, printTable, timeProcess, writeResult } from "../lib.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const root = process.cwd();
const genCli = join(root, "generator/dist/cli.js");
const otsCli = join(root, "node_modules/openapi-typescript/bin/cli.js");

// The launcher `pnpm generate` runs builds core, the spec reader and the generator when their dist/ is stale.
const built = spawnSync(process.execPath, [join(root, "generator/build/run-built.mjs"), "--help"], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
});
if (built.status !== 0) process.exit(1);

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

const specs = readdirSync("specs")
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => f.replace(/\.yaml$/, ""))
  .sort();
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
  const r = {
    provider,
    coldMs: median(cold),
    openapiTypescriptMs: median(ots),
    ratio: median(cold) / median(ots),
    noopMs: median(noop),
    noopFilesWritten: noopWrites,
  };
  results.push(r);
  rows.push([provider, r.coldMs.toFixed(0), r.openapiTypescriptMs.toFixed(0), `${r.ratio.toFixed(2)}×`, r.noopMs.toFixed(0), noopWrites]);
}
printTable(["spec", "odeme-gen cold ms", "openapi-typescript CLI ms", "ratio", "no-op ms", "files written by no-op"], rows);

/** Wall time of any command (npx is not node), in ms. */
function timeCommand(cmd: string, args: string[]): number {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  return ms;
}

const pnpm = ["-y", (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { packageManager: string }).packageManager];
const launcher = join(root, "generator/build/run-built.mjs");
// Warm: the repository's packages are up to date and recorded (this run writes nothing when they are).
timeProcess([launcher], root);
const parts: [string, () => number][] = [
  ["node start-up (node -e 0)", () => timeProcess(["-e", "0"], root)],
  ["node generator/dist/cli.js (no-op)", () => timeProcess([genCli], root)],
  ["node generator/build/run-built.mjs (no-op)", () => timeProcess([launcher], root)],
  ["pnpm start-up (npx pnpm exec node -e 0)", () => timeCommand("npx", [...pnpm, "exec", "node", "-e", "0"])],
  ["npx pnpm generate (no-op)", () => timeCommand("npx", [...pnpm, "generate"])],
];
const noopRepo: Record<string, number> = {};
for (const [name, run] of parts) noopRepo[name] = median(Array.from({ length: RUNS }, run));
const node = noopRepo["node start-up (node -e 0)"] as number;
const pnpmBoot = noopRepo["pnpm start-up (npx pnpm exec node -e 0)"] as number;
console.log("\nno-op `pnpm generate` over the repository (all specs up to date)");
printTable(
  ["what", "median ms", "own work ms"],
  parts.map(([name]) => {
    const ms = noopRepo[name] as number;
    const own = name.startsWith("node generator") ? ms - node : name.startsWith("npx pnpm generate") ? ms - pnpmBoot : undefined;
    return [name, ms.toFixed(0), own === undefined ? "" : own.toFixed(0)];
  }),
);
console.log(`\nwrote ${writeResult("generate", { runs: RUNS, node: process.version, results, noopRepo })}`);
