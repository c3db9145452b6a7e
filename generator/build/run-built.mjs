#!/usr/bin/env node
/**
 * `pnpm generate`: runs the built generator (generator/dist/cli.js), not its sources under tsx,
 * because loading tsx and transpiling on the fly costs more than a no-op run does.
 *
 * The built CLI runs the dist/ of @odeme/core, @odeme/spec and the generator itself, so each must
 * be built from its current sources first: on a fresh clone (where `pnpm start` generates before
 * it builds) nothing is built yet, and after a source edit dist/ is stale. A package is rebuilt
 * when a file of its sources is newer than its build output, the way make decides; the check is a
 * few stats. Plain JavaScript: this runs before anything is compiled.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

// In dependency order: the generator imports the reader and the core at run time.
const PACKAGES = [
  { name: "@odeme/core", dir: "packages/core", output: "dist/index.node.js" },
  { name: "@odeme/spec", dir: "packages/spec", output: "dist/index.js" },
  { name: "@odeme/generator", dir: "generator", output: "dist/cli.js" },
];

/** The newest mtime (ms) among the files that make a package's build. */
function newestSource(dir) {
  let newest = 0;
  const visit = (p) => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) return;
    if (s.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
    else newest = Math.max(newest, s.mtimeMs);
  };
  for (const part of ["src", "build", "package.json", "tsconfig.build.json"]) visit(join(root, dir, part));
  visit(join(root, "tsconfig.build.base.json"));
  return newest;
}

function isStale({ dir, output }) {
  const built = statSync(join(root, dir, output), { throwIfNoEntry: false });
  return !built || newestSource(dir) > built.mtimeMs;
}

/** pnpm as this script was started by it, else the pinned version through npx. */
function pnpm() {
  const execpath = process.env.npm_execpath ?? "";
  if (/pnpm/.test(execpath)) return [process.execPath, [execpath]];
  const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return ["npx", ["-y", packageManager]];
}

for (const pkg of PACKAGES.filter(isStale)) {
  console.error(`odeme-gen: building ${pkg.name} first (${pkg.dir}/dist is missing or older than its sources)`);
  const [cmd, pre] = pnpm();
  const r = spawnSync(cmd, [...pre, "--filter", pkg.name, "run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) {
    console.error(`odeme-gen: building ${pkg.name} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

// Same process: the CLI reads process.argv.slice(2), which is this script's arguments.
await import(pathToFileURL(join(root, "generator/dist/cli.js")).href);
