/** Parolapay's public API and its entry in the provider registry (how to start it, what the CLI seeds). */
import { defineProvider } from "../../kit/registration.ts";
import { seedDemo } from "./seed.ts";
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

export const parolapayProvider = defineProvider("parolapay", "Parolapay", {
  credentialNames: ["username", "password"],
  start: startParolapaySimulator,
  seedDemo,
});
