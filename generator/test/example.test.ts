import { describe, expect, it } from "vitest";
import { exampleOf, isMoney } from "../src/example.ts";

const DOC = {
  components: {
    schemas: {
      Amount: { type: "string", pattern: "^[0-9]+\\.[0-9]+$", "x-odeme-money": true },
      Item: {
        type: "object",
        required: ["id", "price"],
        properties: { id: { type: "string", example: "BI101" }, price: { $ref: "#/components/schemas/Amount" }, note: { type: "string" } },
      },
      Base: { type: "object", required: ["locale"], properties: { locale: { type: "string", enum: ["tr", "en"] } } },
    },
  },
};

describe("exampleOf", () => {
  it("fills every required property and only those, from each property's own example or a placeholder", () => {
    expect(exampleOf(DOC, { $ref: "#/components/schemas/Item" })).toEqual({ id: "BI101", price: "…" });
  });

  it("keeps the spec's example and completes it with the required fields it leaves out", () => {
    expect(exampleOf(DOC, { $ref: "#/components/schemas/Item" }, { price: "10.0", note: "gift" })).toEqual({
      price: "10.0",
      note: "gift",
      id: "BI101",
    });
  });

  it("merges the required fields of every allOf part", () => {
    const schema = {
      allOf: [
        { $ref: "#/components/schemas/Base" },
        { type: "object", required: ["paymentId"], properties: { paymentId: { type: "string", example: "25180208" } } },
      ],
    };
    expect(exampleOf(DOC, schema)).toEqual({ locale: "tr", paymentId: "25180208" });
  });

  it("takes the first non-null option of a oneOf / anyOf", () => {
    expect(exampleOf(DOC, { oneOf: [{ type: "null" }, { type: "integer", minimum: 5 }] })).toBe(5);
    expect(exampleOf(DOC, { anyOf: [{ type: "boolean" }, { type: "string" }] })).toBe(false);
  });

  it("builds one item for an array that needs at least one, and maps a given array item by item", () => {
    const items = { type: "array", minItems: 1, items: { $ref: "#/components/schemas/Item" } };
    expect(exampleOf(DOC, items)).toEqual([{ id: "BI101", price: "…" }]);
    expect(exampleOf(DOC, { ...items, minItems: 0 })).toEqual([]);
    expect(exampleOf(DOC, items, [{ price: "1.0" }, { id: "X" }])).toEqual([
      { price: "1.0", id: "BI101" },
      { id: "X", price: "…" },
    ]);
  });

  it("prefers const, then example(s), then the first non-null enum value, then default", () => {
    expect(exampleOf(DOC, { type: "string", const: "c", example: "e" })).toBe("c");
    expect(exampleOf(DOC, { type: "string", examples: ["first", "second"] })).toBe("first");
    expect(exampleOf(DOC, { type: ["string", "null"], enum: [null, "TRY"] })).toBe("TRY");
    expect(exampleOf(DOC, { type: "string", default: "d" })).toBe("d");
  });

  it("uses placeholders valid for the type and format, and never an amount of zero", () => {
    expect(exampleOf(DOC, { type: "string", format: "date" })).toBe("2024-01-31");
    expect(exampleOf(DOC, { type: "string", format: "date-time" })).toBe("2024-01-31T12:00:00Z");
    expect(exampleOf(DOC, { type: "string", format: "email" })).toBe("buyer@example.com");
    expect(exampleOf(DOC, { type: "string", format: "uri" })).toBe("https://example.com/callback");
    expect(exampleOf(DOC, { type: "integer", minimum: 0 })).toBe(1);
    expect(exampleOf(DOC, { type: "number", minimum: 100 })).toBe(100);
    expect(exampleOf(DOC, { type: "object" })).toEqual({});
  });

  it("stops at a self-referencing schema instead of recursing forever", () => {
    const doc = {
      components: {
        schemas: { Node: { type: "object", required: ["child"], properties: { child: { $ref: "#/components/schemas/Node" } } } },
      },
    };
    let depth = 0;
    for (
      let cur = exampleOf(doc, { $ref: "#/components/schemas/Node" }) as { child?: unknown } | undefined;
      cur !== undefined;
      cur = cur.child as typeof cur
    )
      depth++;
    expect(depth).toBeGreaterThan(1);
    expect(depth).toBeLessThanOrEqual(18);
  });
});

describe("isMoney", () => {
  it("is true for an x-odeme-money schema, directly or through a $ref, or flagged beside the $ref", () => {
    expect(isMoney(DOC, { $ref: "#/components/schemas/Amount" })).toBe(true);
    expect(isMoney(DOC, { type: "string", "x-odeme-money": true })).toBe(true);
    expect(isMoney(DOC, { $ref: "#/components/schemas/Base", "x-odeme-money": true })).toBe(true);
    expect(isMoney(DOC, { type: "string" })).toBe(false);
    expect(isMoney(DOC, { $ref: "#/components/schemas/Item" })).toBe(false);
  });
});
