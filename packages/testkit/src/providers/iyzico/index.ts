/** iyzico's public API and its entry in the provider registry (how to start it, what the CLI seeds). */
import { defineProvider } from "../../kit/registration.ts";
import { seedDemo } from "./seed.ts";
import { startIyzicoSimulator } from "./simulator.ts";

export * from "./simulator.ts";
export type { IyzicoLedgerView, LedgerPayment, LedgerItem, LedgerRefund, LedgerRefundOfItem, LedgerCancel } from "./ledger.ts";
export { IYZICO_ERRORS, type IyzicoErrorKey } from "./errors.ts";

export const iyzicoProvider = defineProvider("iyzico", "iyzico", {
  credentialNames: ["apiKey", "secretKey"],
  start: startIyzicoSimulator,
  seedDemo,
});
