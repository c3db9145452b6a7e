/**
 * The no-op decision, made before anything heavy is imported. A full run loads openapi-typescript,
 * the TypeScript compiler, yaml and the validators (over a second of module loading);
 * deciding that nothing changed needs only file reads and hashes.
 *
 * A package is up to date when (1) the inputs of its last generation hash to the same key: the
 * spec's bytes, the code of the generator that runs and of the odeme packages it imports at run
 * time (@odeme/spec, @odeme/core), the versions of the libraries that shape the output, and core's
 * version; and (2) every file that generation wrote still has the bytes it wrote, and no other file
 * sits in `src/`. Generation is deterministic, so under (1) it would produce those same files, and
 * (2) says they are what is on disk: the answer is exact, for `--check` as for a plain run. Any
 * doubt (no record, another key, a hand edit, a missing file) means a full run, which is always
 * right, only slower.
 *
 * The record is a cache, not a committed file: it lives in `node_modules/.cache/odeme-gen/` of the
 * working folder. Committed, it would change with every edit of the generator (even a comment) and
 * make all five generated packages conflict at every merge; cached, losing it costs one full run.
 * Each record names its package folder; a full run drops the records of folders that are gone
 * (tests generate into temporary folders), so the cache holds one record per live package.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const CACHE_FORMAT = 2;

/** What one generation of a package recorded. */
export interface GenerationRecord {
  format: number;
  /** The package folder (absolute) the record is about: a record of a folder that is gone is pruned. */
  dir: string;
  key: string;
  operations: number;
  /** sha256 of each file written, by path relative to the package folder. */
  files: Record<string, string>;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** Code files under `dir` (sources or build output, not declarations), sorted, each with its bytes. */
function hashCodeDir(dir: string, into: ReturnType<typeof createHash>): void {
  const files: string[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules") visit(p);
      } else if (/\.(?:[cm]?js|ts|json)$/.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) files.push(p);
    }
  };
  visit(dir);
  for (const f of files.sort())
    into
      .update(`${f.slice(dir.length)}\0`)
      .update(readFileSync(f))
      .update("\0");
}

/** The version in the package.json of the package `name` as `from` resolves it (walking up from its entry). */
function versionOf(name: string, from: string): string {
  try {
    let dir = dirname(createRequire(join(from, "noop.js")).resolve(name));
    for (let i = 0; i < 8; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? "?";
      } catch {
        // no package.json at this level
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed: recorded as such, so installing it changes the key
  }
  return "missing";
}

let generatorKey: string | undefined;

/**
 * A hash of the code that generates: this folder (the generator's src/ under tsx, dist/ when
 * built), the odeme packages it imports, and the versions of the libraries that shape the output.
 */
export function generatorFingerprint(): string {
  if (generatorKey) return generatorKey;
  const hash = createHash("sha256");
  const here = dirname(fileURLToPath(import.meta.url));
  hashCodeDir(here, hash);
  for (const name of ["@odeme/spec", "@odeme/core"]) {
    const dir = dirname(fileURLToPath(import.meta.resolve(name)));
    hash.update(`\0${name}\0`);
    hashCodeDir(dir, hash);
  }
  const generatorRoot = dirname(here);
  const specRoot = dirname(dirname(fileURLToPath(import.meta.resolve("@odeme/spec"))));
  for (const name of ["openapi-typescript", "typescript"]) hash.update(`\0${name}@${versionOf(name, generatorRoot)}`);
  hash.update(`\0yaml@${versionOf("yaml", specRoot)}`);
  generatorKey = hash.digest("hex");
  return generatorKey;
}

/** The key of one generation: what the output depends on besides the files it writes. */
export function generationKey(specBytes: Buffer, coreVersion: string): string {
  return sha256(`${CACHE_FORMAT}\0${generatorFingerprint()}\0${coreVersion}\0${sha256(specBytes)}`);
}

function cacheDir(cacheRoot: string): string {
  return join(cacheRoot, "node_modules", ".cache", "odeme-gen");
}

function recordFile(packageDir: string, cacheRoot: string): string {
  return join(cacheDir(cacheRoot), `${sha256(resolve(packageDir)).slice(0, 32)}.json`);
}

/** Drops the records of package folders that no longer exist, and records of another format. */
function pruneRecords(cacheRoot: string, keep: string): void {
  const folder = cacheDir(cacheRoot);
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    if (file === keep || !name.endsWith(".json")) continue;
    let dir: unknown;
    try {
      const record = JSON.parse(readFileSync(file, "utf8")) as Partial<GenerationRecord>;
      dir = record.format === CACHE_FORMAT ? record.dir : undefined;
    } catch {
      // unreadable: a record torn by a crash, dropped like a stale one
    }
    if (typeof dir !== "string" || !existsSync(dir)) rmSync(file, { force: true });
  }
}

/** The record of the package's last generation when it still holds (see the module comment), else undefined. */
export function upToDate(packageDir: string, key: string, cacheRoot = process.cwd()): GenerationRecord | undefined {
  let record: GenerationRecord;
  try {
    record = JSON.parse(readFileSync(recordFile(packageDir, cacheRoot), "utf8")) as GenerationRecord;
  } catch {
    return undefined;
  }
  if (record.format !== CACHE_FORMAT || record.key !== key) return undefined;
  try {
    for (const [rel, digest] of Object.entries(record.files)) if (sha256(readFileSync(join(packageDir, rel))) !== digest) return undefined;
    // The generator owns src/: a file there it did not write would be removed (or reported) by a full run.
    for (const name of readdirSync(join(packageDir, "src"))) if (!(`src/${name}` in record.files)) return undefined;
  } catch {
    return undefined;
  }
  return record;
}

/** Records a generation whose files are now on disk (written or found unchanged). */
export function recordGeneration(
  packageDir: string,
  key: string,
  operations: number,
  files: ReadonlyMap<string, string>,
  cacheRoot = process.cwd(),
): void {
  const record: GenerationRecord = {
    format: CACHE_FORMAT,
    dir: resolve(packageDir),
    key,
    operations,
    files: Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b)).map(([rel, text]) => [rel, sha256(text)])),
  };
  const target = recordFile(packageDir, cacheRoot);
  try {
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.odeme-tmp-${randomBytes(4).toString("hex")}`;
    writeFileSync(tmp, `${JSON.stringify(record)}\n`);
    renameSync(tmp, target);
    pruneRecords(cacheRoot, target);
  } catch {
    // A cache that cannot be written only makes the next run a full one.
  }
}
