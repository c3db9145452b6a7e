/** iyzico's entry in the provider registry: how to start it and what the CLI seeds. */
import type { ProviderRegistration } from "../registration.ts";
import { startIyzicoSimulator, type IyzicoSimulator } from "./simulator.ts";

export const iyzicoProvider: ProviderRegistration<IyzicoSimulator> = {
  id: "iyzico",
  name: "iyzico",
  start(options) {
    const { apiKey, secretKey } = options.credentials ?? {};
    if (options.credentials && (apiKey === undefined || secretKey === undefined)) {
      throw new TypeError("iyzico simulator credentials need apiKey and secretKey");
    }
    return startIyzicoSimulator({
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
      ...(apiKey !== undefined && secretKey !== undefined ? { credentials: { apiKey, secretKey } } : {}),
    });
  },
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
};
