import { describe, expect, it } from "vitest";
import { deref, isObject } from "../src/spec-ref.ts";

const DOC = {
  components: {
    schemas: {
      Amount: { type: "string", "x-odeme-money": true },
      Price: { $ref: "#/components/schemas/Amount" },
      "Refund/Request": { type: "object" },
      Loop: { $ref: "#/components/schemas/Loop" },
    },
  },
};

describe("isObject", () => {
  it("is true for plain objects only", () => {
    expect(isObject({})).toBe(true);
    for (const v of [null, [], "x", 1, undefined]) expect(isObject(v)).toBe(false);
  });
});

describe("deref", () => {
  it("follows a chain of local $refs to the schema they name", () => {
    expect(deref(DOC, { $ref: "#/components/schemas/Price" })).toEqual({ type: "string", "x-odeme-money": true });
  });

  it("returns a node without $ref as it is", () => {
    const node = { type: "integer" };
    expect(deref(DOC, node)).toBe(node);
    expect(deref(DOC, "text")).toBe("text");
  });

  it("reads escaped pointer segments", () => {
    expect(deref(DOC, { $ref: "#/components/schemas/Refund~1Request" })).toEqual({ type: "object" });
  });

  it("gives undefined for a $ref to nothing, and ends a cycle", () => {
    expect(deref(DOC, { $ref: "#/components/schemas/Missing" })).toBeUndefined();
    expect(deref(DOC, { $ref: "#/components/schemas/Loop" })).toEqual({ $ref: "#/components/schemas/Loop" });
  });
});
