/**
 * The checks of a call's provider before anything else: a name the facade knows, a provider the
 * caller configured, an operation that provider has. Each fails with invalid_request or
 * unsupported, nothing sent.
 */
import { invalidRequest, unsupported } from "../errors.ts";
import { knownProvider } from "../input/index.ts";
import type { ProviderAdapter } from "../providers/adapter.ts";
import { PROVIDERS, type Providers } from "../providers/registry.ts";
import type { CancelInput, ProviderId } from "../types.ts";

/** Each provider's capabilities, as literal types: `capabilities("iyzico").itemRefund` is `true`. */
export type ProviderCapabilities = { [P in ProviderId]: Providers[P]["capabilities"] };

export type Adapters = { [P in ProviderId]?: ProviderAdapter<P> };

export function adapterFor(adapters: Adapters, provider: unknown, operation: string): ProviderAdapter {
  const id = knownProvider(operation, provider);
  const adapter = adapters[id];
  if (adapter === undefined) {
    throw invalidRequest(id, operation, id, `${operation}: ${id} is not configured; pass the "${id}" option to createPayments.`);
  }
  return adapter as ProviderAdapter;
}

export function capabilitiesOf<P extends ProviderId>(provider: P): ProviderCapabilities[P] {
  // A known id only: "__proto__" or "toString" must not find Object.prototype's members.
  return PROVIDERS[knownProvider("capabilities", provider) as P].capabilities as ProviderCapabilities[P];
}

export function planCancel(adapter: ProviderAdapter, input: CancelInput, key: string) {
  if (adapter.planCancel === undefined) throw unsupported(adapter.provider, "cancel", `${adapter.name} has no cancel.`);
  return adapter.planCancel(input as never, key);
}
