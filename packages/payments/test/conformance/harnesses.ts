/**
 * How the conformance runner drives each provider's simulator: start it, point the facade at it,
 * seed a payment, and read its ledger. One entry per provider whose simulator is registered in
 * @odeme/testkit; the runner lists any other as todo.
 */
import { startSimulator } from "@odeme/testkit";
import type { Currency, PaymentsOptions, ProviderId } from "../../src/index.ts";

/** 10:00 in Istanbul: a payment "made now" can still be cancelled the same day. */
export const SIMULATOR_NOW = new Date("2024-06-12T07:00:00Z");

/** The seeded payment's reference for each operation (typed loosely: scenarios are provider-neutral). */
export interface SeededRefs {
  refund: Record<string, unknown>;
  /** A reference to one basket item, for providers with item refunds. */
  item?: Record<string, unknown>;
  cancel: Record<string, unknown>;
  retrieve: Record<string, unknown>;
}

export interface RunningHarness {
  options: PaymentsOptions;
  currency: Currency;
  /** Seeds a successful 100.00 payment, made now; `cancel` one that can be voided. */
  seed(purpose?: "cancel"): SeededRefs;
  ledgerRefunds(refs: SeededRefs): number;
  requestCount(): number;
  /** Resets the connection after the next refund (of an amount) is applied. */
  resetAfterNextRefund(): void;
  /** How many requests a reset-after fault hit. */
  resetsHit(): number;
  /** Settles refunds the provider completes asynchronously (DineroPay); a no-op elsewhere. */
  settleRefunds?(): void;
  close(): Promise<void>;
}

export interface Harness {
  start(): Promise<RunningHarness>;
}

const same = (ref: Record<string, unknown>): SeededRefs => ({ refund: ref, cancel: ref, retrieve: ref });

export const HARNESSES: Partial<Record<ProviderId, Harness>> = {
  iyzico: {
    async start() {
      const sim = await startSimulator("iyzico", { now: SIMULATOR_NOW });
      return {
        options: { iyzico: { ...sim.credentials, baseUrl: sim.url } },
        currency: "TRY",
        seed() {
          const p = sim.seedPayment({
            items: [
              { id: "A", price: "60.00" },
              { id: "B", price: "40.00" },
            ],
          });
          const ref = { paymentId: p.paymentId };
          return { ...same(ref), item: { ...ref, paymentTransactionId: p.items[0]?.paymentTransactionId ?? "" } };
        },
        ledgerRefunds: (refs) => sim.ledger.refunds.filter((r) => r.paymentId === refs.refund.paymentId).length,
        requestCount: () => sim.requests.length,
        resetsHit: () => sim.requests.filter((r) => r.fault === "reset-after").length,
        // Amounts of a whole payment go through refundV2.
        resetAfterNextRefund: () => sim.faults.inject({ kind: "reset-after" }, { route: "/v2/payment/refund" }),
        close: () => sim.close(),
      };
    },
  },

  paywall: {
    async start() {
      const sim = await startSimulator("paywall", { now: SIMULATOR_NOW });
      return {
        options: { paywall: { ...sim.credentials, baseUrl: sim.url } },
        currency: "TRY",
        seed() {
          const p = sim.seedPayment({ amount: "100.00" });
          const ref = { merchantUniqueCode: p.merchantUniqueCode, date: p.date };
          return { refund: ref, cancel: ref, retrieve: { merchantUniqueCode: p.merchantUniqueCode } };
        },
        ledgerRefunds: (refs) =>
          sim.ledger
            .byMerchantUniqueCode(String(refs.refund.merchantUniqueCode))
            ?.activities.filter((a) => a.type === "Refund" || a.type === "PartialRefund").length ?? 0,
        requestCount: () => sim.requests.length,
        resetsHit: () => sim.requests.filter((r) => r.fault === "reset-after").length,
        resetAfterNextRefund: () => sim.faults.inject({ kind: "reset-after" }, { route: "/api/paywall/private/refund/partial" }),
        close: () => sim.close(),
      };
    },
  },

  dineropay: {
    async start() {
      const sim = await startSimulator("dineropay", { now: SIMULATOR_NOW });
      return {
        options: { dineropay: { ...sim.credentials, baseUrl: sim.url } },
        currency: "TRY",
        seed: () => same({ paymentId: sim.seedPayment({ amount: "100.00", currency: "TRY" }).paymentId }),
        ledgerRefunds: (refs) => sim.ledger.refunds.filter((r) => r.paymentId === refs.refund.paymentId).length,
        requestCount: () => sim.requests.length,
        resetsHit: () => sim.requests.filter((r) => r.fault === "reset-after").length,
        resetAfterNextRefund: () => sim.faults.inject({ kind: "reset-after" }, { route: "/api/v1/payment/refund" }),
        settleRefunds: () => sim.settleRefunds(),
        close: () => sim.close(),
      };
    },
  },

  parolapay: {
    async start() {
      const sim = await startSimulator("parolapay", { now: SIMULATOR_NOW });
      return {
        options: { parolapay: { ...sim.credentials, baseUrl: sim.url } },
        currency: "TRY",
        seed: (purpose) =>
          same({ intentId: sim.seedIntent({ amount: 10_000, status: purpose === "cancel" ? "authorized" : "captured" }).intentId }),
        ledgerRefunds: (refs) => sim.ledger.refunds.filter((r) => r.intentId === refs.refund.intentId).length,
        requestCount: () => sim.requests.length,
        resetsHit: () => sim.requests.filter((r) => r.fault === "reset-after").length,
        resetAfterNextRefund: () => sim.faults.inject({ kind: "reset-after" }, { route: "/parolapay/refund" }),
        close: () => sim.close(),
      };
    },
  },

  "sipay-wallet": {
    async start() {
      const sim = await startSimulator("sipay-wallet", { now: SIMULATOR_NOW });
      return {
        // The adapter computes its search ranges with the simulator's (frozen) clock.
        options: { "sipay-wallet": { ...sim.credentials, baseUrl: sim.url, now: () => sim.clock.now() } },
        currency: "TRY",
        seed: () => same({ transactionId: sim.seedPayment({ amount: "100.00" }).transactionId }),
        ledgerRefunds: (refs) => sim.ledger.transactions.filter((t) => t.txCorrelationId === refs.refund.transactionId).length,
        requestCount: () => sim.requests.length,
        resetsHit: () => sim.requests.filter((r) => r.fault === "reset-after").length,
        resetAfterNextRefund: () => sim.faults.inject({ kind: "reset-after" }, { route: "/v1/Transaction/RefundPaymentInstant" }),
        close: () => sim.close(),
      };
    },
  },
};
