/**
 * How much createIyzicoClient adds to a browser or edge bundle: esbuild, platform=neutral
 * (no Node built-ins), minified, everything bundled (no externals), gzip level 9.
 * Prints the figures and writes bench/results/bundle-size.json, and says so above the budget (a
 * benchmark reports; it does not gate).
 */
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { printTable, writeResult } from "../lib.ts";

const BUDGET_GZIP_BYTES = 8 * 1024;
const root = fileURLToPath(new URL("../..", import.meta.url));

export async function bundleIyzico(): Promise<Uint8Array> {
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
  });
  return (result.outputFiles[0] as { contents: Uint8Array }).contents;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = await bundleIyzico();
  const gzip = gzipSync(code, { level: 9 }).length;
  printTable(
    ["bundle", "minified bytes", "gzip bytes", "budget (gzip)"],
    [["createIyzicoClient (esbuild, platform=neutral)", code.length, gzip, BUDGET_GZIP_BYTES]],
  );
  console.log(`wrote ${writeResult("bundle-size", { minified: code.length, gzip, budget: BUDGET_GZIP_BYTES })}`);
  if (gzip > BUDGET_GZIP_BYTES) console.log(`over budget by ${gzip - BUDGET_GZIP_BYTES} bytes`);
}
