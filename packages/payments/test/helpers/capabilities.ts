/**
 * What every provider's capabilities must agree with, whatever their values: the flags the
 * `unverified` list names exist, and the flags the input schemas and the adapter also decide
 * (item refunds, cancel, who rejects a repeated key) say the same thing there.
 */
import { expect, it } from "vitest";
import { checkWrite } from "../../src/input/index.ts";
import { PROVIDERS } from "../../src/providers/registry.ts";
import { secretOptionNames } from "../../src/payments/secrets.ts";
import type { ProviderId } from "../../src/types.ts";

export function agreesWithTheProvider(id: ProviderId, payment: Record<string, unknown>): void {
  const { capabilities, input, createAdapter } = PROVIDERS[id];

  it("lists as unverified only flags it has, each once", () => {
    const flags = Object.keys(capabilities).filter((k) => typeof (capabilities as Record<string, unknown>)[k] === "boolean");
    for (const name of capabilities.unverified) expect(flags).toContain(name);
    expect(new Set(capabilities.unverified).size).toBe(capabilities.unverified.length);
  });

  it("says itemRefund and cancel exactly where the input checks let them through", () => {
    const item = () => checkWrite("refund", { provider: id, payment: { ...payment, paymentTransactionId: "2" }, idempotencyKey: "k1" });
    const cancel = () => checkWrite("cancel", { provider: id, payment, idempotencyKey: "k1" });
    for (const [flag, run] of [
      [capabilities.itemRefund, item],
      [capabilities.cancel, cancel],
    ] as const) {
      if (flag) expect(run).not.toThrow();
      else expect(run).toThrow(expect.objectContaining({ code: "unsupported" }));
    }
    expect(input.cancel !== undefined).toBe(capabilities.cancel);
  });

  it('says idempotency "provider" exactly when the adapter relies on the provider rejecting a repeated key', () => {
    const credentials = Object.fromEntries(secretOptionNames(id).map((name) => [name, "x"]));
    const adapter = (createAdapter as (config: object, shared: object) => { rejectsRepeatedKeys: boolean; planCancel?: unknown })(
      { ...credentials, baseUrl: "http://127.0.0.1:9" },
      {},
    );
    expect(adapter.rejectsRepeatedKeys).toBe(capabilities.idempotency === "provider");
    expect(adapter.planCancel !== undefined).toBe(capabilities.cancel);
  });
}
