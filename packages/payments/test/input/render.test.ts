import { describe, expect, it } from "vitest";
import { isCalendarDate, maskCardNumbers, render } from "../../src/input/index.ts";

describe("render", () => {
  it.each<[string, unknown, string]>([
    ["a short string, quoted", "abc", '"abc"'],
    ["control characters as escapes", "a\nb\u0000", '"a\\nb\\u0000"'],
    ["a long string by its length only", "x".repeat(41), "a string of 41 characters"],
    ["a bigint", 12n, "12n (a bigint)"],
    ["a huge bigint by its digits", 10n ** 80n, "a bigint of 81 digits"],
    ["invisible characters as escapes", "a\u0085b\u202ec", '"a\\u0085b\\u202ec"'],
    ["NaN", Number.NaN, "NaN"],
    ["minus zero", -0, "-0"],
    ["undefined", undefined, "nothing"],
    ["null", null, "null"],
    ["a symbol", Symbol("secret"), "a symbol"],
    ["a function", () => "secret", "a function"],
    ["an array", [1, 2], "an array of 2 items"],
    ["a plain object by its keys", { a: 1, b: 2 }, "an object with keys a, b"],
    ["odd keys quoted", { "a b": 1 }, 'an object with key "a b"'],
    ["many keys, counted", { a: 1, b: 2, c: 3, d: 4, e: 5 }, "an object with keys a, b, c, d, ... (5 keys)"],
    ["an empty object", {}, "an empty object"],
    ["a class instance by its class", new Map(), "a Map"],
    ["a Date without calling it", new Date(0), "a Date"],
    ["a null-prototype object", Object.create(null), "an empty object"],
  ])("%s", (_what, value, shown) => {
    expect(render(value)).toBe(shown);
  });

  it("never calls toString or a getter", () => {
    const value = {
      toString: () => {
        throw new Error("called");
      },
      get x() {
        throw new Error("called");
      },
    };
    expect(render(value)).toBe("an object with keys toString, x");
  });

  it("a card number in a number or bigint is masked too", () => {
    expect(render(4111111111111111)).toBe("************1111");
    expect(render(4111111111111111n)).toBe("************1111n (a bigint)");
  });
});

describe("maskCardNumbers", () => {
  it.each([
    ["4111 1111 1111 1111", "************1111"],
    ["card 5549-6000-0000-0004 ok", "card ************0004 ok"],
    ["4111111111111111", "************1111"],
    // 19 digits, grouped: masked whatever the checksum.
    ["1234 5678 9012 3456 789", "***************6789"],
    // An unbroken id that fails the Luhn check stays readable (Sipay transaction ids).
    ["1339100064576364361", "1339100064576364361"],
    ["order 12345", "order 12345"],
  ])("%s", (text, masked) => {
    expect(maskCardNumbers(text)).toBe(masked);
  });
});

describe("isCalendarDate", () => {
  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2100-02-29", false],
    ["2000-02-29", true],
    ["2024-02-30", false],
    ["2024-04-31", false],
    ["2024-12-31", true],
    ["2024-13-01", false],
    ["0000-01-01", false],
    ["2024-1-01", false],
  ])("%s: %s", (date, ok) => {
    expect(isCalendarDate(date)).toBe(ok);
  });
});
