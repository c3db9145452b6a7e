/** iyzico's public API and its entry in the provider registry (how to start it, what the CLI seeds). */
import { defineProvider } from "../../kit/registration.ts";
import { startIyzicoSimulator } from "./simulator.ts";

export * from "./simulator.ts";
export type { IyzicoLedgerView, LedgerPayment, LedgerItem, LedgerRefund, LedgerRefundOfItem, LedgerCancel } from "./ledger.ts";
export { IYZICO_ERRORS, type IyzicoErrorKey } from "./errors.ts";

export const iyzicoProvider = defineProvider({
  id: "iyzico",
  name: "iyzico",
  credentialNames: ["apiKey", "secretKey"],
  start: startIyzicoSimulator,
  seedDemo(sim) {
    const payments = [
      sim.seedPayment({
        conversationId: "demo-order-1001",
        basketId: "B1001",
        items: [
          { id: "BI101", price: "30.0" },
          { id: "BI102", price: "50.0" },
          { id: "BI103", price: "20.0" },
        ],
      }),
      sim.seedPayment({
        conversationId: "demo-order-1002",
        basketId: "B1002",
        paidPrice: "121.5",
        items: [
          { id: "BI201", price: "75.0" },
          { id: "BI202", price: "45.0" },
        ],
      }),
    ];
    const text = payments.flatMap((p) => [
      `  payment ${p.paymentId}  paidPrice ${p.paidPrice} ${p.currency}`,
      ...p.items.map((i) => `    item ${i.itemId}  paymentTransactionId ${i.paymentTransactionId}  price ${i.price}  paidPrice ${i.paidPrice}`),
    ]);
    return { references: { payments: payments.map((p) => ({ ...p, items: p.items.map((i) => ({ ...i })) })) }, text };
  },
});
