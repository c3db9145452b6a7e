/**
 * Runs the conformance scenarios (test/conformance/scenarios.ts) over real HTTP against every
 * provider simulator registered in @odeme/testkit. A provider without a registered simulator or a
 * harness is listed as a todo, so the gap shows in every test run. A scenario that needs a
 * capability the provider lacks is reported as skipped, with the reason in its name.
 */
import { providerIds } from "@odeme/testkit";
import { afterEach, beforeEach, describe, it } from "vitest";
import { createPayments, parseMoney, PROVIDER_IDS, type Payments } from "../src/index.ts";
import { HARNESSES, type RunningHarness, type SeededRefs } from "./conformance/harnesses.ts";
import { SCENARIOS, type ScenarioContext } from "./conformance/scenarios.ts";

const registered = new Set(providerIds());

for (const provider of PROVIDER_IDS) {
  const harness = HARNESSES[provider];
  if (harness === undefined || !registered.has(provider)) {
    describe(`conformance: ${provider}`, () => {
      it.todo(`no ${registered.has(provider) ? "harness in test/conformance/harnesses.ts" : "simulator registered in @odeme/testkit"} yet`);
    });
    continue;
  }

  describe(`conformance: ${provider}`, () => {
    let running: RunningHarness;
    let payments: Payments;
    beforeEach(async () => {
      running = await harness.start();
      payments = createPayments(running.options);
    });
    afterEach(() => running.close());

    // Capabilities are static per provider, so what applies is known before any simulator starts.
    const caps = createPayments({}).capabilities(provider);
    for (const scenario of SCENARIOS) {
      const skip = scenario.skip?.(caps);
      it.skipIf(skip !== undefined)(skip === undefined ? scenario.name : `${scenario.name} (skipped: ${skip})`, () =>
        scenario.run(context()),
      );
    }

    function context(): ScenarioContext {
      let refs: SeededRefs | undefined;
      const seeded = () => {
        if (refs === undefined) throw new Error("the scenario must seed() first");
        return refs;
      };
      const money = (amount: string) => parseMoney(amount, running.currency);
      return {
        caps: payments.capabilities(provider),
        async seed(purpose) {
          refs = running.seed(purpose);
        },
        // The scenarios are provider-neutral, so the typed per-provider inputs are built loosely here.
        refund: ({ key, amount, item }) =>
          payments.refund({
            provider,
            payment: item ? seeded().item : seeded().refund,
            ...(amount !== undefined ? { amount: money(amount) } : {}),
            idempotencyKey: key,
          } as never),
        cancel: (key) => payments.cancel({ provider, payment: seeded().cancel, idempotencyKey: key } as never),
        retrieve: () => payments.retrieve({ provider, payment: seeded().retrieve } as never),
        attempt: (operation) =>
          operation === "cancel"
            ? payments.cancel({ provider, payment: seeded().refund, idempotencyKey: "attempt-cancel" } as never)
            : payments.refund({
                provider,
                payment: { ...seeded().refund, paymentTransactionId: "1" },
                idempotencyKey: "attempt-item",
              } as never),
        ledgerRefunds: () => running.ledgerRefunds(seeded()),
        requestCount: () => running.requestCount(),
        settleRefunds: () => running.settleRefunds?.(),
        resetAfterNextRefund: () => running.resetAfterNextRefund(),
        resetsHit: () => running.resetsHit(),
        minor: (amount) => money(amount).minor,
      };
    }
  });
}
