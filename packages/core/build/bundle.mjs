/**
 * After tsc: bundles dist/ into two entries, one per export condition: dist/index.js (every
 * runtime: fetch, WebCrypto) and dist/index.node.js (Node: the node:http sender, node:crypto),
 * over one shared chunk.
 * @noble/hashes (MD5, SHA-1 and the synchronous HMAC helpers) is inlined, so `npm i
 * @odeme/iyzico` stays at 2 packages; its MIT notice ships in THIRD_PARTY_LICENSES. The
 * declarations stay tsc's (no public type comes from @noble/hashes).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const dist = new URL("../dist/", import.meta.url).pathname;
const entries = ["index.js", "index.node.js"];
await build({
  entryPoints: entries.map((e) => join(dist, e)),
  outdir: dist,
  allowOverwrite: true,
  bundle: true,
  // What both entries share is one chunk, loaded once: no second copy of the transport.
  splitting: true,
  chunkNames: "shared-[hash]",
  format: "esm",
  // index.js runs wherever the sources run (Node, Bun, Deno, workers); Node built-ins stay imports.
  platform: "neutral",
  mainFields: ["module", "main"],
  external: ["node:*"],
  target: "es2022",
  legalComments: "inline",
  logLevel: "warning",
});

// Every other module is inside the two bundles now; their declarations stay for the types.
const keep = new Set(entries.map((e) => join(dist, e)));
const isChunk = (name) => name.startsWith("shared-") && name.endsWith(".js");
const remove = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) remove(p);
    else if (e.name.endsWith(".js") && !keep.has(p) && !(dir === dist && isChunk(e.name))) rmSync(p);
  }
};
remove(dist);

const require = createRequire(import.meta.url);
// Its exports map has no ./package.json; sha2.js (the CommonJS build) sits at the package root.
const nobleDir = dirname(require.resolve("@noble/hashes/sha2"));
const version = JSON.parse(readFileSync(join(nobleDir, "package.json"), "utf8")).version;
writeFileSync(
  new URL("../THIRD_PARTY_LICENSES", import.meta.url),
  `@odeme/core's dist/index.js and dist/index.node.js include @noble/hashes ${version} (https://github.com/paulmillr/noble-hashes), under this license:\n\n${readFileSync(join(nobleDir, "LICENSE"), "utf8")}`,
);
