import { describe, expect, it } from "vitest";
import { emitPackageJson, emitShippedSpec, emitTsconfig, LICENSE_TEXT, REPOSITORY, SHIPPED_SPEC } from "../../src/emit/package.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { modelOf, repoRoot } from "../helpers.ts";

const MINI = modelOf("mini.yaml");
const DUO = modelOf("duo.yaml");

interface PackageJson {
  name: string;
  version: string;
  description: string;
  type: string;
  sideEffects: boolean;
  exports: Record<string, Record<string, string> | string>;
  files: string[];
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
}

describe("emitPackageJson", () => {
  const cases: [string, { given: { model: typeof MINI; existing: string | undefined; core: string }; want: Partial<PackageJson> }][] = [
    [
      "a new package starts at 0.1.0",
      {
        given: { model: MINI, existing: undefined, core: "0.1.0" },
        want: { name: "@odeme/mini", version: "0.1.0", dependencies: { "@odeme/core": "workspace:^0.1.0" } },
      },
    ],
    // changesets bumps the version on disk; regenerating must never reset it.
    ["an existing version is kept", { given: { model: MINI, existing: "2.3.4", core: "0.1.0" }, want: { version: "2.3.4" } }],
    [
      "a prerelease version is kept as is",
      { given: { model: DUO, existing: "1.0.0-next.2", core: "0.1.0" }, want: { name: "@odeme/duo", version: "1.0.0-next.2" } },
    ],
    [
      "the core dependency follows core's version",
      { given: { model: DUO, existing: "1.0.0", core: "0.7.1" }, want: { dependencies: { "@odeme/core": "workspace:^0.7.1" } } },
    ],
  ];

  it.each(cases)("%s", (_title, { given, want }) => {
    const text = emitPackageJson(given.model, given.existing, given.core);
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toMatchObject(want);
  });

  it.each([
    ["mini", MINI],
    ["duo", DUO],
  ] as const)("%s: an ESM package whose source condition points at src and whose description names the spec", (_title, model) => {
    const pkg = JSON.parse(emitPackageJson(model, undefined, "0.1.0")) as PackageJson;
    expect(pkg).toMatchObject({
      type: "module",
      sideEffects: false,
      exports: {
        ".": { "@odeme/source": "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" },
        "./package.json": "./package.json",
      },
      files: ["dist/**/*.js", "dist/**/*.d.ts", SHIPPED_SPEC],
      engines: { node: ">=20.19" },
      license: "MIT",
      repository: { type: "git", url: `git+${REPOSITORY}.git`, directory: `packages/${model.id}` },
      homepage: `${REPOSITORY}/tree/main/packages/${model.id}#readme`,
      bugs: { url: `${REPOSITORY}/issues` },
    });
    // Packing a fresh clone must build first, and never ship a stale file of an old build.
    expect(pkg.scripts.build).toBe("tsc -p tsconfig.build.json");
    expect(pkg.scripts.prepack).toMatch(/rmSync\('dist'.*&& tsc -p tsconfig\.build\.json$/);
    expect(REPOSITORY).not.toMatch(/example|placeholder|TODO/i);
    // JSON has no comments: the description is where package.json says it is generated.
    expect(pkg.description).toContain(`generated from ${model.specFile}`);
  });
});

describe("what a generated package ships beside its code", () => {
  it("the spec, verbatim after one line naming the original", () => {
    const text = emitShippedSpec(MINI, "openapi: 3.1.0\n");
    expect(text).toBe(
      `# A copy of ${MINI.specFile}, shipped with @odeme/mini by odeme-gen. Edit the original, not this.\nopenapi: 3.1.0\n`,
    );
  });

  it("the repository's MIT license, word for word", () => {
    expect(LICENSE_TEXT).toBe(readFileSync(join(repoRoot, "LICENSE"), "utf8"));
    expect(LICENSE_TEXT).toContain("Copyright (c) 2026 odeme contributors");
  });
});

describe("emitTsconfig", () => {
  it("builds src into dist from the shared base config", () => {
    expect(JSON.parse(emitTsconfig())).toEqual({
      extends: "../../tsconfig.build.base.json",
      compilerOptions: { rootDir: "src", outDir: "dist" },
      include: ["src"],
    });
  });
});
