import { describe, expect, it } from "vitest";
import { formatDiagnostic, fromPointer, SpecError, toPointer } from "../src/diagnostics.ts";

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
