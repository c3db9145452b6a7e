import { describe, expect, it } from "vitest";
import { providerIds, startSimulator } from "../../src/index.ts";

describe("provider registry", () => {
  it("starts a registered simulator by id, typed by id", async () => {
    const sim = await startSimulator("iyzico", { credentials: { apiKey: "a", secretKey: "b" }, now: new Date("2024-01-01T00:00:00Z") });
    try {
      expect(sim.provider).toBe("iyzico");
      expect(sim.credentials).toEqual({ apiKey: "a", secretKey: "b" });
      expect(sim.clock.now().toISOString()).toBe("2024-01-01T00:00:00.000Z");
      expect(sim.seedPayment({ items: [{ id: "x", price: "1.0" }] }).paymentId).toMatch(/^\d+$/);
    } finally {
      await sim.close();
    }
  });

  it("rejects an unknown id, listing the known ones", async () => {
    expect(providerIds()).toContain("iyzico");
    await expect(startSimulator("nope")).rejects.toThrow(`No simulator for provider "nope". Known providers: ${providerIds().join(", ")}.`);
  });
});
