import type { ProviderModel } from "../model.ts";

/** Where a generated package ships its spec (its README links this copy, which works on npm too). */
export const SHIPPED_SPEC = "openapi.yaml";

/** The repository every package's metadata points to. */
export const REPOSITORY = "https://github.com/odeme/odeme";

/** The MIT license every package ships (the same text as the repository's LICENSE). */
export const LICENSE_TEXT = `MIT License

Copyright (c) 2026 odeme contributors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

/** `openapi.yaml`: the spec the package was generated from, verbatim after one line saying so. */
export function emitShippedSpec(model: ProviderModel, specText: string): string {
  return `# A copy of ${model.specFile}, shipped with @odeme/${model.id} by odeme-gen. Edit the original, not this.\n${specText}`;
}

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
    repository: { type: "git", url: `git+${REPOSITORY}.git`, directory: `packages/${model.id}` },
    homepage: `${REPOSITORY}/tree/main/packages/${model.id}#readme`,
    bugs: { url: `${REPOSITORY}/issues` },
    type: "module",
    sideEffects: false,
    exports: {
      // `@odeme/source` is the workspace's own condition (tests and tsc read src/); consumers never set it.
      ".": { "@odeme/source": "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" },
      "./package.json": "./package.json",
    },
    // What a user runs and reads: the compiled JS and declarations, the README, the license and the
    // spec. Not src/ or source maps: the JS is tsc's unminified output of the same code, and they
    // would more than double the install.
    files: ["dist/**/*.js", "dist/**/*.d.ts", SHIPPED_SPEC],
    engines: { node: ">=20.19" },
    keywords: ["odeme", model.id, "payments", "turkey", "openapi"],
    scripts: {
      build: "tsc -p tsconfig.build.json",
      // A fresh clone has no dist/, an old one may hold files of removed modules: rebuild from clean.
      prepack: `node -e "require('node:fs').rmSync('dist',{recursive:true,force:true})" && tsc -p tsconfig.build.json`,
    },
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
