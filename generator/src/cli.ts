#!/usr/bin/env node
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import type { SchemaReply, SchemaRequest } from "./emit/schema-worker.ts";
import type { SchemaEmitter } from "./generate.ts";
import { displayPath, staleFiles, writePackage } from "./output.ts";
import { generationKey, recordGeneration, upToDate } from "./up-to-date.ts";

// Only node: built-ins are imported above: a run that finds every package up to date (decided by
// up-to-date.ts from hashes) never loads the compiler, openapi-typescript, yaml or the validators.
type Heavy = {
  generatePackage: typeof import("./generate.ts").generatePackage;
  SpecError: typeof import("@odeme/spec").SpecError;
  formatDiagnostic: typeof import("@odeme/spec").formatDiagnostic;
  emitSchema: SchemaEmitter | undefined;
};
let heavy: Promise<Heavy> | undefined;
let worker: Worker | undefined;

/** openapi-typescript in a worker thread (emit/schema-worker.ts), which starts loading it at once. */
function schemaWorker(): SchemaEmitter {
  const w = new Worker(new URL("./emit/schema-worker.js", import.meta.url));
  worker = w;
  const pending = new Map<number, { resolve: (text: string) => void; reject: (e: Error) => void }>();
  let failed: Error | undefined;
  const fail = (e: Error) => {
    failed ??= e;
    for (const p of pending.values()) p.reject(failed);
    pending.clear();
  };
  w.on("message", (reply: SchemaReply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if ("text" in reply) p?.resolve(reply.text);
    else p?.reject(new Error(reply.error));
  });
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`the schema worker exited (${code})`)));
  let next = 0;
  return (model, doc) =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      const id = next++;
      pending.set(id, { resolve, reject });
      w.postMessage({ id, model, doc } satisfies SchemaRequest);
    });
}

/**
 * The generator, loaded on the first package that needs generating. The built CLI runs
 * openapi-typescript in a worker started first, so loading it overlaps this thread's work (reading
 * and validating the spec, the client); on two cores a cold run waits for the longer of the two, not their sum.
 * Under tsx (tests, lint) a worker could not load .ts files: everything runs in this thread.
 */
function loadGenerator(): Promise<Heavy> {
  heavy ??= (async () => {
    const emitSchema = import.meta.url.endsWith(".js") ? schemaWorker() : undefined;
    const [{ generatePackage }, { SpecError, formatDiagnostic }] = await Promise.all([import("./generate.ts"), import("@odeme/spec")]);
    return { generatePackage, SpecError, formatDiagnostic, emitSchema };
  })();
  return heavy;
}

const usage = `odeme-gen [provider ...] [--check] [--specs DIR] [--out DIR]

Generates packages/<provider> from specs/<provider>.yaml (all specs when no provider is named).
  --check      write nothing; exit 1 and name the files that differ from what the specs produce
  --specs DIR  where the specs are (default: specs)
  --out DIR    where the packages go (default: packages)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      check: { type: "boolean", default: false },
      specs: { type: "string", default: "specs" },
      out: { type: "string", default: "packages" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const specsDir = resolve(values.specs);
  const outDir = resolve(values.out);
  const available = (await readdir(specsDir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => f.replace(/\.ya?ml$/, ""))
    .sort();
  const unknown = positionals.filter((p) => !available.includes(p));
  if (unknown.length > 0) {
    console.error(`odeme-gen: no spec for ${unknown.join(", ")} in ${displayPath(specsDir)} (have: ${available.join(", ")})`);
    return 2;
  }
  const providers = positionals.length > 0 ? positionals : available;
  const coreVersion = await readFile(join(outDir, "core", "package.json"), "utf8")
    .then((t) => (JSON.parse(t) as { version: string }).version)
    .catch(() => "0.1.0");
  let failed = false;
  const stale: string[] = [];
  for (const provider of providers) {
    const started = performance.now();
    const file = ["yaml", "yml"].map((ext) => join(specsDir, `${provider}.${ext}`));
    const found = (
      await Promise.all(
        file.map((f) =>
          readFile(f)
            .then((bytes) => ({ f, bytes }))
            .catch(() => undefined),
        ),
      )
    ).find(Boolean);
    const specPath = found?.f as string;
    const ops = (n: number) => `${n} operations`;
    // generatePackage checks that the spec's provider id is its file name, so the package folder is known unparsed.
    const key = found ? generationKey(found.bytes, coreVersion) : "";
    const known = found ? upToDate(join(outDir, provider), key) : undefined;
    if (known) {
      const what = values.check ? "up to date" : "unchanged";
      console.log(`✓ ${provider.padEnd(13)} ${ops(known.operations).padEnd(14)} ${what}  ${Math.round(performance.now() - started)} ms`);
      continue;
    }
    const { generatePackage, SpecError, formatDiagnostic, emitSchema } = await loadGenerator();
    try {
      const pkg = await generatePackage(specPath, outDir, coreVersion, emitSchema);
      const ms = Math.round(performance.now() - started);
      const count = pkg.model.operations.length;
      if (values.check) {
        const differ = await staleFiles(pkg.dir, pkg.files);
        stale.push(...differ.map((f) => join(displayPath(pkg.dir), f)));
        console.log(
          `${differ.length ? "✗" : "✓"} ${provider.padEnd(13)} ${ops(count).padEnd(14)} ${differ.length ? `${differ.length} stale` : "up to date"}  ${ms} ms`,
        );
      } else {
        const r = await writePackage(pkg.dir, pkg.files);
        recordGeneration(pkg.dir, key, count, pkg.files);
        const what =
          r.written.length || r.removed.length
            ? `${r.written.length} written, ${r.unchanged.length} unchanged${r.removed.length ? `, ${r.removed.length} removed` : ""}`
            : "unchanged";
        console.log(`✓ ${provider.padEnd(13)} ${ops(count).padEnd(14)} ${what}  ${Math.round(performance.now() - started)} ms`);
      }
    } catch (e) {
      failed = true;
      if (e instanceof SpecError) {
        console.error(`✗ ${provider}: the spec is invalid; ${displayPath(join(outDir, provider))} was left untouched`);
        for (const d of e.diagnostics) console.error(`  ${formatDiagnostic(d)}`);
      } else {
        console.error(`✗ ${provider}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
  }
  if (stale.length > 0) {
    console.error(
      `\nGenerated files are out of date with the specs (run \`pnpm generate\` and commit):\n${stale.map((s) => `  ${s}`).join("\n")}`,
    );
    return 1;
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 2;
    },
  )
  .finally(() => worker?.terminate());
