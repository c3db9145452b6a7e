import { describe, expect, it } from "vitest";
import { createPayments, PROVIDER_IDS } from "../../src/index.ts";
import { PROVIDERS } from "../../src/providers/registry.ts";
import { secretOptionNames } from "../../src/payments/secrets.ts";

describe("the provider registry", () => {
  it("has exactly one entry per provider id, in PROVIDER_IDS order, each for its own generated definition", () => {
    expect(Object.keys(PROVIDERS)).toEqual([...PROVIDER_IDS]);
    for (const id of PROVIDER_IDS) {
      expect(PROVIDERS[id].id).toBe(id);
      expect(PROVIDERS[id].definition.id).toBe(id);
    }
  });

  it("is what createPayments reads: capabilities, adapters and webhook schemes", () => {
    const payments = createPayments({});
    for (const id of PROVIDER_IDS) expect(payments.capabilities(id)).toBe(PROVIDERS[id].capabilities);
    const withWebhook = PROVIDER_IDS.filter((id) => "webhook" in PROVIDERS[id]);
    expect(withWebhook).toEqual(["iyzico", "paywall", "dineropay"]);
  });

  it("builds an adapter that names its provider, and an input schema that names it the same way", () => {
    for (const id of PROVIDER_IDS) {
      const create = PROVIDERS[id].createAdapter as unknown as (
        config: Record<string, unknown>,
        shared: object,
      ) => { provider: string; name: string; capabilities: unknown };
      const credentials = Object.fromEntries(secretOptionNames(id).map((name) => [name, "x"]));
      const adapter = create({ ...credentials, baseUrl: "http://127.0.0.1:9" }, {});
      expect(adapter.provider).toBe(id);
      expect(adapter.capabilities).toBe(PROVIDERS[id].capabilities);
      expect(PROVIDERS[id].input.name).toBe(adapter.name);
    }
  });

  it("has a cancel schema exactly where the capabilities say the provider can cancel", () => {
    for (const id of PROVIDER_IDS) expect(PROVIDERS[id].input.cancel !== undefined, id).toBe(PROVIDERS[id].capabilities.cancel);
  });
});
