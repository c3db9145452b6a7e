/**
 * Every provider the facade knows, one line each, in the order `configured` lists them. A new
 * provider is its spec, its folder here (adapter.ts ending in its registry entry; capabilities,
 * input and, where it has them, references and webhook), its simulator and one line below (plus
 * its id and reference types in types.ts, the public model).
 */
import type { ProviderId } from "../types.ts";
import { dineropay } from "./dineropay/adapter.ts";
import { iyzico } from "./iyzico/adapter.ts";
import { parolapay } from "./parolapay/adapter.ts";
import { paywall } from "./paywall/adapter.ts";
import { sipayWallet } from "./sipay-wallet/adapter.ts";

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
