/**
 * Every provider the facade knows, one line each, in the order `configured` lists them. A new
 * provider is its spec, its folder here (adapter, references, capabilities, webhook, index.ts),
 * its simulator and one line below (plus its id and reference types in types.ts).
 */
import type { ProviderId } from "../types.ts";
import { dineropay } from "./dineropay/index.ts";
import { iyzico } from "./iyzico/index.ts";
import { parolapay } from "./parolapay/index.ts";
import { paywall } from "./paywall/index.ts";
import { sipayWallet } from "./sipay-wallet/index.ts";

export const PROVIDERS = {
  iyzico,
  paywall,
  dineropay,
  parolapay,
  "sipay-wallet": sipayWallet,
} as const satisfies { [P in ProviderId]: { id: P } };

export type Providers = typeof PROVIDERS;

/** What each provider's adapter takes: its generated client's options and the facade's own. */
export type ProviderConfigs = { [P in ProviderId]: Parameters<Providers[P]["createAdapter"]>[0] };

/** Providers with a documented webhook or callback signature. */
export type WebhookProviderId = { [P in ProviderId]: Providers[P] extends { webhook: object } ? P : never }[ProviderId];
