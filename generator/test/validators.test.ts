/**
 * src/validators.compiled.ts is ajv standalone code committed so the generator runs before any
 * build: it must be exactly what build/compile-validators.ts makes of today's schemas.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMPILED_FILE, compiledValidatorsSource } from "../build/compile-validators.ts";
import * as compiled from "../src/validators.compiled.ts";

describe("the validators compiled ahead of time", () => {
  it("match the OAS 3.1 schema, extensions.schema.json and ajv installed (else: pnpm --filter @odeme/generator run validators)", () => {
    expect(readFileSync(COMPILED_FILE, "utf8") === compiledValidatorsSource()).toBe(true);
  }, 60_000);

  it("export the five validators validate.ts uses", () => {
    expect(Object.keys(compiled).sort()).toEqual(["ext", "meta", "oas", "op", "schema"]);
  });

  it("check Schema Objects against the JSON Schema 2020-12 meta-schema", () => {
    const meta = compiled.meta as unknown as ((s: unknown) => boolean) & { errors?: { keyword: string }[] | null };
    expect(meta({ type: "object", properties: { a: { type: "string" } } })).toBe(true);
    expect(meta({ type: "strin" })).toBe(false);
    expect(meta.errors?.length).toBeGreaterThan(0);
  });
});
