/**
 * Every secret createPayments is given, found by the names the generated definitions and their
 * core auth schemes give (plus the options a provider's folder adds, Paywall's hashKey): the
 * scrubber that masks them in logs and errors, and the secret each webhook scheme is verified with.
 */
import { authSchemeOf, type AnyAuthSchemeModule, type LogEvent, type ProviderDefinition, type Scrubber } from "@odeme/core";
import { facadeScrubber } from "../errors.ts";
import { PROVIDERS } from "../providers/registry.ts";
import { PROVIDER_IDS, type ProviderId } from "../types.ts";
import { WEBHOOK_SCHEMES, type WebhookSecrets } from "../webhooks/index.ts";
import type { PaymentsOptions } from "./options.ts";

/** What the registry says of a provider's secrets. */
const entry = (provider: ProviderId): { definition: ProviderDefinition; secretOptions?: readonly string[] } => PROVIDERS[provider];

/** A provider's option names that hold a secret: its auth scheme's, its definition's, its folder's. */
export function secretOptionNames(provider: ProviderId): string[] {
  const { definition, secretOptions = [] } = entry(provider);
  const scheme = authSchemeOf(definition.auth) as AnyAuthSchemeModule;
  return [...new Set([...scheme.credentials(definition.auth as never), ...(definition.credentials ?? []), ...secretOptions])];
}

// A webhook scheme names the option its secret comes from; it must be one the scrubber masks.
for (const [provider, scheme] of Object.entries(WEBHOOK_SCHEMES)) {
  if (!secretOptionNames(provider as ProviderId).includes(scheme.secret)) {
    throw new Error(`payments: ${provider}'s webhook secret ${scheme.secret} is not one of its credential options`);
  }
}

export interface Secrets {
  scrubber: Scrubber;
  /** A logger that gets every event with the secrets masked. */
  masked(logger: (event: LogEvent) => void): (event: LogEvent) => void;
  webhooks: WebhookSecrets;
}

export function secretsOf(options: PaymentsOptions): Secrets {
  const configured = PROVIDER_IDS.filter((p) => options[p] !== undefined);
  const config = (p: ProviderId) => options[p] as unknown as Record<string, unknown>;
  const scrubber = facadeScrubber(
    configured.map((p) => {
      // The scrubber takes the scheme's names from the definition; the folder's own are added to it.
      const { definition, secretOptions = [] } = entry(p);
      return [{ ...definition, credentials: [...(definition.credentials ?? []), ...secretOptions] }, config(p)];
    }),
  );
  const webhooks: WebhookSecrets = {};
  for (const [p, scheme] of Object.entries(WEBHOOK_SCHEMES) as [keyof WebhookSecrets, { secret: string }][]) {
    const value = options[p] === undefined ? undefined : config(p)[scheme.secret];
    if (typeof value === "string") webhooks[p] = value;
  }
  return { scrubber, masked: (logger) => (event) => logger(scrubber.value(event)), webhooks };
}
