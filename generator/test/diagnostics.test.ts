import { describe, expect, it } from "vitest";
import { formatDiagnostic, fromPointer, SpecError, toPointer, type Diagnostic } from "../src/diagnostics.ts";

const AT: Diagnostic = {
  file: "specs/acme.yaml",
  line: 12,
  col: 7,
  pointer: "#/paths/~1refund/post/operationId",
  message: "must be string",
};

describe("formatDiagnostic", () => {
  it("pins the message to file:line:col and the JSON pointer", () => {
    expect(formatDiagnostic(AT)).toBe("specs/acme.yaml:12:7 #/paths/~1refund/post/operationId must be string");
  });
});

describe("SpecError", () => {
  it("carries every diagnostic, one line each in its message", () => {
    const second = { ...AT, line: 30, col: 3, pointer: "#/info", message: "must have required property 'title'" };
    const e = new SpecError([AT, second]);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("SpecError");
    expect(e.diagnostics).toEqual([AT, second]);
    expect(e.message.split("\n")).toEqual([formatDiagnostic(AT), formatDiagnostic(second)]);
  });
});

describe("JSON pointers (RFC 6901)", () => {
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
