import { describe, expect, it } from "vitest";
import { formatDiagnostic, fromPointer, SpecError, toPointer, type Diagnostic } from "../src/diagnostics.ts";

describe("JSON pointers", () => {
  it.each([
    [[], "#"],
    [["paths", "/payment/refund", "post"], "#/paths/~1payment~1refund/post"],
    [["a~b", 0], "#/a~0b/0"],
  ] as const)("%j <-> %s", (path, pointer) => {
    expect(toPointer(path)).toBe(pointer);
    expect(fromPointer(pointer)).toEqual(path.map(String));
  });
  it("decodes percent-escapes of a $ref", () => {
    expect(fromPointer("#/components/schemas/A%20B")).toEqual(["components", "schemas", "A B"]);
  });
});

describe("SpecError", () => {
  it("carries every diagnostic, formatted one a line in its message", () => {
    const d = [
      { file: "specs/x.yaml", line: 3, col: 5, pointer: "#/info", message: "must be object" },
      { file: "specs/x.yaml", line: 9, col: 1, pointer: "#/paths", message: "is missing" },
    ];
    const error = new SpecError(d);
    expect(error.name).toBe("SpecError");
    expect(error.diagnostics).toBe(d);
    expect(error.message).toBe("specs/x.yaml:3:5 #/info must be object\nspecs/x.yaml:9:1 #/paths is missing");
    expect(formatDiagnostic(d[0]!)).toBe("specs/x.yaml:3:5 #/info must be object");
  });
});

// Moved from the generator, whose diagnostics module this package replaced.

const AT: Diagnostic = {
  file: "specs/acme.yaml",
  line: 12,
  col: 7,
  pointer: "#/paths/~1refund/post/operationId",
  message: "must be string",
};

describe("formatDiagnostic (as odeme-gen prints it)", () => {
  it("pins the message to file:line:col and the JSON pointer", () => {
    expect(formatDiagnostic(AT)).toBe("specs/acme.yaml:12:7 #/paths/~1refund/post/operationId must be string");
  });
});

describe("SpecError (every diagnostic)", () => {
  it("carries every diagnostic, one line each in its message", () => {
    const second = { ...AT, line: 30, col: 3, pointer: "#/info", message: "must have required property 'title'" };
    const e = new SpecError([AT, second]);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("SpecError");
    expect(e.diagnostics).toEqual([AT, second]);
    expect(e.message.split("\n")).toEqual([formatDiagnostic(AT), formatDiagnostic(second)]);
  });
});

describe("JSON pointers (RFC 6901), escapes", () => {
  it("escapes ~ as ~0 and / as ~1, numbers as their digits", () => {
    expect(toPointer(["paths", "/payment/refund", "post", "responses", 200])).toBe("#/paths/~1payment~1refund/post/responses/200");
    expect(toPointer(["a~b", "c/d~1"])).toBe("#/a~0b/c~1d~01");
    expect(toPointer([])).toBe("#");
  });

  it("reads them back, the root as no segment", () => {
    expect(fromPointer("#/paths/~1payment~1refund/post")).toEqual(["paths", "/payment/refund", "post"]);
    expect(fromPointer("#/a~0b/c~1d~01")).toEqual(["a~b", "c/d~1"]);
    expect(fromPointer("#")).toEqual([]);
    expect(fromPointer("")).toEqual([]);
  });

  it("round-trips keys with both escapes (~01 is ~1, not /)", () => {
    for (const path of [
      ["components", "schemas", "Refund~1Request"],
      ["x", "~", "/", "~/"],
    ])
      expect(fromPointer(toPointer(path))).toEqual(path);
  });

  it("decodes a URI-fragment pointer as a $ref writes it", () => {
    expect(fromPointer("#/components/schemas/Ödeme%20Tutarı")).toEqual(["components", "schemas", "Ödeme Tutarı"]);
  });
});
