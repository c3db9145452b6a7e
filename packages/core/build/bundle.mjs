/**
 * After tsc: bundles dist/ into one dist/index.js with openapi-fetch inlined. openapi-fetch ships
 * ~236 kB (source maps, CJS and ESM copies, its src/, a changelog) for ~17 kB of code the
 * transport runs; inlining it keeps `npm i @odeme/iyzico` at 2 packages and within the 250 kB
 * install goal. The declarations stay tsc's (no public type comes from openapi-fetch), and
 * openapi-fetch's MIT notice ships in THIRD_PARTY_LICENSES.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const dist = new URL("../dist/", import.meta.url).pathname;
await build({
  entryPoints: [join(dist, "index.js")],
  outfile: join(dist, "index.js"),
  allowOverwrite: true,
  bundle: true,
  format: "esm",
  // Runs wherever the sources run: Node, Bun, Deno, workers; Node built-ins stay imports.
  platform: "neutral",
  mainFields: ["module", "main"],
  external: ["node:*"],
  target: "es2022",
  legalComments: "inline",
  logLevel: "warning",
});

// Every other module is inside index.js now; their declarations stay for the types.
const remove = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) remove(p);
    else if (e.name.endsWith(".js") && p !== join(dist, "index.js")) rmSync(p);
  }
};
remove(dist);

const require = createRequire(import.meta.url);
const fetchDir = dirname(require.resolve("openapi-fetch/package.json"));
const version = JSON.parse(readFileSync(join(fetchDir, "package.json"), "utf8")).version;
writeFileSync(
  new URL("../THIRD_PARTY_LICENSES", import.meta.url),
  `@odeme/core's dist/index.js includes openapi-fetch ${version} (https://github.com/openapi-ts/openapi-typescript), under this license:\n\n${readFileSync(join(fetchDir, "LICENSE"), "utf8")}`,
);
