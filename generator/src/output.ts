import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";

/** Files a generator run wants on disk, by path relative to the package folder. */
export type PackageFiles = Map<string, string>;

export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Files under `src/` the generator owns but no longer produces (an operation file that went away). */
async function staleSourceFiles(dir: string, files: PackageFiles): Promise<string[]> {
  let names: string[] = [];
  try {
    names = await readdir(join(dir, "src"));
  } catch {
    return [];
  }
  return names.map((n) => `src/${n}`).filter((rel) => !files.has(rel));
}

/** Which files differ from what is on disk (for --check). */
export async function staleFiles(dir: string, files: PackageFiles): Promise<string[]> {
  const stale: string[] = [];
  for (const [rel, content] of files) if ((await readOrUndefined(join(dir, rel))) !== content) stale.push(rel);
  stale.push(...(await staleSourceFiles(dir, files)));
  return stale.sort();
}

/**
 * Writes only what changed, each file atomically (temp file + rename), so a reader never sees a
 * half-written file and an unchanged file keeps its mtime (no needless rebuilds).
 */
export async function writePackage(dir: string, files: PackageFiles): Promise<WriteResult> {
  const result: WriteResult = { written: [], unchanged: [], removed: [] };
  for (const [rel, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const target = join(dir, rel);
    if ((await readOrUndefined(target)) === content) {
      result.unchanged.push(rel);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.odeme-tmp-${randomBytes(4).toString("hex")}`;
    await writeFile(tmp, content, "utf8");
    await rename(tmp, target);
    result.written.push(rel);
  }
  for (const rel of await staleSourceFiles(dir, files)) {
    await rm(join(dir, rel), { force: true });
    result.removed.push(rel);
  }
  return result;
}

export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel.startsWith("..") ? file : rel;
}
