/** Paywall as the registry lists it: its generated definition, capabilities, adapter and webhook check. */
import { paywallProvider } from "@odeme/paywall";
import type { ProviderModule } from "../adapter.ts";
import { createPaywallAdapter, type PaywallConfig } from "./adapter.ts";
import { paywallCapabilities } from "./capabilities.ts";
import { paywallWebhook, type PaywallCallbackEvent } from "./webhook.ts";

export const paywall = {
  id: "paywall",
  definition: paywallProvider,
  capabilities: paywallCapabilities,
  secretOptions: ["hashKey"],
  createAdapter: createPaywallAdapter,
  webhook: paywallWebhook,
} as const satisfies ProviderModule<"paywall", PaywallConfig, PaywallCallbackEvent>;
