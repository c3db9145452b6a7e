import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SpecError } from "@odeme/spec";
import { generatePackage } from "../src/generate.ts";
import { fixturesDir, fixtureText } from "./helpers.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "odeme-generate-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("generatePackage", () => {
  it("builds every file of the package in memory and writes nothing", async () => {
    const pkg = await generatePackage(join(fixturesDir, "mini.yaml"), dir, "9.8.7");
    expect(pkg.model.id).toBe("mini");
    expect(pkg.dir).toBe(join(dir, "mini"));
    expect([...pkg.files.keys()]).toEqual(
      expect.arrayContaining([
        "package.json",
        "tsconfig.build.json",
        "README.md",
        "LICENSE",
        "openapi.yaml",
        "src/schema.ts",
        "src/client.ts",
        "src/index.ts",
      ]),
    );
    expect(readdirSync(dir)).toEqual([]);
    const manifest = JSON.parse(pkg.files.get("package.json") as string) as { dependencies?: Record<string, string> };
    expect(JSON.stringify(manifest.dependencies)).toContain("9.8.7");
  });

  it("keeps the version a package already has on disk", async () => {
    mkdirSync(join(dir, "mini"));
    writeFileSync(join(dir, "mini", "package.json"), JSON.stringify({ name: "@odeme/mini", version: "3.4.5" }));
    const pkg = await generatePackage(join(fixturesDir, "mini.yaml"), dir);
    expect((JSON.parse(pkg.files.get("package.json") as string) as { version: string }).version).toBe("3.4.5");
  });

  it("refuses a spec whose provider id differs from its file name, pointing at the id", async () => {
    const renamed = join(dir, "other.yaml");
    writeFileSync(renamed, fixtureText("mini.yaml"));
    const error = await generatePackage(renamed, dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics).toEqual([
      expect.objectContaining({ pointer: "#/x-odeme-provider/id", message: '"mini" must match the file name "other"' }),
    ]);
    expect((error as SpecError).diagnostics[0]?.line).toBeGreaterThan(0);
  });
});
