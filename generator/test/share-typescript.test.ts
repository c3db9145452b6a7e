import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { load, resolve } from "../src/share-typescript.ts";

const require = createRequire(import.meta.url);
// The compiler ts-morph bundles, where share-typescript looks for it.
const bundled = require
  .resolve("@ts-morph/common", { paths: [require.resolve("ts-morph")] })
  .replace(/ts-morph-common\.js$/, "typescript.js");
const bundledVersion = (require(bundled) as { version: string }).version;

describe("the typescript-sharing resolve/load hooks", () => {
  it("passes every other specifier and URL on unchanged", async () => {
    const next = vi.fn(async (s: string) => ({ url: `next:${s}` }));
    await expect(resolve("yaml", {}, next)).resolves.toEqual({ url: "next:yaml" });
    await expect(load("file:///x.js", {}, next)).resolves.toEqual({ url: "next:file:///x.js" });
    expect(next).toHaveBeenCalledTimes(2);
  });

  it.runIf(bundledVersion.startsWith("5."))(
    'points `import "typescript"` at ts-morph\'s compiler through an ESM shim of its default export',
    async () => {
      const next = vi.fn(async () => ({ url: "unexpected" }));
      const resolved = (await resolve("typescript", {}, next)) as { url: string; shortCircuit: boolean };
      expect(resolved.shortCircuit).toBe(true);
      expect(next).not.toHaveBeenCalled();
      const loaded = (await load(resolved.url, {}, next)) as { format: string; source: string; shortCircuit: boolean };
      expect(loaded).toMatchObject({ format: "module", shortCircuit: true });
      // The shim, run as the ES module Node would load, hands out ts-morph's compiler itself.
      const file = join(mkdtempSync(join(tmpdir(), "odeme-shim-")), "typescript-shim.mjs");
      try {
        writeFileSync(file, loaded.source);
        const shim = (await import(pathToFileURL(file).href)) as { default: { version: string } };
        expect(shim.default.version).toBe(bundledVersion);
        expect(shim.default).toBe(require(bundled));
      } finally {
        rmSync(dirname(file), { recursive: true, force: true });
      }
    },
  );
});
