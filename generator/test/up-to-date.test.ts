import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generationKey, generatorFingerprint, recordGeneration, upToDate } from "../src/up-to-date.ts";

const work = mkdtempSync(join(tmpdir(), "odeme-up-to-date-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** A package folder with `files` on disk, recorded as generated under `key`; the cache in its own folder. */
function generated(files: Record<string, string>, key = "k1") {
  const root = join(work, `case-${n++}`);
  const dir = join(root, "packages/acme");
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  recordGeneration(dir, key, 3, new Map(Object.entries(files)), root);
  return { root, dir };
}

const FILES = { "package.json": "{}\n", "src/client.ts": "export {};\n", "src/index.ts": "export * from './client.ts';\n" };

describe("upToDate", () => {
  it("holds when the key is the recorded one and every file has the bytes written", () => {
    const { root, dir } = generated(FILES);
    expect(upToDate(dir, "k1", root)).toMatchObject({ key: "k1", operations: 3 });
  });

  it.each<[string, (dir: string) => void]>([
    ["a hand edit of a generated file", (dir) => writeFileSync(join(dir, "src/client.ts"), "export const x = 1;\n")],
    ["a generated file deleted", (dir) => rmSync(join(dir, "src/index.ts"))],
    ["a file in src/ the generator did not write", (dir) => writeFileSync(join(dir, "src/extra.ts"), "")],
  ])("does not hold after %s", (_title, change) => {
    const { root, dir } = generated(FILES);
    change(dir);
    expect(upToDate(dir, "k1", root)).toBeUndefined();
  });

  it("does not hold for another key, or without a record", () => {
    const { root, dir } = generated(FILES);
    expect(upToDate(dir, "k2", root)).toBeUndefined();
    expect(upToDate(dir, "k1", join(work, "no-cache-here"))).toBeUndefined();
  });
});

describe("the cache", () => {
  it("keeps one record per package folder that still exists, and drops the rest when it records", () => {
    const root = join(work, "shared-cache");
    const folder = (name: string) => {
      const dir = join(root, "packages", name);
      mkdirSync(join(dir, "src"), { recursive: true });
      writeFileSync(join(dir, "src/index.ts"), "export {};\n");
      return dir;
    };
    const record = (dir: string) => recordGeneration(dir, "k1", 1, new Map([["src/index.ts", "export {};\n"]]), root);
    const records = () => readdirSync(join(root, "node_modules/.cache/odeme-gen")).length;
    const [a, b, c] = [folder("a"), folder("b"), folder("c")];
    record(a);
    record(b);
    record(c);
    record(c);
    expect(records()).toBe(3);
    rmSync(b, { recursive: true });
    rmSync(c, { recursive: true });
    writeFileSync(join(root, "node_modules/.cache/odeme-gen/torn.json"), "{");
    record(a);
    expect(records()).toBe(1);
    expect(upToDate(a, "k1", root)).toMatchObject({ key: "k1", dir: a });
  });
});

describe("generationKey", () => {
  it("changes with the spec's bytes and with core's version, not otherwise", () => {
    const spec = Buffer.from("openapi: 3.1.0\n");
    const key = generationKey(spec, "0.1.0");
    expect(generationKey(Buffer.from("openapi: 3.1.0\n"), "0.1.0")).toBe(key);
    expect(generationKey(Buffer.from("openapi: 3.1.1\n"), "0.1.0")).not.toBe(key);
    expect(generationKey(spec, "0.2.0")).not.toBe(key);
  });

  it("includes a fingerprint of the generating code (a sha256)", () => {
    expect(generatorFingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });
});
