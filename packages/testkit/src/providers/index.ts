/**
 * The provider registry: id -> how to start its simulator. Adding a provider is one folder under
 * providers/ plus one line in each map below; the framework and CLI need no change.
 */
import type { Simulator, StartSimulatorOptions } from "../simulator.ts";
import { iyzicoProvider } from "./iyzico/index.ts";
import type { IyzicoSimulator } from "./iyzico/simulator.ts";
import type { ProviderRegistration } from "./registration.ts";

/** Each provider id and the simulator type it starts, for a typed startSimulator. */
export interface SimulatorsById {
  iyzico: IyzicoSimulator;
}

export const providers: { readonly [K in keyof SimulatorsById]: ProviderRegistration<SimulatorsById[K]> } = {
  iyzico: iyzicoProvider,
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
