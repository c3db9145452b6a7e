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
  /** What is left after the partial refund, TRY: refunded explicitly as the second refund. */
  rest: string;
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
    const a = sim.seedPayment({
      conversationId: "order-1001",
      items: [
        { id: "BOOK", price: "120.0" },
        { id: "PEN", price: "30.0" },
      ],
    });
    const b = sim.seedPayment({ conversationId: "order-1002", items: [{ id: "MUG", price: "75.5" }] });
    return {
      provider: "iyzico",
      payments: [{ paymentId: a.paymentId }, { paymentId: b.paymentId }],
      partialRefund: "40.00",
      rest: "110.00",
    };
  },
};

const paywall: ScenarioMaker<"paywall"> = {
  provider: "paywall",
  seed(sim) {
    const a = sim.seedPayment({ amount: "250.00", merchantUniqueCode: "PW-2001" });
    const b = sim.seedPayment({ amount: "99.90", merchantUniqueCode: "PW-2002" });
    const ref = (p: { merchantUniqueCode: string; date: string }) => ({ merchantUniqueCode: p.merchantUniqueCode, date: p.date });
    return { provider: "paywall", payments: [ref(a), ref(b)], partialRefund: "100.00", rest: "150.00" };
  },
};

const dineropay: ScenarioMaker<"dineropay"> = {
  provider: "dineropay",
  seed(sim) {
    const a = sim.seedPayment({ amount: "80.00", orderNumber: "DP-3001" });
    const b = sim.seedPayment({ amount: "45.00", orderNumber: "DP-3002" });
    return {
      provider: "dineropay",
      payments: [{ paymentId: a.paymentId }, { paymentId: b.paymentId }],
      partialRefund: "30.00",
      rest: "50.00",
      // DineroPay answers "accepted" and settles refunds later; settle them so the lookup shows them.
      afterRefunds: () => sim.settleRefunds(),
    };
  },
};

const parolapay: ScenarioMaker<"parolapay"> = {
  provider: "parolapay",
  seed(sim) {
    const a = sim.seedIntent({ amount: 150_000, merchantRef: "PP-4001" });
    const b = sim.seedIntent({ amount: 20_000, merchantRef: "PP-4002", status: "authorized" });
    return {
      provider: "parolapay",
      payments: [{ intentId: a.intentId }, { intentId: b.intentId }],
      partialRefund: "500.00",
      rest: "1000.00",
    };
  },
};

const sipayWallet: ScenarioMaker<"sipay-wallet"> = {
  provider: "sipay-wallet",
  seed(sim) {
    const a = sim.seedPayment({ amount: "60.00" });
    const b = sim.seedPayment({ amount: "15.00" });
    return {
      provider: "sipay-wallet",
      payments: [{ transactionId: a.transactionId }, { transactionId: b.transactionId }],
      partialRefund: "10.00",
      rest: "50.00",
    };
  },
};

export const scenarios = [iyzico, paywall, dineropay, parolapay, sipayWallet] as ScenarioMaker<never>[];
