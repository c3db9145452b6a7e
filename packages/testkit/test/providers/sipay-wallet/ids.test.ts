import { describe, expect, it } from "vitest";
import { INT64_MAX, newLongId } from "../../../src/providers/sipay-wallet/ids.ts";

describe("newLongId", () => {
  it("gives 19-digit ids within a long that a JS number can neither hold nor print back", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = newLongId((candidate) => seen.has(candidate));
      seen.add(id);
      expect(id).toMatch(/^[1-9]\d{18}$/);
      expect(BigInt(id) <= INT64_MAX).toBe(true);
      // Both ways a client could lose it: the double's value, and the text it prints.
      expect(BigInt(Number(id))).not.toBe(BigInt(id));
      expect(String(Number(id))).not.toBe(id);
    }
    expect(seen.size).toBe(20_000);
  });

  it("never hands out an id the ledger already has", () => {
    const first = newLongId(() => false);
    let asked = 0;
    const second = newLongId((candidate) => (asked++ === 0 ? true : candidate === first));
    expect(second).not.toBe(first);
    expect(asked).toBeGreaterThan(1);
  });
});
