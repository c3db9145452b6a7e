import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { emitClient, emitIndex } from "./emit/client.ts";
import { addConstraints } from "./emit/constraints.ts";
import { emitPackageJson, emitShippedSpec, emitTsconfig, LICENSE_TEXT, SHIPPED_SPEC } from "./emit/package.ts";
import { emitReadme } from "./emit/readme.ts";
import { loadSpec, SpecError } from "@odeme/spec";
import { buildModel, type ProviderModel } from "./model.ts";
import { displayPath, type PackageFiles } from "./output.ts";
import { validateSpec } from "./validate.ts";

/** Emits `src/schema.ts` (openapi-typescript); the CLI passes one that runs in a worker thread. */
export type SchemaEmitter = (model: ProviderModel, doc: Record<string, unknown>) => Promise<string>;

/** In this thread: openapi-typescript is imported on first use, not when this module loads. */
const emitSchemaHere: SchemaEmitter = async (model, doc) => (await import("./emit/schema.ts")).emitSchema(model, doc);

export interface GeneratedPackage {
  model: ProviderModel;
  /** The package folder, e.g. `packages/iyzico`. */
  dir: string;
  files: PackageFiles;
}

async function existingVersion(dir: string): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { version?: string };
    return pkg.version;
  } catch {
    return undefined;
  }
}

/**
 * Spec -> files in memory. Nothing is written here, so a spec that fails at any step leaves the
 * package on disk exactly as it was.
 */
export async function generatePackage(
  specPath: string,
  packagesDir: string,
  coreVersion = "0.1.0",
  emitSchema: SchemaEmitter = emitSchemaHere,
): Promise<GeneratedPackage> {
  const spec = await loadSpec(displayPath(specPath));
  validateSpec(spec);
  const model = buildModel(spec);
  const expectedName = specPath.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/, "");
  if (model.id !== expectedName) {
    throw new SpecError([
      {
        file: spec.file,
        ...spec.locate(["x-odeme-provider", "id"]),
        pointer: "#/x-odeme-provider/id",
        message: `"${model.id}" must match the file name "${expectedName}"`,
      },
    ]);
  }
  const dir = join(packagesDir, model.id);
  // Started first: in a worker it runs while this thread emits the client.
  const schema = emitSchema(model, spec.doc);
  // Handled below; until then, a failure must not count as an unhandled rejection.
  schema.catch(() => undefined);
  const version = await existingVersion(dir);
  const files: PackageFiles = new Map([
    ["package.json", emitPackageJson(model, version, coreVersion)],
    ["tsconfig.build.json", emitTsconfig()],
    ["README.md", emitReadme(model)],
    ["LICENSE", LICENSE_TEXT],
    [SHIPPED_SPEC, emitShippedSpec(model, spec.text)],
    ["src/schema.ts", ""],
    ["src/client.ts", emitClient(model)],
    ["src/index.ts", emitIndex(model)],
  ]);
  files.set("src/schema.ts", await schema);
  addConstraints(files, model, spec.doc);
  return { model, dir, files };
}
