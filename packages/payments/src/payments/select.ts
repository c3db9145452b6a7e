/**
 * The checks of a call's provider before anything else: a name the facade knows, a provider the
 * caller configured, an operation that provider has. Each fails with invalid_request or
 * unsupported, nothing sent.
 */
import { invalidRequest, unsupported } from "../errors.ts";
import { render } from "../input/index.ts";
import type { ProviderAdapter } from "../providers/adapter.ts";
import { PROVIDERS, type Providers } from "../providers/registry.ts";
import { PROVIDER_IDS, type CancelInput, type ProviderId } from "../types.ts";

/** Each provider's capabilities, as literal types: `capabilities("iyzico").itemRefund` is `true`. */
export type ProviderCapabilities = { [P in ProviderId]: Providers[P]["capabilities"] };

export type Adapters = { [P in ProviderId]?: ProviderAdapter<P> };

export function adapterFor(adapters: Adapters, provider: unknown, operation: string): ProviderAdapter {
  if (typeof provider !== "string" || !(PROVIDER_IDS as readonly string[]).includes(provider)) {
    throw invalidRequest(
      "unknown",
      operation,
      "provider",
      `${operation}: unknown provider ${render(provider)}; use one of ${PROVIDER_IDS.join(", ")}.`,
    );
  }
  const adapter = adapters[provider as ProviderId];
  if (adapter === undefined) {
    throw invalidRequest(
      provider,
      operation,
      provider,
      `${operation}: ${provider} is not configured; pass the "${provider}" option to createPayments.`,
    );
  }
  return adapter as ProviderAdapter;
}

export function capabilitiesOf<P extends ProviderId>(provider: P): ProviderCapabilities[P] {
  // Own keys only: "__proto__" or "toString" must not find Object.prototype's members.
  const caps =
    typeof provider === "string" && Object.hasOwn(PROVIDERS, provider)
      ? (PROVIDERS[provider].capabilities as ProviderCapabilities[P])
      : undefined;
  if (caps === undefined)
    throw invalidRequest(
      "unknown",
      "capabilities",
      "provider",
      `capabilities: unknown provider ${render(provider)}; use one of ${PROVIDER_IDS.join(", ")}.`,
    );
  return caps;
}

export function planCancel(adapter: ProviderAdapter, input: CancelInput, key: string) {
  if (adapter.planCancel === undefined) throw unsupported(adapter.provider, "cancel", `${adapter.name} has no cancel.`);
  return adapter.planCancel(input as never, key);
}
