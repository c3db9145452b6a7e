/**
 * How much createIyzicoClient adds to a browser or edge bundle: esbuild, platform=neutral
 * (no Node built-ins), minified, everything bundled (no externals), gzip level 9.
 * Prints the figures and writes bench/results/bundle-size.json, and says so above the budget (a
 * benchmark reports; it does not gate). `--by-input` also prints the minified bytes each source
 * file contributes, to see what tree-shaking kept.
 */
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { printTable, writeResult } from "../lib.ts";

const BUDGET_GZIP_BYTES = 8 * 1024;
const root = fileURLToPath(new URL("../..", import.meta.url));

export async function bundleIyzico(): Promise<Uint8Array> {
  return (await buildIyzico()).code;
}

/** The bundle and, per input file, the minified bytes it contributes (esbuild's metafile). */
async function buildIyzico(): Promise<{ code: Uint8Array; byInput: [string, number][] }> {
  const result = await build({
    stdin: { contents: 'export { createIyzicoClient } from "@odeme/iyzico";', resolveDir: root, loader: "ts" },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "neutral",
    // The workspace's sources, as a published build would contain them.
    conditions: ["@odeme/source"],
    mainFields: ["module", "main"],
    logLevel: "silent",
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs)[0];
  const byInput = Object.entries(output?.inputs ?? {})
    .map(([file, { bytesInOutput }]): [string, number] => [file, bytesInOutput])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  return { code: (result.outputFiles[0] as { contents: Uint8Array }).contents, byInput };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { code, byInput } = await buildIyzico();
  if (process.argv.includes("--by-input")) printTable(["input", "minified bytes"], byInput);
  const gzip = gzipSync(code, { level: 9 }).length;
  printTable(
    ["bundle", "minified bytes", "gzip bytes", "budget (gzip)"],
    [["createIyzicoClient (esbuild, platform=neutral)", code.length, gzip, BUDGET_GZIP_BYTES]],
  );
  console.log(`wrote ${writeResult("bundle-size", { minified: code.length, gzip, budget: BUDGET_GZIP_BYTES })}`);
  if (gzip > BUDGET_GZIP_BYTES) console.log(`over budget by ${gzip - BUDGET_GZIP_BYTES} bytes`);
}
