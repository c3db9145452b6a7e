import { describe, expect, it } from "vitest";
import { calendarDay, createClock } from "../src/clock.ts";

describe("clock", () => {
  it("follows real time until set, then stays frozen and moves only with advance", () => {
    const clock = createClock();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
    clock.set(new Date("2024-01-01T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2024-01-01T00:00:00.000Z");
    clock.advance(86_400_000);
    expect(clock.now().toISOString()).toBe("2024-01-02T00:00:00.000Z");
    expect(() => clock.set(new Date("nope"))).toThrow(RangeError);
  });

  it("advance on a running clock shifts it", () => {
    const clock = createClock();
    clock.advance(3_600_000);
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(3_599_000);
  });

  it("calendarDay uses the provider's time zone (Istanbul is UTC+3)", () => {
    expect(calendarDay(new Date("2024-06-12T20:59:59Z"), "Europe/Istanbul")).toBe("2024-06-12");
    expect(calendarDay(new Date("2024-06-12T21:00:00Z"), "Europe/Istanbul")).toBe("2024-06-13");
  });
});
