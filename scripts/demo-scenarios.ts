/**
 * What the demo seeds in each provider's simulator, and the facade reference of each payment.
 * One entry per provider: adding a provider to the demo is one entry here.
 */
import type { ProviderId } from "@odeme/payments";
import type { SimulatorsById } from "@odeme/testkit";

export interface DemoScenario {
  provider: ProviderId;
  /** Two payments: the first is refunded, the second cancelled. */
  payments: [Record<string, unknown>, Record<string, unknown>];
  /** Partial refund amount, TRY. */
  partialRefund: string;
  /** Providers whose refunds settle later (DineroPay) settle them here. */
  afterRefunds?: () => void;
}

interface ScenarioMaker<K extends keyof SimulatorsById & ProviderId> {
  provider: K;
  seed(sim: SimulatorsById[K]): DemoScenario;
}

const iyzico: ScenarioMaker<"iyzico"> = {
  provider: "iyzico",
  seed(sim) {
    const a = sim.seedPayment({ conversationId: "order-1001", items: [{ id: "BOOK", price: "120.0" }, { id: "PEN", price: "30.0" }] });
    const b = sim.seedPayment({ conversationId: "order-1002", items: [{ id: "MUG", price: "75.5" }] });
    return { provider: "iyzico", payments: [{ paymentId: a.paymentId }, { paymentId: b.paymentId }], partialRefund: "40.00" };
  },
};

export const scenarios = [iyzico] as ScenarioMaker<never>[];
