/** Paywall's public API and its entry in the provider registry (how to start it, what the CLI seeds). */
import { defineProvider } from "../../kit/registration.ts";
import { startPaywallSimulator } from "./simulator.ts";

export * from "./simulator.ts";

export const paywallProvider = defineProvider({
  id: "paywall",
  name: "Paywall",
  credentialNames: ["apiKeyPublic", "apiClientPublic", "apiKeyPrivate", "apiClientPrivate"],
  start: startPaywallSimulator,
  seedDemo(sim) {
    const payments = [
      sim.seedPayment({ amount: "101.50", merchantUniqueCode: "demo-order-1001" }),
      sim.seedPayment({ amount: "250.00", merchantUniqueCode: "demo-order-1002", cardNumber: "5549600000000004" }),
    ];
    return {
      // Named as Paywall's requests name them.
      references: {
        payments: payments.map((p) => ({
          PaymentId: p.paymentId,
          UniqueCode: p.uniqueCode,
          MerchantUniqueCode: p.merchantUniqueCode,
          Date: p.date,
          Amount: p.amount,
          CurrencyId: p.currencyId,
        })),
      },
      text: payments.map(
        (p) => `  PaymentId ${p.paymentId}  UniqueCode ${p.uniqueCode}  MerchantUniqueCode ${p.merchantUniqueCode}  Date ${p.date}  Amount ${p.amount}`,
      ),
    };
  },
});
