import { describe, expect, it } from "vitest";
import { getPath, mapPath, parseJsonLossless, parseJsonNumbersAsWritten, RawNumber, stringifyWithRawNumbers } from "../src/json.ts";

describe("parseJsonLossless", () => {
  it.each([
    ["a 19-digit Sipay id", '{"transaction_id":7440022202222222022}', { transaction_id: "7440022202222222022" }],
    ["2^53 + 1", '{"id":9007199254740993}', { id: "9007199254740993" }],
    ["2^53 itself (already unsafe)", '{"id":9007199254740992}', { id: "9007199254740992" }],
    ["a negative id below -2^53", '{"id":-9007199254740993}', { id: "-9007199254740993" }],
    [
      "a nested object",
      '{"payload":{"wallet_info":{"id":7440022202222222022,"tenant_id":5}}}',
      { payload: { wallet_info: { id: "7440022202222222022", tenant_id: 5 } } },
    ],
    [
      "an array of records",
      '{"payload":[{"id":7440022202222222022},{"id":7440022202222222023}]}',
      { payload: [{ id: "7440022202222222022" }, { id: "7440022202222222023" }] },
    ],
    ["a bare array and top-level value", "[9007199254740993, 1, [7440022202222222022]]", ["9007199254740993", 1, ["7440022202222222022"]]],
    ["whitespace around the literal", '{ "id" :\n 7440022202222222022 \n}', { id: "7440022202222222022" }],
  ])("keeps %s exact", (_what, text, expected) => {
    expect(parseJsonLossless(text)).toEqual(expected);
  });

  it.each([
    ["digits inside a string", '{"note":"id 7440022202222222022 refunded"}', { note: "id 7440022202222222022 refunded" }],
    ["digits after an escaped quote", '{"q":"say \\"9007199254740993\\" ok","n":1}', { q: 'say "9007199254740993" ok', n: 1 }],
    ["a string ending in an escaped backslash, then an id", '{"p":"C:\\\\","id":9007199254740993}', { p: "C:\\", id: "9007199254740993" }],
    ["a numeric key", '{"9007199254740993":true}', { "9007199254740993": true }],
    ["unicode escapes", '{"m":"\\u0130ade 9007199254740993"}', { m: "İade 9007199254740993" }],
  ])("leaves %s alone", (_what, text, expected) => {
    expect(parseJsonLossless(text)).toEqual(expected);
  });

  it.each([
    ["a small integer", "42", 42],
    ["the largest safe integer", "9007199254740991", 9007199254740991],
    ["a negative safe integer", "-7", -7],
    ["a decimal", "10.5", 10.5],
    ["a decimal with trailing zeros", "10.00", 10],
    ["an exponent", "1e3", 1000],
    ["a long decimal (not an id)", "0.12345678901234567890", 0.1234567890123456789],
    ["a large exponent float", "1.5e300", 1.5e300],
  ])("parses %s as a number", (_what, text, expected) => {
    expect(parseJsonLossless(text)).toBe(expected);
  });

  it("parses true, false and null next to ids", () => {
    expect(parseJsonLossless('{"a":true,"b":false,"c":null,"d":7440022202222222022}')).toEqual({
      a: true,
      b: false,
      c: null,
      d: "7440022202222222022",
    });
  });

  it.each(["", "{", "<html>503</html>", '{"a":01}', "{'a':1}"])("still rejects invalid JSON %j", (text) => {
    expect(() => parseJsonLossless(text)).toThrow(SyntaxError);
  });
});

describe("parseJsonNumbersAsWritten", () => {
  it("gives every number as the text it was written in, at any depth, and leaves strings alone", () => {
    expect(parseJsonNumbersAsWritten('{"a":101.50,"b":[1,-2.0e3],"c":{"d":0.10},"s":"7.50","big":12345678901234567890}')).toEqual({
      a: "101.50",
      b: ["1", "-2.0e3"],
      c: { d: "0.10" },
      s: "7.50",
      big: "12345678901234567890",
    });
    // A digit inside a string (escaped quote included) is not a number.
    expect(parseJsonNumbersAsWritten('{"q":"say \\"1.0\\" 2","n":true}')).toEqual({ q: 'say "1.0" 2', n: true });
  });
});

describe("stringifyWithRawNumbers", () => {
  it("writes RawNumber values as bare literals, exactly", () => {
    const body = {
      refund_amount: new RawNumber("10.5"),
      tx_correlation_id: "7440022202222222022",
      big: new RawNumber("12345678901234567890.01"),
    };
    expect(stringifyWithRawNumbers(body)).toBe(
      '{"refund_amount":10.5,"tx_correlation_id":"7440022202222222022","big":12345678901234567890.01}',
    );
  });

  it("handles raw numbers in nested objects and arrays", () => {
    const body = {
      Products: [{ ProductAmount: new RawNumber("1.00") }, { ProductAmount: new RawNumber("70") }],
      PaymentDetail: { Amount: new RawNumber("71.00") },
    };
    expect(stringifyWithRawNumbers(body)).toBe(
      '{"Products":[{"ProductAmount":1.00},{"ProductAmount":70}],"PaymentDetail":{"Amount":71.00}}',
    );
  });

  it("is JSON.stringify when there is no raw number", () => {
    const body = { a: "x", b: [1, null, { c: "é" }] };
    expect(stringifyWithRawNumbers(body)).toBe(JSON.stringify(body));
  });

  it.each(["1e3", "abc", "", "1,5", "NaN", "10.", ".5"])("RawNumber refuses %j (it would make invalid JSON)", (literal) => {
    expect(() => new RawNumber(literal)).toThrow(TypeError);
  });
});

describe("mapPath and getPath", () => {
  const root = { items: [{ price: 1 }, { price: 2 }, { name: "x" }], order: { amount: 3 }, keep: { a: 1 } };

  it("replaces every value at the path, arrays expanded, without changing the caller's objects", () => {
    const seen: string[] = [];
    const out = mapPath(root, "items[].price", (v, at) => (seen.push(at), typeof v === "number" ? v * 10 : v)) as typeof root;
    expect(seen).toEqual(["items[0].price", "items[1].price"]);
    expect(out.items).toEqual([{ price: 10 }, { price: 20 }, { name: "x" }]);
    expect(root.items[0]).toEqual({ price: 1 });
    // What lies off the path is shared, not copied.
    expect(out.keep).toBe(root.keep);
    expect(out.items[2]).toBe(root.items[2]);
  });

  it("returns the root itself when nothing under an object path changed, and skips what is absent", () => {
    expect(mapPath(root, "order.amount", (v) => v)).toBe(root);
    expect(mapPath(root, "order.missing", () => "never")).toBe(root);
    expect(mapPath(root, "toString", () => "never")).toBe(root);
  });

  it("getPath reads the first value at a path", () => {
    expect(getPath(root, "order.amount")).toBe(3);
    expect(getPath(root, "items[].price")).toBe(1);
    expect(getPath(root, "items[].missing")).toBeUndefined();
    expect(getPath(root, "keep")).toBe(root.keep);
  });
});
