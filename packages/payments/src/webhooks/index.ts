/** `payments.webhooks.verify(provider, rawBody, headers)`: one entry, a verifier per provider. */
import { invalidRequest } from "../errors.ts";
import { verifyDineroPayCallback, type DineroPayCallbackEvent } from "./dineropay.ts";
import { verifyIyzicoWebhook, type IyzicoWebhookEvent } from "./iyzico.ts";
import { verifyPaywallCallback, type PaywallCallbackEvent } from "./paywall.ts";
import type { HeaderBag, RawBody } from "./shared.ts";

export type { DineroPayCallbackEvent, HeaderBag, IyzicoWebhookEvent, PaywallCallbackEvent, RawBody };

export interface WebhookEvents {
  iyzico: IyzicoWebhookEvent;
  paywall: PaywallCallbackEvent;
  dineropay: DineroPayCallbackEvent;
}

/** Providers with a documented signature scheme (Sipay's webhooks and Parolapay's have none). */
export type WebhookProviderId = keyof WebhookEvents;

/** The secret each verifier needs, from the provider's options. */
export interface WebhookSecrets {
  iyzico?: string;
  paywall?: string;
  dineropay?: string;
}

export interface Webhooks {
  /**
   * Verifies a webhook or callback over its raw body, in constant time, and returns the parsed
   * event. Throws an OdemeError saying what is wrong: `authentication` for a signature that does
   * not match, `invalid_request` for a missing or malformed signature or a parsed body.
   */
  verify<P extends WebhookProviderId>(provider: P, rawBody: RawBody, headers?: HeaderBag): WebhookEvents[P];
}

const SECRET_OPTION: Record<WebhookProviderId, string> = {
  iyzico: "iyzico.secretKey",
  paywall: "paywall.hashKey",
  dineropay: "dineropay.password",
};

export function createWebhooks(secrets: WebhookSecrets): Webhooks {
  return {
    verify<P extends WebhookProviderId>(provider: P, rawBody: RawBody, headers?: HeaderBag): WebhookEvents[P] {
      if (!Object.hasOwn(SECRET_OPTION, provider)) {
        throw invalidRequest(String(provider), "webhooks.verify", "provider", `webhooks.verify: no signature scheme is known for ${JSON.stringify(provider)}; use iyzico, paywall or dineropay.`);
      }
      const secret = secrets[provider];
      if (secret === undefined || secret === "") {
        throw invalidRequest(provider, "webhooks.verify", SECRET_OPTION[provider], `${provider} webhook: configure ${SECRET_OPTION[provider]} in createPayments to verify ${provider} webhooks.`);
      }
      const events: { [K in WebhookProviderId]: () => WebhookEvents[K] } = {
        iyzico: () => verifyIyzicoWebhook(secret, rawBody, headers),
        paywall: () => verifyPaywallCallback(secret, rawBody),
        dineropay: () => verifyDineroPayCallback(secret, rawBody),
      };
      return events[provider]();
    },
  };
}
