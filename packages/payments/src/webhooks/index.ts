/**
 * `payments.webhooks.verify(provider, rawBody, headers)`: one entry over the verifier each
 * provider's folder declares (providers/<id>/webhook.ts), with the secret from that provider's
 * options. Providers without a documented signature scheme (Sipay's webhooks, Parolapay's) have none.
 */
import { invalidRequest } from "../errors.ts";
import type { WebhookScheme } from "../providers/adapter.ts";
import type { DineroPayCallbackEvent } from "../providers/dineropay/webhook.ts";
import type { IyzicoWebhookEvent } from "../providers/iyzico/webhook.ts";
import type { PaywallCallbackEvent } from "../providers/paywall/webhook.ts";
import { PROVIDERS, type Providers, type WebhookProviderId } from "../providers/registry.ts";
import { PROVIDER_IDS } from "../types.ts";
import type { HeaderBag, RawBody } from "./verify.ts";

export type { DineroPayCallbackEvent, HeaderBag, IyzicoWebhookEvent, PaywallCallbackEvent, RawBody, WebhookProviderId };

/** Each provider's verified event. */
export type WebhookEvents = { [P in WebhookProviderId]: Providers[P] extends { webhook: WebhookScheme<infer E> } ? E : never };

/** The secret each verifier needs, from the provider's options. */
export type WebhookSecrets = { [P in WebhookProviderId]?: string };

export interface Webhooks {
  /**
   * Verifies a webhook or callback over its raw body, in constant time, and returns the parsed
   * event. Throws an OdemeError saying what is wrong: `authentication` for a signature that does
   * not match, `invalid_request` for a missing or malformed signature or a parsed body.
   */
  verify<P extends WebhookProviderId>(provider: P, rawBody: RawBody, headers?: HeaderBag): WebhookEvents[P];
}

/** The registry's providers that have a webhook scheme, each with it. */
export const WEBHOOK_SCHEMES = Object.fromEntries(
  PROVIDER_IDS.flatMap((p) => {
    const scheme = (PROVIDERS[p] as { webhook?: WebhookScheme<unknown> }).webhook;
    return scheme === undefined ? [] : [[p, scheme]];
  }),
) as { readonly [P in WebhookProviderId]: WebhookScheme<WebhookEvents[P]> };

const WEBHOOK_PROVIDERS = Object.keys(WEBHOOK_SCHEMES);
const ONE_OF = `${WEBHOOK_PROVIDERS.slice(0, -1).join(", ")} or ${WEBHOOK_PROVIDERS.at(-1)}`;

export function createWebhooks(secrets: WebhookSecrets): Webhooks {
  return {
    verify<P extends WebhookProviderId>(provider: P, rawBody: RawBody, headers?: HeaderBag): WebhookEvents[P] {
      if (!Object.hasOwn(WEBHOOK_SCHEMES, provider)) {
        throw invalidRequest(
          String(provider),
          "webhooks.verify",
          "provider",
          `webhooks.verify: no signature scheme is known for ${JSON.stringify(provider)}; use ${ONE_OF}.`,
        );
      }
      const scheme = WEBHOOK_SCHEMES[provider] as WebhookScheme<WebhookEvents[P]>;
      const option = `${provider}.${scheme.secret}`;
      const secret = secrets[provider];
      if (secret === undefined || secret === "") {
        throw invalidRequest(
          provider,
          "webhooks.verify",
          option,
          `${provider} webhook: configure ${option} in createPayments to verify ${provider} webhooks.`,
        );
      }
      return scheme.verify(secret, rawBody, headers);
    },
  };
}
