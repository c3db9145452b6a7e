/** DineroPay's public API and its entry in the provider registry (how to start it, what the CLI seeds). */
import { defineProvider } from "../../kit/registration.ts";
import { startDineroPaySimulator } from "./simulator.ts";

export * from "./simulator.ts";

export const dineropayProvider = defineProvider({
  id: "dineropay",
  name: "DineroPay",
  credentialNames: ["merchantKey", "password"],
  start: startDineroPaySimulator,
  seedDemo(sim) {
    const payments = [
      sim.seedPayment({ amount: "100.00", currency: "TRY", orderNumber: "demo-order-2001", description: "Demo order 2001" }),
      sim.seedPayment({ amount: "49.90", currency: "TRY", orderNumber: "demo-order-2002", description: "Demo subscription", recurring: true }),
    ];
    return {
      // Named as DineroPay's requests name them (payment_id; order_id is the status lookup's name for order.number).
      references: {
        payments: payments.map((p) => ({
          payment_id: p.paymentId,
          order_id: p.orderNumber,
          amount: p.amount,
          currency: p.currency,
          status: p.status,
          ...(p.recurringToken !== undefined ? { recurring_token: p.recurringToken } : {}),
        })),
      },
      text: payments.map(
        (p) =>
          `  payment_id ${p.paymentId}  order_id ${p.orderNumber}  amount ${p.amount} ${p.currency}  status ${p.status}` +
          (p.recurringToken !== undefined ? `  recurring_token ${p.recurringToken}` : ""),
      ),
    };
  },
});
