import { describe, expect, it } from "vitest";
import { deref, inlineRefs, type InlineProblem, isObject, resolvePointer } from "../src/ref.ts";

const doc = {
  components: {
    schemas: {
      Amount: { type: "string", pattern: "^\\d+$" },
      Price: { $ref: "#/components/schemas/Amount" },
      Loop: { $ref: "#/components/schemas/Loop" },
      "a/b~c": { type: "integer" },
      Node: { properties: { child: { $ref: "#/components/schemas/Node" } } },
    },
  },
  list: [{ name: "first" }],
};

describe("isObject", () => {
  it.each([
    [{}, true],
    [[], false],
    [null, false],
    ["s", false],
  ])("%j -> %s", (given, want) => expect(isObject(given)).toBe(want));
});

describe("resolvePointer", () => {
  it("walks objects and arrays, unescaping ~1 and ~0", () => {
    expect(resolvePointer(doc, "#/components/schemas/Amount")).toEqual({ type: "string", pattern: "^\\d+$" });
    expect(resolvePointer(doc, "#/components/schemas/a~1b~0c")).toEqual({ type: "integer" });
    expect(resolvePointer(doc, "#/list/0/name")).toBe("first");
    expect(resolvePointer(doc, "#")).toBe(doc);
  });
  it("is undefined for a pointer to nothing", () => {
    expect(resolvePointer(doc, "#/components/schemas/Nope")).toBeUndefined();
    expect(resolvePointer(doc, "#/list/0/name/deeper")).toBeUndefined();
  });
});

describe("deref", () => {
  it("follows a chain of $refs to the node they name", () => {
    expect(deref(doc, { $ref: "#/components/schemas/Price" })).toEqual({ type: "string", pattern: "^\\d+$" });
  });
  it("returns a node without $ref as it is, and undefined for a dangling $ref", () => {
    const plain = { type: "boolean" };
    expect(deref(doc, plain)).toBe(plain);
    expect(deref(doc, { $ref: "#/nope" })).toBeUndefined();
  });
  it("ends on a cycle instead of looping", () => {
    expect(deref(doc, { $ref: "#/components/schemas/Loop" })).toEqual({ $ref: "#/components/schemas/Loop" });
  });
});

describe("inlineRefs", () => {
  const fail = (p: InlineProblem): never => {
    throw new Error(`${p.kind} ${p.ref}`);
  };
  it("copies a value with every $ref replaced by its target, siblings of a $ref winning", () => {
    const given = { items: [{ $ref: "#/components/schemas/Price", description: "the price", pattern: "^1" }] };
    expect(inlineRefs(doc, given, fail)).toEqual({ items: [{ type: "string", pattern: "^1", description: "the price" }] });
    expect(given.items[0]).toHaveProperty("$ref");
  });
  it.each([
    ["external", { $ref: "other.yaml#/x" }, "external other.yaml#/x"],
    ["dangling", { $ref: "#/components/schemas/Nope" }, "dangling #/components/schemas/Nope"],
    ["recursive", { $ref: "#/components/schemas/Node" }, "recursive #/components/schemas/Node"],
  ])("hands a %s $ref to fail", (_kind, given, want) => {
    expect(() => inlineRefs(doc, given, fail)).toThrow(want);
  });
});
