import type { ProviderModel } from "../model.ts";

/**
 * `package.json` of a generated package. The version is the one already on disk (changesets bumps
 * it), so regenerating never fights a release.
 */
export function emitPackageJson(model: ProviderModel, existingVersion: string | undefined, coreVersion: string): string {
  const pkg = {
    name: `@odeme/${model.id}`,
    version: existingVersion ?? "0.1.0",
    description: `Typed ${model.name} client generated from ${model.specFile}: every operation, field and error typed; signed; fetch-based.`,
    license: "MIT",
    type: "module",
    sideEffects: false,
    exports: {
      ".": { "@odeme/source": "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" },
    },
    files: ["dist", "src"],
    engines: { node: ">=20.11" },
    keywords: ["odeme", model.id, "payments", "turkey", "openapi"],
    scripts: { build: "tsc -p tsconfig.build.json" },
    dependencies: { "@odeme/core": `workspace:^${coreVersion}` },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function emitTsconfig(): string {
  return `${JSON.stringify(
    {
      extends: "../../tsconfig.build.base.json",
      compilerOptions: { rootDir: "src", outDir: "dist" },
      include: ["src"],
    },
    null,
    2,
  )}\n`;
}
