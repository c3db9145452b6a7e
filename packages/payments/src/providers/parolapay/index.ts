/** Parolapay as the registry lists it: its generated definition, capabilities, adapter. It documents no webhook signature. */
import { parolapayProvider } from "@odeme/parolapay";
import type { ProviderModule } from "../adapter.ts";
import { createParolapayAdapter, type ParolapayConfig } from "./adapter.ts";
import { parolapayCapabilities } from "./capabilities.ts";

export const parolapay = {
  id: "parolapay",
  definition: parolapayProvider,
  capabilities: parolapayCapabilities,
  createAdapter: createParolapayAdapter,
} as const satisfies ProviderModule<"parolapay", ParolapayConfig>;
