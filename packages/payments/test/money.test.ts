import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CURRENCIES,
  type Currency,
  MAX_JSON_MINOR,
  MoneyError,
  add,
  compare,
  currencyExponent,
  formatDecimal,
  fromProviderNumber,
  isCurrency,
  isZero,
  min,
  money,
  parseMoney,
  subtract,
  toMinorNumber,
} from "../src/money.ts";

const currency = fc.constantFrom(...CURRENCIES);
const amount = (lo: bigint, hi: bigint) => fc.record({ minor: fc.bigInt({ min: lo, max: hi }), currency });
const STYLES = [{}, { minFractionDigits: 1 }, { minFractionDigits: 0 }] as const;
const RUNS = { numRuns: 2000 };

function rejection(run: () => unknown): MoneyError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MoneyError);
    return error as MoneyError;
  }
  throw new Error("expected a MoneyError");
}

describe("currencies", () => {
  it.each([
    ["TRY", 2],
    ["USD", 2],
    ["EUR", 2],
    ["GBP", 2],
    ["CHF", 2],
    ["NOK", 2],
    ["RUB", 2],
    ["IRR", 2],
    ["SAR", 2],
    ["JPY", 0],
    ["KWD", 3],
    ["BHD", 3],
  ] as const)("%s has %i decimals", (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it("knows only supported codes, including at runtime", () => {
    expect(isCurrency("TRY")).toBe(true);
    expect(isCurrency("try")).toBe(false);
    expect(isCurrency("toString")).toBe(false);
    expect(rejection(() => money(1n, "XYZ" as Currency)).message).toContain('"XYZ"');
  });
});

describe("money", () => {
  it("takes bigints and safe integer numbers", () => {
    expect(money(1500, "TRY")).toEqual({ minor: 1500n, currency: "TRY" });
    expect(money(2n ** 70n, "TRY").minor).toBe(2n ** 70n);
    expect(Object.isFrozen(money(1n, "TRY"))).toBe(true);
  });

  it.each([
    [1500.5, "1500.5 is not a whole number"],
    [2 ** 60, "1152921504606847000 is beyond Number.MAX_SAFE_INTEGER"],
    [Number.NaN, "NaN"],
    [-1, "-1 is negative"],
  ])("rejects %s", (value, message) => {
    expect(rejection(() => money(value, "TRY")).message).toContain(message);
  });

  it("allows negatives only when asked", () => {
    expect(money(-5n, "TRY", { allowNegative: true }).minor).toBe(-5n);
  });
});

describe("parseMoney", () => {
  it.each([
    ["15", "TRY", 1500n],
    ["15.3", "TRY", 1530n],
    ["15.30", "TRY", 1530n],
    ["0.01", "TRY", 1n],
    ["0", "TRY", 0n],
    ["22.00", "TRY", 2200n],
    ["15", "JPY", 15n],
    ["1.234", "KWD", 1234n],
    ["1.2", "BHD", 1200n],
    ["999999999999999999.99", "TRY", 99999999999999999999n],
  ] as const)("reads %j %s as %s minor units", (text, code, minor) => {
    expect(parseMoney(text, code)).toEqual({ minor, currency: code });
  });

  it.each([
    ["15.345", "TRY", "has 3 decimals but TRY has 2"],
    // iyzico's own formatPrice trims this to "15.34"; our facade never produces such a string, and
    // from a caller it is more likely a unit mix-up than a price, so it is refused.
    ["15.340000", "TRY", "has 6 decimals but TRY has 2"],
    ["15.0", "JPY", "has 1 decimal but JPY has 0"],
    ["1.2345", "KWD", "has 4 decimals but KWD has 3"],
    ["-1", "TRY", '"-1" is negative'],
    ["1e3", "TRY", '"1e3" is not a decimal amount'],
    [" 1", "TRY", '" 1" is not'],
    ["1 ", "TRY", '"1 " is not'],
    ["", "TRY", '"" is not'],
    ["1,5", "TRY", '"1,5" is not'],
    [".", "TRY", '"." is not'],
    [".5", "TRY", '".5" is not'],
    ["15.", "TRY", '"15." is not'],
    ["+1", "TRY", '"+1" is not'],
    ["01", "TRY", '"01" is not'],
    ["NaN", "TRY", '"NaN" is not'],
    ["Infinity", "TRY", '"Infinity" is not'],
    ["0x10", "TRY", '"0x10" is not'],
    ["1_000", "TRY", '"1_000" is not'],
    ["١٥", "TRY", "is not"],
    ["1".repeat(19), "TRY", "more than 18 integer digits"],
    ["9".repeat(5000), "TRY", "..."],
  ] as const)("rejects %j for %s", (text, code, message) => {
    const error = rejection(() => parseMoney(text, code));
    expect(error.code).toBe("invalid_amount");
    expect(error.message).toContain(message);
    expect(error.message.length).toBeLessThan(200);
  });

  it("reads negatives when allowed", () => {
    expect(parseMoney("-1", "TRY", { allowNegative: true }).minor).toBe(-100n);
    expect(parseMoney("-0.01", "TRY", { allowNegative: true }).minor).toBe(-1n);
  });

  it("names the field the caller gives", () => {
    const error = rejection(() => parseMoney("1.234", "TRY", { field: "amount" }));
    expect(error.field).toBe("amount");
    expect(error.message).toBe('amount: "1.234" has 3 decimals but TRY has 2; amounts are never rounded');
    expect(error.name).toBe("MoneyError");
    expect(error).toBeInstanceOf(Error);
    expect(rejection(() => parseMoney("x", "TRY")).field).toBeUndefined();
  });
});

describe("fromProviderNumber", () => {
  it.each([
    [15.34, "TRY", 1534n],
    [10, "TRY", 1000n],
    [0.1, "TRY", 10n],
    [0.29, "TRY", 29n],
    [1.7, "TRY", 170n],
    [-0, "TRY", 0n],
    [1.005, "KWD", 1005n],
    [15, "JPY", 15n],
    [9999999999999.99, "TRY", 999999999999999n],
  ] as const)("reads %s %s as %s minor units", (n, code, minor) => {
    expect(fromProviderNumber(n, code)).toEqual({ minor, currency: code });
  });

  it.each([
    [Number.NaN, "TRY", "NaN is not a finite amount"],
    [Number.POSITIVE_INFINITY, "TRY", "Infinity is not a finite amount"],
    [1e-7, "TRY", "1e-7 is outside"],
    [1e21, "TRY", "1e+21 is outside"],
    [1.005, "TRY", "has 3 decimals but TRY has 2"],
    [0.1 + 0.2, "TRY", "0.30000000000000004"],
    [15.5, "JPY", "has 1 decimal but JPY has 0"],
    [-5, "TRY", "is negative"],
    [2 ** 60, "JPY", "more than 18 integer digits"],
    [10_000_000_000_000, "TRY", "too large to arrive exactly"],
    [1e15, "JPY", "too large to arrive exactly"],
    // The provider may have sent 70368744177664.09: JSON.parse yields the same double.
    [70368744177664.1, "TRY", "too large to arrive exactly"],
  ] as const)("rejects %s for %s", (n, code, message) => {
    expect(rejection(() => fromProviderNumber(n, code, { field: "price" })).message).toContain(`price: `);
    expect(rejection(() => fromProviderNumber(n, code)).message).toContain(message);
  });
});

describe("formatDecimal", () => {
  it.each([
    [1530n, "TRY", {}, "15.30"],
    [1530n, "TRY", { minFractionDigits: 1 }, "15.3"],
    [1530n, "TRY", { minFractionDigits: 0 }, "15.3"],
    [2200n, "TRY", { minFractionDigits: 1 }, "22.0"],
    [2200n, "TRY", { minFractionDigits: 0 }, "22"],
    [1534n, "TRY", { minFractionDigits: 1 }, "15.34"],
    [1n, "TRY", {}, "0.01"],
    [0n, "TRY", {}, "0.00"],
    [0n, "TRY", { minFractionDigits: 0 }, "0"],
    [-5n, "TRY", {}, "-0.05"],
    [-150n, "TRY", { minFractionDigits: 0 }, "-1.5"],
    [15n, "JPY", {}, "15"],
    [15n, "JPY", { minFractionDigits: 1 }, "15"],
    [1230n, "KWD", {}, "1.230"],
    [1230n, "KWD", { minFractionDigits: 1 }, "1.23"],
    [1500n, "TRY", { maxFractionDigits: 0 }, "15"],
    [1500n, "TRY", { minFractionDigits: 4 }, "15.00"],
    [10n ** 30n, "TRY", {}, "10000000000000000000000000000.00"],
  ] as const)("formats %s %s with %j as %s", (minor, code, opts, text) => {
    expect(formatDecimal(money(minor, code, { allowNegative: true }), opts)).toBe(text);
  });

  it("refuses to cut a non-zero digit instead of rounding", () => {
    expect(rejection(() => formatDecimal(money(1530n, "TRY"), { maxFractionDigits: 0 })).message).toBe(
      "15.30 TRY needs 1 decimal but at most 0 are allowed here",
    );
  });

  it.each([-1, 1.5, Number.NaN])("rejects %s fraction digits", (digits) => {
    expect(() => formatDecimal(money(1n, "TRY"), { minFractionDigits: digits })).toThrow(RangeError);
  });

  // iyzico's formatPrice (UtilsTest.js) turns "22" and "22.00" into "22.0".
  it.each([
    ["22", "22.0"],
    ["22.00", "22.0"],
    ["23.12", "23.12"],
    ["15.3", "15.3"],
  ])("writes %j in iyzico style as %j", (text, wire) => {
    expect(formatDecimal(parseMoney(text, "TRY"), { minFractionDigits: 1 })).toBe(wire);
  });
});

describe("toMinorNumber", () => {
  it("returns safe integers and refuses the rest", () => {
    expect(toMinorNumber(money(1534n, "TRY"))).toBe(1534);
    expect(toMinorNumber(money(-9007199254740991n, "TRY", { allowNegative: true }))).toBe(-9007199254740991);
    expect(rejection(() => toMinorNumber(money(2n ** 53n, "TRY"))).message).toContain("9007199254740992 minor units");
  });
});

describe("arithmetic", () => {
  const a = money(1530n, "TRY");
  const b = money(70n, "TRY");

  it("adds, subtracts, compares exactly", () => {
    expect(add(a, b)).toEqual(money(1600n, "TRY"));
    expect(subtract(b, a)).toEqual(money(-1460n, "TRY", { allowNegative: true }));
    expect([compare(a, b), compare(b, a), compare(a, a)]).toEqual([1, -1, 0]);
    expect(min(a, b)).toBe(b);
    expect(isZero(subtract(a, a))).toBe(true);
    expect(isZero(a)).toBe(false);
  });

  it.each([
    ["add", add],
    ["subtract", subtract],
    ["compare", compare],
    ["min", min],
  ] as const)("refuses to %s two currencies and names both", (op, fn) => {
    const verb = op === "min" ? "compare" : op;
    expect(rejection(() => fn(a, money(1n, "USD"))).message).toBe(`cannot ${verb} TRY and USD`);
  });
});

describe("properties", () => {
  it("parseMoney reads back every format style", () => {
    for (const style of STYLES) {
      fc.assert(
        fc.property(amount(0n, 10n ** 15n), (m) => {
          expect(parseMoney(formatDecimal(m, style), m.currency)).toEqual(m);
        }),
        RUNS,
      );
      fc.assert(
        fc.property(amount(-(10n ** 15n), 10n ** 15n), (m) => {
          expect(parseMoney(formatDecimal(m, style), m.currency, { allowNegative: true })).toEqual(m);
        }),
        RUNS,
      );
    }
  });

  // Any decimal of at most 15 significant digits survives a trip through a double, so the property
  // holds over the whole range below MAX_JSON_MINOR (10^15 minor units: 13 lira digits plus kuruş),
  // not only over small amounts; the next property covers what lies above.
  it("fromProviderNumber reads back what a provider would send as a JSON number", () => {
    fc.assert(
      fc.property(amount(0n, MAX_JSON_MINOR - 1n), (m) => {
        const json = JSON.parse(JSON.stringify({ price: Number(formatDecimal(m)) })) as { price: number };
        expect(fromProviderNumber(json.price, m.currency)).toEqual(m);
      }),
      RUNS,
    );
  });

  it("fromProviderNumber is never silently wrong above the bound", () => {
    fc.assert(
      fc.property(amount(MAX_JSON_MINOR, 10n ** 20n), (m) => {
        expect(() => fromProviderNumber(Number(formatDecimal(m)), m.currency)).toThrow(MoneyError);
      }),
      RUNS,
    );
  });

  it("adding then subtracting is the identity, and no kuruş is gained or lost", () => {
    fc.assert(
      fc.property(
        currency,
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        (code, x, y) => {
          const a = money(x, code, { allowNegative: true });
          const b = money(y, code, { allowNegative: true });
          expect(subtract(add(a, b), b)).toEqual(a);
          expect(add(a, b).minor).toBe(x + y);
          expect(compare(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0);
          expect(min(a, b).minor).toBe(x < y ? x : y);
        },
      ),
      RUNS,
    );
  });

  it("a minor-unit number survives money and toMinorNumber", () => {
    fc.assert(
      fc.property(currency, fc.maxSafeNat(), (code, n) => {
        expect(toMinorNumber(money(n, code))).toBe(n);
      }),
    );
  });
});

describe("Money as JSON", () => {
  it("serializes as moneyToJSON does, with the fields still exactly minor and currency", () => {
    for (const m of [
      parseMoney("15.50", "TRY"),
      money(1234n, "KWD"),
      add(money(1n, "JPY"), money(2n, "JPY")),
      subtract(money(1n, "USD"), money(3n, "USD")),
    ]) {
      expect(JSON.parse(JSON.stringify({ amount: m }))).toEqual({ amount: { minor: m.minor.toString(), currency: m.currency } });
      expect(Object.keys(m)).toEqual(["minor", "currency"]);
      expect(Object.isFrozen(m)).toBe(true);
    }
  });
});
