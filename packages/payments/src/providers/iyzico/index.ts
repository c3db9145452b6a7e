/** iyzico as the registry lists it: its generated definition, capabilities, adapter and webhook check. */
import { iyzicoProvider } from "@odeme/iyzico";
import type { ProviderModule } from "../adapter.ts";
import { createIyzicoAdapter, type IyzicoConfig } from "./adapter.ts";
import { iyzicoCapabilities } from "./capabilities.ts";
import { iyzicoWebhook, type IyzicoWebhookEvent } from "./webhook.ts";

export const iyzico = {
  id: "iyzico",
  definition: iyzicoProvider,
  capabilities: iyzicoCapabilities,
  createAdapter: createIyzicoAdapter,
  webhook: iyzicoWebhook,
} as const satisfies ProviderModule<"iyzico", IyzicoConfig, IyzicoWebhookEvent>;
