/** Sipay Wallet as the registry lists it: its generated definition, capabilities, adapter. It documents no webhook signature. */
import { sipayWalletProvider } from "@odeme/sipay-wallet";
import type { ProviderModule } from "../adapter.ts";
import { createSipayWalletAdapter, type SipayWalletConfig } from "./adapter.ts";
import { sipayWalletCapabilities } from "./capabilities.ts";

export const sipayWallet = {
  id: "sipay-wallet",
  definition: sipayWalletProvider,
  capabilities: sipayWalletCapabilities,
  createAdapter: createSipayWalletAdapter,
} as const satisfies ProviderModule<"sipay-wallet", SipayWalletConfig>;
