/** DineroPay as the registry lists it: its generated definition, capabilities, adapter and webhook check. */
import { dineropayProvider } from "@odeme/dineropay";
import type { ProviderModule } from "../adapter.ts";
import { createDineroPayAdapter, type DineroPayConfig } from "./adapter.ts";
import { dineropayCapabilities } from "./capabilities.ts";
import { dineropayWebhook, type DineroPayCallbackEvent } from "./webhook.ts";

export const dineropay = {
  id: "dineropay",
  definition: dineropayProvider,
  capabilities: dineropayCapabilities,
  createAdapter: createDineroPayAdapter,
  webhook: dineropayWebhook,
} as const satisfies ProviderModule<"dineropay", DineroPayConfig, DineroPayCallbackEvent>;
