import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "../../src/kit/crypto.ts";

describe("constantTimeEqual", () => {
  it("is true only for the same string", () => {
    expect(constantTimeEqual("sim-secret", "sim-secret")).toBe(true);
    expect(constantTimeEqual("sim-secret", "sim-secreT")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });

  it("compares strings of different lengths without throwing (timingSafeEqual alone would)", () => {
    expect(constantTimeEqual("short", "a much longer secret")).toBe(false);
    expect(constantTimeEqual("", "x")).toBe(false);
  });

  it("compares the UTF-8 text, not a normalization of it", () => {
    expect(constantTimeEqual("Simülatör", "Simülatör")).toBe(true);
    expect(constantTimeEqual("Simülatör", "Simulator")).toBe(false);
  });
});
