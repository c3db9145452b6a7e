/** Parolapay's public API and its entry in the provider registry (how to start it, what the CLI seeds). */
import { defineProvider } from "../../kit/registration.ts";
import { startParolapaySimulator } from "./simulator.ts";

export {
  startParolapaySimulator,
  PAROLAPAY_SANDBOX_CREDENTIALS,
  PAROLAPAY_DEFAULT_OTP,
  type ParolapaySimulator,
  type ParolapaySimulatorOptions,
  type ParolapayCredentials,
  type SeedIntentInput,
  type SeededIntent,
  type SeedCardPaymentInput,
  type SeededCardPayment,
} from "./simulator.ts";
export type { ParolapayLedgerView, LedgerIntent, LedgerIntentRefund, LedgerCardPayment, LedgerSavedCard, ReportedState } from "./ledger.ts";
export { PAROLAPAY_ERRORS, type ParolapayErrorKey, type ParolapayErrorEntry } from "./errors.ts";

export const parolapayProvider = defineProvider({
  id: "parolapay",
  name: "Parolapay",
  credentialNames: ["username", "password"],
  start: startParolapaySimulator,
  seedDemo(sim) {
    const intents = [
      sim.seedIntent({ amount: 150000, merchantRef: "DEMO-ORDER-1001" }),
      sim.seedIntent({ amount: 24990, merchantRef: "DEMO-ORDER-1002" }),
    ];
    const card = sim.seedCardPayment({ amount: 9900, orderReference: "DEMO-CARD-2001" });
    const payments = intents.map((i) => ({
      intent_id: i.intentId,
      merchant_ref: i.merchantRef,
      order_reference: i.orderReference,
      payment_reference: i.paymentReference,
      amount: i.amount,
      currency: i.currency,
      status: i.status,
    }));
    const text = [
      ...intents.map((i) => `  intent ${i.intentId}  merchant_ref ${i.merchantRef}  amount ${i.amount} (kuruş) ${i.currency}  ${i.status}`),
      `  card payment ${card.paymentReference}  order_reference ${card.orderReference}  amount ${card.amount} (kuruş)  ${card.state}`,
      `  OTP for new intents: ${sim.otp}`,
    ];
    return {
      references: {
        payments,
        card_payments: [{ payment_reference: card.paymentReference, order_reference: card.orderReference, amount: card.amount, state: card.state }],
        otp: sim.otp,
      },
      text,
    };
  },
});
