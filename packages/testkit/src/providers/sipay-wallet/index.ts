/** Sipay Wallet's public API and its entry in the provider registry (how to start it, what the CLI seeds). */
import { defineProvider } from "../../kit/registration.ts";
import { seedDemo } from "./seed.ts";
import { startSipayWalletSimulator } from "./simulator.ts";

export {
  startSipayWalletSimulator,
  SIPAY_WALLET_SANDBOX_CREDENTIALS,
  SIPAY_WALLET_DEMO_WALLETS,
  SIPAY_WALLET_SCOPES,
  SIPAY_WALLET_DEFAULT_SEARCH_DAYS,
  SIPAY_WALLET_DEFAULT_PAGE_SIZE,
  type SipayWalletSimulator,
  type SipayWalletSimulatorOptions,
  type SipayWalletCredentials,
  type SeedPaymentInput as SipayWalletSeedPaymentInput,
  type SeededPayment as SipayWalletSeededPayment,
  type SeedWalletInput as SipayWalletSeedWalletInput,
  type SeededWallet as SipayWalletSeededWallet,
} from "./simulator.ts";
export type {
  SipayWalletLedgerView,
  LedgerWallet as SipayWalletLedgerWallet,
  LedgerTransaction as SipayWalletLedgerTransaction,
} from "./ledger.ts";
export { SIPAY_WALLET_ERRORS, SIPAY_WALLET_SUCCESS, type SipayWalletErrorKey } from "./errors.ts";

export const sipayWalletProvider = defineProvider("sipay-wallet", "Sipay Wallet", {
  credentialNames: ["clientId", "clientSecret"],
  start: startSipayWalletSimulator,
  seedDemo,
});
