import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { emitClient, emitIndex } from "./emit/client.ts";
import { addConstraints } from "./emit/constraints.ts";
import { emitPackageJson, emitShippedSpec, emitTsconfig, LICENSE_TEXT, SHIPPED_SPEC } from "./emit/package.ts";
import { emitReadme } from "./emit/readme.ts";
import { emitSchema } from "./emit/schema.ts";
import { loadSpec, SpecError } from "@odeme/spec";
import { buildModel, type ProviderModel } from "./model.ts";
import { displayPath, type PackageFiles } from "./output.ts";
import { validateSpec } from "./validate.ts";

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
export async function generatePackage(specPath: string, packagesDir: string, coreVersion = "0.1.0"): Promise<GeneratedPackage> {
  const spec = await loadSpec(displayPath(specPath));
  validateSpec(spec);
  const model = buildModel(spec);
  const expectedName = specPath.replace(/^.*[\\/]/, "").replace(/\.ya?ml$/, "");
  if (model.id !== expectedName) {
    throw new SpecError([{ file: spec.file, ...spec.locate(["x-odeme-provider", "id"]), pointer: "#/x-odeme-provider/id", message: `"${model.id}" must match the file name "${expectedName}"` }]);
  }
  const dir = join(packagesDir, model.id);
  const files: PackageFiles = new Map([
    ["package.json", emitPackageJson(model, await existingVersion(dir), coreVersion)],
    ["tsconfig.build.json", emitTsconfig()],
    ["README.md", emitReadme(model)],
    ["LICENSE", LICENSE_TEXT],
    [SHIPPED_SPEC, emitShippedSpec(model, spec.text)],
    ["src/schema.ts", await emitSchema(model, spec.doc)],
    ["src/client.ts", emitClient(model)],
    ["src/index.ts", emitIndex(model)],
  ]);
  addConstraints(files, model, spec.doc);
  return { model, dir, files };
}
