/** Sipay Wallet's public API and its entry in the provider registry (how to start it, what the CLI seeds). */
import { defineProvider } from "../../kit/registration.ts";
import type { JsonObject } from "../../spec.ts";
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
export type { SipayWalletLedgerView, LedgerWallet as SipayWalletLedgerWallet, LedgerTransaction as SipayWalletLedgerTransaction } from "./ledger.ts";
export { SIPAY_WALLET_ERRORS, SIPAY_WALLET_SUCCESS, type SipayWalletErrorKey } from "./errors.ts";

export const sipayWalletProvider = defineProvider({
  id: "sipay-wallet",
  name: "Sipay Wallet",
  credentialNames: ["clientId", "clientSecret"],
  start: startSipayWalletSimulator,
  seedDemo(sim) {
    const payments = [
      sim.seedPayment({ amount: "100.00", extTransactionId: "DEMO-PAY-1001", description: "demo order 1001" }),
      sim.seedPayment({ amount: "249.90", extTransactionId: "DEMO-PAY-1002", description: "demo order 1002" }),
    ];
    const { personal, business } = sim.wallets;
    const wallets: JsonObject[] = [
      { wallet_number: personal.walletNumber, account_number: personal.accountNumber, type: personal.type },
      { wallet_number: business.walletNumber, account_number: business.accountNumber, type: business.type, business_code: business.businessCode ?? null },
    ];
    const text = [
      ...payments.map((p) => `  payment transaction_id ${p.transactionId}  ext_transaction_id ${p.extTransactionId}  amount ${p.amount} TRY`),
      `  personal wallet ${personal.walletNumber} (account ${personal.accountNumber}) -> business wallet ${business.walletNumber} (business_code ${business.businessCode})`,
      "  token: POST /connect/token (form: grant_type=client_credentials, client_id, client_secret, scope=sts_api or sts_business_api)",
    ];
    return {
      references: {
        payments: payments.map((p) => ({ transaction_id: p.transactionId, ext_transaction_id: p.extTransactionId, amount: p.amount })),
        wallets,
      },
      text,
    };
  },
});
