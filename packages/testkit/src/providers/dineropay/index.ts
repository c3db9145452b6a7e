/** DineroPay's entry in the provider registry: how to start it and what the CLI seeds. */
import type { ProviderRegistration } from "../registration.ts";
import { startDineroPaySimulator, type DineroPaySimulator } from "./simulator.ts";

export const dineropayProvider: ProviderRegistration<DineroPaySimulator> = {
  id: "dineropay",
  name: "DineroPay",
  start(options) {
    const { merchantKey, password } = options.credentials ?? {};
    if (options.credentials && (merchantKey === undefined || password === undefined)) {
      throw new TypeError("DineroPay simulator credentials need merchantKey and password");
    }
    return startDineroPaySimulator({
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
      ...(merchantKey !== undefined && password !== undefined ? { credentials: { merchantKey, password } } : {}),
    });
  },
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
};
