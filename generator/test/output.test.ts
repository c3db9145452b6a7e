import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { displayPath, staleFiles, writePackage, type PackageFiles } from "../src/output.ts";
import { listFiles, mtimes } from "./helpers.ts";

const work = mkdtempSync(join(tmpdir(), "odeme-output-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FILES: PackageFiles = new Map([
  ["package.json", "{}\n"],
  ["README.md", "# x\n"],
  ["src/index.ts", "export {};\n"],
  ["src/client.ts", "export const a = 1;\n"],
]);

/** A fresh package folder holding `disk` (relative path -> content). */
function folder(name: string, disk: Record<string, string>): string {
  const dir = join(work, name);
  for (const [rel, content] of Object.entries(disk)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

const same = Object.fromEntries(FILES);

describe("writePackage and staleFiles agree on what is out of date", () => {
  const cases: [string, { disk: Record<string, string>; want: { written: string[]; unchanged: string[]; removed: string[] } }][] = [
    [
      "an empty folder: everything is written",
      { disk: {}, want: { written: ["package.json", "README.md", "src/client.ts", "src/index.ts"], unchanged: [], removed: [] } },
    ],
    [
      "an up-to-date folder: nothing is written",
      { disk: same, want: { written: [], unchanged: ["package.json", "README.md", "src/client.ts", "src/index.ts"], removed: [] } },
    ],
    [
      "one changed file: only it is written",
      {
        disk: { ...same, "src/client.ts": "export const a = 2;\n" },
        want: { written: ["src/client.ts"], unchanged: ["package.json", "README.md", "src/index.ts"], removed: [] },
      },
    ],
    [
      "a source file the spec no longer produces: removed; other files outside src/ are not the generator's",
      {
        disk: { ...same, "src/refund.ts": "old\n", "CHANGELOG.md": "# changes\n" },
        want: { written: [], unchanged: ["package.json", "README.md", "src/client.ts", "src/index.ts"], removed: ["src/refund.ts"] },
      },
    ],
  ];

  it.each(cases)("%s", async (title, { disk, want }) => {
    const dir = folder(title.replace(/\W+/g, "-"), disk);
    const stale = await staleFiles(dir, FILES);
    expect(stale).toEqual([...want.written, ...want.removed].sort());
    const times = mtimes(dir);
    const result = await writePackage(dir, FILES);
    expect({ ...result, written: [...result.written].sort(), unchanged: [...result.unchanged].sort() }).toEqual({
      written: [...want.written].sort(),
      unchanged: [...want.unchanged].sort(),
      removed: want.removed,
    });
    // What it wrote is what was asked, nothing half-written or temporary is left behind,
    // and what it did not write kept its mtime.
    for (const [rel, content] of FILES) expect(readFileSync(join(dir, rel), "utf8")).toBe(content);
    expect(listFiles(dir).filter((f) => f.includes(".odeme-tmp-"))).toEqual([]);
    const after = mtimes(dir);
    for (const rel of want.unchanged) expect(after[rel], rel).toBe(times[rel]);
    for (const rel of Object.keys(disk).filter((f) => !f.startsWith("src/") && !FILES.has(f)))
      expect(readFileSync(join(dir, rel), "utf8")).toBe(disk[rel]);
    expect(await staleFiles(dir, FILES)).toEqual([]);
  });
});

describe("displayPath", () => {
  it.each([
    ["inside the working directory: relative", { given: ["/repo/specs/mini.yaml", "/repo"], want: "specs/mini.yaml" }],
    ["outside it: absolute, as given", { given: ["/tmp/x/specs/mini.yaml", "/repo"], want: "/tmp/x/specs/mini.yaml" }],
  ] as const)("%s", (_title, { given, want }) => {
    expect(displayPath(given[0], given[1])).toBe(want);
  });
});
