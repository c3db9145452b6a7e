import { describe, expect, it } from "vitest";
import { luhnValid } from "../../src/kit/cards.ts";

describe("luhnValid", () => {
  it.each(["5528790000000008", "4111111111111129", "4000000000000002", "5284560000000009"])("accepts %s", (number) => {
    expect(luhnValid(number)).toBe(true);
  });

  it.each(["5528790000000009", "4111 1111 1111 1111", "12345678901", "12345678901234567890", ""])("rejects %j", (number) => {
    expect(luhnValid(number)).toBe(false);
  });
});
