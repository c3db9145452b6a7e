import { describe, expect, it } from "vitest";
import { checkHexSignature, header, parseBody, rawText, requireField, text } from "../../src/webhooks/verify.ts";

describe("the raw body", () => {
  it("is taken as a string or bytes, never as a parsed object", () => {
    expect(rawText("iyzico", "a=1")).toBe("a=1");
    expect(rawText("iyzico", new TextEncoder().encode("ş"))).toBe("ş");
    expect(() => rawText("iyzico", { a: 1 })).toThrow(expect.objectContaining({ code: "invalid_request", field: "rawBody" }));
  });

  it("is parsed as JSON when it looks like JSON, as a form post otherwise", () => {
    // An integer beyond 2^53 keeps every digit (a 19-digit id signs as sent).
    const json = parseBody("paywall", ' {"paymentId": 12345678901234567890, "amount": 101.50, "order": {"amount": 5.0}}');
    expect(text(json.fields, "paymentId")).toBe("12345678901234567890");
    // Signatures are over values as received: a JSON number keeps the digits it was written with.
    expect(text(json.fields, "amount")).toBe("101.50");
    expect(text(json.fields.order as Record<string, unknown>, "amount")).toBe("5.0");
    // The payload is the parsed body: numbers stay numbers, long ids exact strings.
    expect(json.payload).toEqual({ paymentId: "12345678901234567890", amount: 101.5, order: { amount: 5 } });
    expect(parseBody("paywall", "a=1&b=x")).toEqual({ fields: { a: "1", b: "x" }, payload: { a: "1", b: "x" } });
    for (const bad of ["", "  ", "{oops"])
      expect(() => parseBody("paywall", bad)).toThrow(expect.objectContaining({ code: "invalid_request" }));
  });

  it("gives a field as the text that was signed, absent as empty, and requires what it must", () => {
    expect(text({ n: null }, "n")).toBe("");
    expect(text({ o: { a: 1 } }, "o")).toBe('{"a":1}');
    expect(() => requireField("dineropay", {}, "id", "is this a DineroPay callback?")).toThrow(
      "the body has no id; is this a DineroPay callback?",
    );
  });
});

describe("headers", () => {
  it("are found whatever their case, in a record (first of several values) or a fetch Headers", () => {
    expect(header({ "X-Sig": "a" }, "x-sig")).toBe("a");
    expect(header({ "x-sig": ["a", "b"] }, "X-SIG")).toBe("a");
    expect(header(new Headers({ "X-Sig": "c" }), "x-sig")).toBe("c");
    expect(header(undefined, "x-sig")).toBeUndefined();
  });

  it("are found in a Headers of another fetch implementation (a ponyfill), whose entries are not own properties", () => {
    class PonyfillHeaders {
      readonly #map = new Map<string, string>();
      constructor(init: Record<string, string>) {
        for (const [k, v] of Object.entries(init)) this.#map.set(k.toLowerCase(), v);
      }
      get(name: string): string | null {
        return this.#map.get(name.toLowerCase()) ?? null;
      }
    }
    const bag = new PonyfillHeaders({ "X-IYZ-SIGNATURE-V3": "d" });
    expect(Object.keys(bag)).toEqual([]);
    expect(header(bag as unknown as Headers, "x-iyz-signature-v3")).toBe("d");
    expect(header(bag as unknown as Headers, "x-other")).toBeUndefined();
  });
});

describe("checkHexSignature", () => {
  const expected = "ab".repeat(32);
  const check = (received: string | undefined) => () =>
    checkHexSignature("iyzico", "X-SIG", received, expected, "send it.", "the secretKey");

  it("accepts the signature whatever its case", () => {
    expect(check(expected.toUpperCase())).not.toThrow();
  });

  it.each([
    [undefined, "invalid_request", "X-SIG is missing; send it."],
    ["zz", "invalid_request", "X-SIG is not a hex string."],
    ["ab", "invalid_request", "X-SIG has 2 hex characters; a valid one has 64."],
    ["cd".repeat(32), "authentication", "signature mismatch"],
  ])("refuses %j, never showing the expected signature", (received, code, says) => {
    let error: Error | undefined;
    try {
      check(received)();
    } catch (caught) {
      error = caught as Error;
    }
    expect(error).toMatchObject({ code, operation: "webhooks.verify" });
    expect(error?.message).toContain(says);
    expect(JSON.stringify(error) + String(error?.message)).not.toContain(expected);
  });
});
