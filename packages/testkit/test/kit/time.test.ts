import { describe, expect, it } from "vitest";
import { ISTANBUL_TIME_ZONE, istanbulDateTime, istanbulDay } from "../../src/kit/time.ts";

describe("Istanbul time", () => {
  it("is Europe/Istanbul", () => {
    expect(ISTANBUL_TIME_ZONE).toBe("Europe/Istanbul");
  });

  it("puts 21:30 UTC on the next Istanbul day (UTC+3 all year)", () => {
    const lateUtc = new Date("2024-06-12T21:30:00Z");
    expect(istanbulDay(lateUtc)).toBe("2024-06-13");
    expect(istanbulDay(new Date("2024-01-15T20:59:59Z"))).toBe("2024-01-15");
  });

  it("writes the providers' local date-times, with a space or a T", () => {
    const at = new Date("2024-06-13T11:05:09Z");
    expect(istanbulDateTime(at)).toBe("2024-06-13 14:05:09");
    expect(istanbulDateTime(at, "T")).toBe("2024-06-13T14:05:09");
    // Midnight is 00, not 24 (hourCycle h23).
    expect(istanbulDateTime(new Date("2024-06-12T21:00:00Z"))).toBe("2024-06-13 00:00:00");
  });
});
