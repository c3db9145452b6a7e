/**
 * How the soak (and the Postgres store's multi-instance tests) drive each provider's simulator:
 * start it, seed a 100.00 payment, say which route makes a refund of an amount, and read back the
 * refunds the simulator's ledger holds for a payment, in kuruş.
 */
import { startSimulator, type FaultInjector, type RequestRecord } from "@odeme/testkit";
import type { PaymentsOptions, ProviderId } from "@odeme/payments";

/** 10:00 in Istanbul, frozen: DineroPay refunds stay pending (never "settled" under a lookup's feet). */
export const SOAK_NOW = new Date("2024-06-12T07:00:00Z");

/** One refund the ledger holds: its amount in kuruş, and the key where the provider keeps it. */
export interface LedgerEntry {
  amount: number;
  key?: string;
}

export interface RunningProvider {
  id: ProviderId;
  /** This provider's part of createPayments' options. */
  options: PaymentsOptions;
  faults: FaultInjector;
  requests: readonly RequestRecord[];
  /** The route a refund of an amount takes (where a fault hits the write itself). */
  refundRoute: string;
  /** A fresh successful 100.00 TRY payment; its reference for `payments.refund`. */
  seed(): Record<string, unknown>;
  ledger(ref: Record<string, unknown>): LedgerEntry[];
  close(): Promise<void>;
}

export const SOAK_PROVIDERS: readonly ProviderId[] = ["iyzico", "paywall", "dineropay", "parolapay", "sipay-wallet"];

/**
 * Where a documented lookup finds a refund by the key (the facade sends it as that field), so a
 * planning read can find an earlier refund under the key after the store lost its record. Paywall
 * and DineroPay keep no key on a refund, and Parolapay keeps `merchant_ref` but documents no lookup
 * of refunds by it: for them the store is the only protection, and the soak does not run its
 * lost-store scenario (a lost record there refunds again: see the README).
 */
export const KEY_REFERENCE: Partial<Record<ProviderId, string>> = {
  iyzico: "conversationId",
  "sipay-wallet": "ext_transaction_id",
};

export async function startProvider(id: ProviderId): Promise<RunningProvider> {
  switch (id) {
    case "iyzico": {
      const sim = await startSimulator("iyzico", { now: SOAK_NOW });
      return {
        id,
        options: { iyzico: { ...sim.credentials, baseUrl: sim.url } },
        faults: sim.faults,
        requests: sim.requests,
        refundRoute: "/v2/payment/refund",
        seed: () => ({
          paymentId: sim.seedPayment({
            items: [
              { id: "A", price: "60.00" },
              { id: "B", price: "40.00" },
            ],
          }).paymentId,
        }),
        ledger: (ref) =>
          sim.ledger.refunds
            .filter((r) => r.paymentId === ref.paymentId)
            .map((r) => ({ amount: r.amount, ...(r.conversationId !== undefined ? { key: r.conversationId } : {}) })),
        close: () => sim.close(),
      };
    }
    case "paywall": {
      const sim = await startSimulator("paywall", { now: SOAK_NOW });
      return {
        id,
        options: { paywall: { ...sim.credentials, baseUrl: sim.url } },
        faults: sim.faults,
        requests: sim.requests,
        refundRoute: "/api/paywall/private/refund/partial",
        seed: () => {
          const p = sim.seedPayment({ amount: "100.00" });
          return { merchantUniqueCode: p.merchantUniqueCode, date: p.date };
        },
        // Paywall keeps no merchant reference on a refund: entries are told apart by amount.
        ledger: (ref) =>
          (sim.ledger.byMerchantUniqueCode(String(ref.merchantUniqueCode))?.activities ?? [])
            .filter((a) => a.type === "Refund" || a.type === "PartialRefund")
            .map((a) => ({ amount: a.amount })),
        close: () => sim.close(),
      };
    }
    case "dineropay": {
      const sim = await startSimulator("dineropay", { now: SOAK_NOW });
      return {
        id,
        options: { dineropay: { ...sim.credentials, baseUrl: sim.url } },
        faults: sim.faults,
        requests: sim.requests,
        refundRoute: "/api/v1/payment/refund",
        seed: () => ({ paymentId: sim.seedPayment({ amount: "100.00", currency: "TRY" }).paymentId }),
        // Pending and settled alike: a queued refund is money the payer gets back.
        ledger: (ref) => sim.ledger.refunds.filter((r) => r.paymentId === ref.paymentId).map((r) => ({ amount: r.amount })),
        close: () => sim.close(),
      };
    }
    case "parolapay": {
      const sim = await startSimulator("parolapay", { now: SOAK_NOW });
      return {
        id,
        options: { parolapay: { ...sim.credentials, baseUrl: sim.url } },
        faults: sim.faults,
        requests: sim.requests,
        refundRoute: "/parolapay/refund",
        seed: () => ({ intentId: sim.seedIntent({ amount: 10_000, status: "captured" }).intentId }),
        ledger: (ref) =>
          sim.ledger.refunds
            .filter((r) => r.intentId === ref.intentId)
            .map((r) => ({ amount: r.amount, ...(r.merchantRef !== undefined ? { key: r.merchantRef } : {}) })),
        close: () => sim.close(),
      };
    }
    case "sipay-wallet": {
      const sim = await startSimulator("sipay-wallet", { now: SOAK_NOW });
      return {
        id,
        // The adapter dates its searches by this clock, so they cover the simulator's records.
        options: { "sipay-wallet": { ...sim.credentials, baseUrl: sim.url, now: () => sim.clock.now() } },
        faults: sim.faults,
        requests: sim.requests,
        refundRoute: "/v1/Transaction/RefundPaymentInstant",
        seed: () => ({ transactionId: sim.seedPayment({ amount: "100.00" }).transactionId }),
        ledger: (ref) =>
          sim.ledger.transactions
            .filter((t) => t.txCorrelationId === ref.transactionId)
            .map((t) => ({ amount: t.amount, key: t.extTransactionId })),
        close: () => sim.close(),
      };
    }
  }
}
