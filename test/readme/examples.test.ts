/**
 * Every TypeScript block of every README in the repository compiles against the packages, so an
 * example a user copies works as shown. One compiler program checks all of them (one per README
 * would re-check the packages' types each time). A README's blocks are one module (see asModule).
 * The generator's golden READMEs are checked against their golden packages in generator/test.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { asModule, checkWithVirtualFiles, tsBlocks } from "./markdown.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SKIP = new Set(["node_modules", "dist", "golden", "fixtures"]);

function readmes(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...readmes(path));
    else if (entry.name === "README.md") out.push(path);
  }
  return out.sort();
}

const modules = new Map<string, { readme: string; origin: number[] }>();
const sources = new Map<string, string>();
for (const readme of readmes(root)) {
  const blocks = tsBlocks(readFileSync(readme, "utf8"));
  if (blocks.length === 0) continue;
  const { text, origin } = asModule(blocks);
  // Beside the root so `@odeme/*` resolves as it does for any workspace file.
  const name = join(root, `__readme__${relative(root, readme).replace(/[/\\]/g, "_")}.ts`);
  modules.set(name, { readme: relative(root, readme), origin });
  sources.set(name, text);
}

function check(): Map<string, string[]> {
  const diagnostics = checkWithVirtualFiles(sources, {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    // The workspace resolves `@odeme/*` to sources; test/consumer checks the packed dist/.
    customConditions: ["@odeme/source"],
    allowImportingTsExtensions: true,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
  });
  const byFile = new Map<string, string[]>([...sources.keys(), "(program)"].map((k) => [k, []]));
  for (const d of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const mod = d.file ? modules.get(d.file.fileName) : undefined;
    if (!mod || !d.file || d.start === undefined) {
      byFile.get("(program)")?.push(message);
      continue;
    }
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    byFile.get(d.file.fileName)?.push(`${mod.readme}:${mod.origin[line] ?? "?"}: ${message}`);
  }
  return byFile;
}

describe("README examples compile", () => {
  const results = check();
  it("finds the READMEs with TypeScript in them, and the program itself is sound", () => {
    expect([...modules.values()].map((m) => m.readme)).toEqual(
      expect.arrayContaining(["README.md", "packages/iyzico/README.md", "packages/payments/README.md", "packages/testkit/README.md"]),
    );
    expect(results.get("(program)")).toEqual([]);
  });
  it.each([...modules.entries()].map(([file, m]) => [m.readme, file] as const))("%s", (_readme, file) => {
    expect(results.get(file)).toEqual([]);
  });
});
