/** Paywall's entry in the provider registry: how to start it and what the CLI seeds. */
import type { ProviderRegistration } from "../registration.ts";
import { startPaywallSimulator, type PaywallCredentials, type PaywallSimulator } from "./simulator.ts";

const CREDENTIAL_NAMES = ["apiKeyPublic", "apiClientPublic", "apiKeyPrivate", "apiClientPrivate"] as const;

export const paywallProvider: ProviderRegistration<PaywallSimulator> = {
  id: "paywall",
  name: "Paywall",
  start(options) {
    let credentials: PaywallCredentials | undefined;
    if (options.credentials) {
      const given = options.credentials;
      const missing = CREDENTIAL_NAMES.filter((name) => typeof given[name] !== "string");
      if (missing.length > 0) throw new TypeError(`Paywall simulator credentials need ${CREDENTIAL_NAMES.join(", ")} (missing ${missing.join(", ")})`);
      credentials = {
        apiKeyPublic: given.apiKeyPublic as string,
        apiClientPublic: given.apiClientPublic as string,
        apiKeyPrivate: given.apiKeyPrivate as string,
        apiClientPrivate: given.apiClientPrivate as string,
      };
    }
    return startPaywallSimulator({
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
      ...(credentials ? { credentials } : {}),
    });
  },
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
};
