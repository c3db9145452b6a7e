import { describe, expect, it } from "vitest";
import { emitPackageJson, emitTsconfig } from "../../src/emit/package.ts";
import { modelOf } from "../helpers.ts";

const MINI = modelOf("mini.yaml");
const DUO = modelOf("duo.yaml");

interface PackageJson {
  name: string;
  version: string;
  description: string;
  type: string;
  sideEffects: boolean;
  exports: Record<string, Record<string, string>>;
  files: string[];
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
}

describe("emitPackageJson", () => {
  const cases: [string, { given: { model: typeof MINI; existing: string | undefined; core: string }; want: Partial<PackageJson> }][] = [
    ["a new package starts at 0.1.0", { given: { model: MINI, existing: undefined, core: "0.1.0" }, want: { name: "@odeme/mini", version: "0.1.0", dependencies: { "@odeme/core": "workspace:^0.1.0" } } }],
    // changesets bumps the version on disk; regenerating must never reset it.
    ["an existing version is kept", { given: { model: MINI, existing: "2.3.4", core: "0.1.0" }, want: { version: "2.3.4" } }],
    ["a prerelease version is kept as is", { given: { model: DUO, existing: "1.0.0-next.2", core: "0.1.0" }, want: { name: "@odeme/duo", version: "1.0.0-next.2" } }],
    ["the core dependency follows core's version", { given: { model: DUO, existing: "1.0.0", core: "0.7.1" }, want: { dependencies: { "@odeme/core": "workspace:^0.7.1" } } }],
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
      exports: { ".": { "@odeme/source": "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" } },
      files: ["dist", "src"],
      scripts: { build: "tsc -p tsconfig.build.json" },
    });
    // JSON has no comments: the description is where package.json says it is generated.
    expect(pkg.description).toContain(`generated from ${model.specFile}`);
  });
});

describe("emitTsconfig", () => {
  it("builds src into dist from the shared base config", () => {
    expect(JSON.parse(emitTsconfig())).toEqual({ extends: "../../tsconfig.build.base.json", compilerOptions: { rootDir: "src", outDir: "dist" }, include: ["src"] });
  });
});
