/** Shared by the generator tests: fixture specs, spec mutations, the CLI, file hashes. */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseSpec, type LoadedSpec } from "@odeme/spec";
import { buildModel, type ProviderModel } from "../src/model.ts";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const fixturesDir = join(repoRoot, "generator/test/fixtures");
export const goldenDir = join(repoRoot, "generator/test/golden");
export const tsxCli = join(repoRoot, "node_modules/tsx/dist/cli.mjs");
export const cliEntry = "generator/src/cli.ts";

/** The path a diagnostic shows for a fixture when the generator runs from the repo root. */
export const fixtureDisplay = (name: string) => `generator/test/fixtures/${name}`;

export function fixtureText(name: string): string {
  return readFileSync(join(fixturesDir, name), "utf8");
}

/** One edit of a spec's text: `from` must occur exactly once (so a fixture change cannot silently skip it). */
export type Edit = readonly [from: string, to: string];

export function mutate(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const [from, to] of edits) {
    const n = out.split(from).length - 1;
    if (n !== 1) throw new Error(`edit expects exactly one ${JSON.stringify(from)} in the spec, found ${n}`);
    out = out.replace(from, () => to);
  }
  return out;
}

/** Parses a fixture (optionally edited) as if it were read from `generator/test/fixtures/<name>`. */
export function loadFixture(name: string, edits: readonly Edit[] = []): LoadedSpec {
  return parseSpec(fixtureDisplay(name), mutate(fixtureText(name), edits));
}

export function modelOf(name: string, edits: readonly Edit[] = []): ProviderModel {
  return buildModel(loadFixture(name, edits));
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `odeme-gen` the way `pnpm generate` does (tsx, from the repo root). */
export function runCli(args: string[]): CliResult {
  const r = spawnSync(process.execPath, [tsxCli, "--conditions=@odeme/source", cliEntry, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking, so independent runs can overlap. */
export function runCliAsync(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, "--conditions=@odeme/source", cliEntry, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every file under `dir` (relative, `/`-separated, sorted). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else out.push(relative(dir, p).split("\\").join("/"));
    }
  };
  visit(dir);
  return out.sort();
}

/** sha256 of every file under `dir`, by relative path. */
export function hashTree(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((f) => [
      f,
      createHash("sha256")
        .update(readFileSync(join(dir, f)))
        .digest("hex"),
    ]),
  );
}

export function mtimes(dir: string): Record<string, number> {
  return Object.fromEntries(listFiles(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]));
}
