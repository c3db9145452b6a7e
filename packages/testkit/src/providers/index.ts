/**
 * The provider registry: id -> how to start its simulator. Adding a provider is one folder under
 * providers/ plus one line in each map below; the framework and CLI need no change.
 */
import type { Simulator, StartSimulatorOptions } from "../simulator.ts";
import { dineropayProvider } from "./dineropay/index.ts";
import type { DineroPaySimulator } from "./dineropay/simulator.ts";
import { iyzicoProvider } from "./iyzico/index.ts";
import type { IyzicoSimulator } from "./iyzico/simulator.ts";
import { parolapayProvider } from "./parolapay/index.ts";
import type { ParolapaySimulator } from "./parolapay/simulator.ts";
import { paywallProvider } from "./paywall/index.ts";
import type { PaywallSimulator } from "./paywall/simulator.ts";
import type { ProviderRegistration } from "./registration.ts";
import { sipayWalletProvider } from "./sipay-wallet/index.ts";
import type { SipayWalletSimulator } from "./sipay-wallet/simulator.ts";

/** Each provider id and the simulator type it starts, for a typed startSimulator. */
export interface SimulatorsById {
  iyzico: IyzicoSimulator;
  paywall: PaywallSimulator;
  dineropay: DineroPaySimulator;
  parolapay: ParolapaySimulator;
  "sipay-wallet": SipayWalletSimulator;
}

export const providers: { readonly [K in keyof SimulatorsById]: ProviderRegistration<SimulatorsById[K]> } = {
  iyzico: iyzicoProvider,
  paywall: paywallProvider,
  dineropay: dineropayProvider,
  parolapay: parolapayProvider,
  "sipay-wallet": sipayWalletProvider,
};

/** The registration for `id`, or undefined. */
export function findProvider(id: string): ProviderRegistration | undefined {
  return Object.hasOwn(providers, id) ? (providers[id as keyof SimulatorsById] as ProviderRegistration) : undefined;
}

/** Every registered provider id, sorted. */
export function providerIds(): string[] {
  return Object.keys(providers).sort();
}

/** Starts the simulator of a registered provider. */
export function startSimulator<K extends keyof SimulatorsById>(id: K, options?: StartSimulatorOptions): Promise<SimulatorsById[K]>;
export function startSimulator(id: string, options?: StartSimulatorOptions): Promise<Simulator>;
export function startSimulator(id: string, options: StartSimulatorOptions = {}): Promise<Simulator> {
  const provider = findProvider(id);
  if (!provider) {
    return Promise.reject(new Error(`No simulator for provider "${id}". Known providers: ${providerIds().join(", ")}.`));
  }
  return provider.start(options);
}
