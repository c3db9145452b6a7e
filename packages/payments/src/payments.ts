/**
 * createPayments: the wiring. Each configured provider's adapter comes from the registry
 * (providers/registry.ts); input is checked once for every provider (input/), the call's provider
 * is checked before anything is sent (payments/select.ts), secrets are masked everywhere
 * (payments/secrets.ts), and refunds and cancels run through the idempotency layer.
 */
import type { LogEvent } from "@odeme/core";
import { fingerprint, runWrite } from "./idempotency/state-machine.ts";
import type { StoredResult } from "./idempotency/store.ts";
import { checkRetrieve, checkWrite, type CheckedWrite } from "./input/index.ts";
import { moneyFromJSON } from "./money.ts";
import { writeRunner, type PaymentsOptions } from "./payments/options.ts";
import { secretsOf } from "./payments/secrets.ts";
import { adapterFor, capabilitiesOf, planCancel, type Adapters, type ProviderCapabilities } from "./payments/select.ts";
import type { ProviderAdapter, SharedClientOptions, WriteOperation } from "./providers/adapter.ts";
import { PROVIDERS } from "./providers/registry.ts";
import {
  PROVIDER_IDS,
  type CancelInput,
  type CancelProviderId,
  type CancelResult,
  type PaymentDetails,
  type ProviderId,
  type RefundInput,
  type RefundResult,
  type RetrieveInput,
} from "./types.ts";
import { createWebhooks, type Webhooks } from "./webhooks/index.ts";

export type { DineroPayConfig } from "./providers/dineropay/adapter.ts";
export type { IyzicoConfig } from "./providers/iyzico/adapter.ts";
export type { ParolapayConfig } from "./providers/parolapay/adapter.ts";
export type { PaywallConfig } from "./providers/paywall/adapter.ts";
export type { SipayWalletConfig } from "./providers/sipay-wallet/adapter.ts";
export type { PaymentsOptions, ProviderCapabilities };

export interface Payments {
  refund<P extends ProviderId>(input: RefundInput<P>): Promise<RefundResult<P>>;
  cancel<P extends CancelProviderId>(input: CancelInput<P>): Promise<CancelResult<P>>;
  retrieve<P extends ProviderId>(input: RetrieveInput<P>): Promise<PaymentDetails<P>>;
  /** What a provider can do; known without configuring it. */
  capabilities<P extends ProviderId>(provider: P): ProviderCapabilities[P];
  /** The providers given options, in a fixed order. */
  readonly configured: readonly ProviderId[];
  readonly webhooks: Webhooks;
}

export function createPayments(options: PaymentsOptions): Payments {
  const secrets = secretsOf(options);
  const masked = (logger: ((event: LogEvent) => void) | undefined) => logger && secrets.masked(logger);
  const shared: SharedClientOptions = {
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.logger !== undefined ? { logger: masked(options.logger) } : {}),
  };
  /** A provider's own logger gets the same masking as the shared one. */
  const own = <C extends { logger?: (event: LogEvent) => void }>(config: C): C =>
    config.logger ? { ...config, logger: masked(config.logger) } : config;
  // The facade's own options first: a bad time option names itself, not the client it reaches.
  const runner = writeRunner(options);
  const adapters: Adapters = {};
  for (const p of PROVIDER_IDS) {
    const config = options[p];
    // TypeScript cannot pair PROVIDERS[p] with options[p] for a p of the union; ProviderConfigs does.
    const create = PROVIDERS[p].createAdapter as (
      c: NonNullable<PaymentsOptions[ProviderId]>,
      shared: SharedClientOptions,
    ) => ProviderAdapter;
    if (config !== undefined) Object.assign(adapters, { [p]: create(own(config), shared) });
  }
  const scrubbed = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw secrets.scrubber.error(error);
    }
  };

  async function write(operation: WriteOperation, raw: unknown): Promise<StoredResult & { replayed: boolean; input: CheckedWrite }> {
    // Everything about the input is checked before any lookup; the adapters get the checked copy.
    const input = checkWrite(operation, raw);
    const adapter = adapterFor(adapters, input.provider, operation);
    const { idempotencyKey: key, payment: ref, amount } = input;

    const outcome = await runWrite(runner, {
      key,
      fingerprint: fingerprint({ provider: adapter.provider, operation, payment: ref, amount: amount ?? null }),
      provider: adapter.provider,
      providerName: adapter.name,
      operation,
      rejectsRepeatedKeys: adapter.rejectsRepeatedKeys,
      plan: () => (operation === "refund" ? adapter.planRefund(input as RefundInput, key) : planCancel(adapter, input as CancelInput, key)),
      send: (plan) => adapter.send(operation, plan, key),
      reconcile: (plan) => adapter.reconcile(operation, plan, key),
    });
    return { ...outcome.result, replayed: outcome.replayed, input };
  }

  return {
    async refund<P extends ProviderId>(input: RefundInput<P>): Promise<RefundResult<P>> {
      const r = await scrubbed(() => write("refund", input));
      // Every refund plan carries its amount; a stored record without one was edited by hand.
      if (r.amount === undefined) throw new TypeError(`refund ${r.input.idempotencyKey}: the idempotency record has no amount`);
      return {
        status: r.status,
        provider: r.input.provider as P,
        amount: moneyFromJSON(r.amount),
        ...(r.refundId !== undefined ? { refundId: r.refundId } : {}),
        idempotencyKey: r.input.idempotencyKey,
        providerOperation: r.providerOperation,
        replayed: r.replayed,
      };
    },

    async cancel<P extends CancelProviderId>(input: CancelInput<P>): Promise<CancelResult<P>> {
      const r = await scrubbed(() => write("cancel", input));
      return {
        status: r.status,
        provider: r.input.provider as P,
        ...(r.amount !== undefined ? { amount: moneyFromJSON(r.amount) } : {}),
        idempotencyKey: r.input.idempotencyKey,
        providerOperation: r.providerOperation,
        replayed: r.replayed,
      };
    },

    retrieve<P extends ProviderId>(input: RetrieveInput<P>): Promise<PaymentDetails<P>> {
      return scrubbed(async () => {
        const checked = checkRetrieve(input);
        const adapter = adapterFor(adapters, checked.provider, "retrieve");
        return (await adapter.retrieve(checked.payment as never)) as PaymentDetails<P>;
      });
    },

    capabilities<P extends ProviderId>(provider: P): ProviderCapabilities[P] {
      return capabilitiesOf(provider);
    },

    configured: PROVIDER_IDS.filter((p) => adapters[p] !== undefined),

    webhooks: createWebhooks(secrets.webhooks),
  };
}
