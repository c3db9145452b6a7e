import { describe, expect, it } from "vitest";
import { operationsOf, walkValues } from "../src/walk.ts";

const doc = {
  paths: {
    "/a": { parameters: [{ name: "x" }], post: { operationId: "createA" }, get: { operationId: "getA" }, summary: "not an operation" },
    "/b": { $ref: "#/components/pathItems/B" },
    "/c": "not a path item",
  },
  components: { pathItems: { B: { delete: { operationId: "deleteB" }, trace: { operationId: "traceB" } } } },
};

describe("operationsOf", () => {
  it("lists operations path by path, methods in the specification's order, following a path item $ref", () => {
    expect(operationsOf(doc).map((o) => [o.path, o.method, o.op.operationId])).toEqual([
      ["/a", "get", "getA"],
      ["/a", "post", "createA"],
      ["/b", "delete", "deleteB"],
      ["/b", "trace", "traceB"],
    ]);
    expect(operationsOf(doc)[0]?.item.parameters).toEqual([{ name: "x" }]);
  });
  it("keeps only the methods asked for, in their order", () => {
    expect(operationsOf(doc, ["post", "get", "delete"] as const).map((o) => `${o.method} ${o.path}`)).toEqual([
      "post /a",
      "get /a",
      "delete /b",
    ]);
  });
  it("is empty for a document without paths", () => {
    expect(operationsOf({})).toEqual([]);
  });
});

describe("walkValues", () => {
  it("visits every value, itself first, with its path", () => {
    const seen: string[] = [];
    walkValues({ a: [1, { b: true }] }, (node, path) => seen.push(`${path.join(".")}=${JSON.stringify(node)}`));
    expect(seen).toEqual(['={"a":[1,{"b":true}]}', 'a=[1,{"b":true}]', "a.0=1", 'a.1={"b":true}', "a.1.b=true"]);
  });
});
