/**
 * Module-resolution hook (node:module register) that points every ESM `import "typescript"` at the
 * compiler ts-morph already bundles. openapi-typescript would otherwise load a second copy of the
 * compiler; loading one instead of two is most of a cold run's time. Only used by the CLI, and
 * only when the bundled compiler is a 5.x (the version openapi-typescript supports).
 */
import { openSync, readSync, closeSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
/** The file path of ts-morph's compiler (require() takes a path, not a file: URL). */
let bundled: string | undefined;
try {
  const common = require.resolve("@ts-morph/common", { paths: [require.resolve("ts-morph")] });
  const candidate = common.replace(/ts-morph-common\.js$/, "typescript.js");
  // Read the version from the file's text: requiring it here would load the compiler twice again.
  // TypeScript 5.9 declares it about 120 KB in (`var version = "5.9.2"`, after its license and
  // helpers), so the first 64 KB never held it and the hook stayed off; 512 KB leaves room.
  const fd = openSync(candidate, "r");
  const head = Buffer.alloc(512 * 1024);
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const version = /\bversion = "(\d+\.\d+\.\d+)"/.exec(head.toString("utf8"))?.[1];
  if (version?.startsWith("5.")) bundled = candidate;
} catch {
  bundled = undefined;
}

const SHIM = "odeme:typescript";
type Next = (specifier: string, context: unknown) => Promise<unknown>;

// Importing a 9 MB CommonJS bundle from ESM makes Node scan it for named exports
// (cjs-module-lexer, ~300 ms). openapi-typescript only uses the default export, so an ESM shim
// that require()s the compiler skips the scan.
export async function resolve(specifier: string, context: unknown, next: Next): Promise<unknown> {
  if (specifier === "typescript" && bundled) return { url: SHIM, shortCircuit: true };
  return next(specifier, context);
}

export async function load(url: string, context: unknown, next: (url: string, context: unknown) => Promise<unknown>): Promise<unknown> {
  if (url === SHIM && bundled) {
    const source = `import { createRequire } from "node:module";\nexport default createRequire(${JSON.stringify(pathToFileURL(bundled).href)})(${JSON.stringify(bundled)});\n`;
    return { format: "module", source, shortCircuit: true };
  }
  return next(url, context);
}
