/**
 * createPayments: checks input once for every provider (reference shape comes from the types, the
 * rest here), refuses what a provider cannot do before any request, and runs refunds and cancels
 * through the idempotency layer. Everything provider-specific is in src/adapters/.
 */
import type { LogEvent } from "@odeme/core";
import type { ProviderAdapter, SharedClientOptions, WriteOperation } from "./adapters/adapter.ts";
import { createDineroPayAdapter, dineropayCapabilities, type DineroPayConfig } from "./adapters/dineropay.ts";
import { createIyzicoAdapter, iyzicoCapabilities, type IyzicoConfig } from "./adapters/iyzico.ts";
import { createParolapayAdapter, parolapayCapabilities, type ParolapayConfig } from "./adapters/parolapay.ts";
import { createPaywallAdapter, paywallCapabilities, type PaywallConfig } from "./adapters/paywall.ts";
import { createSipayWalletAdapter, sipayWalletCapabilities, type SipayWalletConfig } from "./adapters/sipay-wallet.ts";
import { invalidRequest, maskSecrets, scrubError, unsupported } from "./errors.ts";
import { fingerprint, MemoryIdempotencyStore, runWrite, type IdempotencyStore, type StoredResult } from "./idempotency.ts";
import { checkRetrieve, checkWrite, render, type CheckedWrite } from "./input/index.ts";
import { moneyFromJSON } from "./money.ts";
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

/** Each provider's capabilities, as literal types: `capabilities("iyzico").itemRefund` is `true`. */
export interface ProviderCapabilities {
  iyzico: typeof iyzicoCapabilities;
  paywall: typeof paywallCapabilities;
  dineropay: typeof dineropayCapabilities;
  parolapay: typeof parolapayCapabilities;
  "sipay-wallet": typeof sipayWalletCapabilities;
}

const CAPABILITIES: ProviderCapabilities = {
  iyzico: iyzicoCapabilities,
  paywall: paywallCapabilities,
  dineropay: dineropayCapabilities,
  parolapay: parolapayCapabilities,
  "sipay-wallet": sipayWalletCapabilities,
};

export type { DineroPayConfig, IyzicoConfig, ParolapayConfig, PaywallConfig, SipayWalletConfig };

export interface PaymentsOptions {
  /** Configure only the providers you use; each takes its generated client's options. */
  iyzico?: IyzicoConfig;
  paywall?: PaywallConfig;
  dineropay?: DineroPayConfig;
  parolapay?: ParolapayConfig;
  "sipay-wallet"?: SipayWalletConfig;
  /** Receives every request and response of every provider, with secrets masked. */
  logger?: (event: LogEvent) => void;
  /** Default: in memory, which protects retries within this process only. */
  idempotencyStore?: IdempotencyStore;
  /** A WHATWG fetch for every provider (a provider's own `fetch` option wins). */
  fetch?: (request: Request) => Promise<Response>;
  /** Per-request time limit for every provider (default 30 000 ms). */
  timeoutMs?: number;
  /**
   * After a write's outcome was unknown, how long a lookup that finds nothing is not trusted,
   * because the first request may still be in flight at the provider. Retries within this time get
   * outcome_unknown again; after it, the write is sent again. Not applied to providers that reject
   * a repeated key themselves (Sipay Wallet). Default 30 000 ms.
   */
  resendGraceMs?: number;
  /** The clock of the idempotency records (tests). */
  now?: () => Date;
}

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

/** Client options holding credentials; their values are masked wherever they show up as text. */
const CREDENTIALS = ["apiKey", "secretKey", "apiKeyPublic", "apiClientPublic", "apiKeyPrivate", "apiClientPrivate", "hashKey", "merchantKey", "password", "username", "clientId", "clientSecret"];

export function createPayments(options: PaymentsOptions): Payments {
  const secrets = PROVIDER_IDS.flatMap((p) => {
    const config = (options[p] ?? {}) as Record<string, unknown>;
    // Very short values would mask ordinary text; real credentials are far longer.
    return CREDENTIALS.map((k) => config[k]).filter((v): v is string => typeof v === "string" && v.length >= 6);
  });
  const masked = (logger: ((event: LogEvent) => void) | undefined) => logger && ((event: LogEvent) => logger(maskSecrets(event, secrets)));
  const shared: SharedClientOptions = {
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.logger !== undefined ? { logger: masked(options.logger) } : {}),
  };
  /** A provider's own logger gets the same masking as the shared one. */
  const own = <C extends { logger?: (event: LogEvent) => void }>(config: C): C => (config.logger ? { ...config, logger: masked(config.logger) } : config);
  const adapters: { [P in ProviderId]?: ProviderAdapter<P> } = {
    ...(options.iyzico ? { iyzico: createIyzicoAdapter(own(options.iyzico), shared) } : {}),
    ...(options.paywall ? { paywall: createPaywallAdapter(own(options.paywall), shared) } : {}),
    ...(options.dineropay ? { dineropay: createDineroPayAdapter(own(options.dineropay), shared) } : {}),
    ...(options.parolapay ? { parolapay: createParolapayAdapter(own(options.parolapay), shared) } : {}),
    ...(options["sipay-wallet"] ? { "sipay-wallet": createSipayWalletAdapter(own(options["sipay-wallet"]), shared) } : {}),
  };
  const scrubbed = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw scrubError(error, secrets);
    }
  };
  const runner = {
    store: options.idempotencyStore ?? new MemoryIdempotencyStore(),
    now: options.now ?? (() => new Date()),
    resendGraceMs: options.resendGraceMs ?? 30_000,
  };

  function adapterFor(provider: unknown, operation: string): ProviderAdapter {
    if (typeof provider !== "string" || !(PROVIDER_IDS as readonly string[]).includes(provider)) {
      throw invalidRequest("unknown", operation, "provider", `${operation}: unknown provider ${render(provider)}; use one of ${PROVIDER_IDS.join(", ")}.`);
    }
    const adapter = adapters[provider as ProviderId];
    if (adapter === undefined) {
      throw invalidRequest(provider, operation, provider, `${operation}: ${provider} is not configured; pass the "${provider}" option to createPayments.`);
    }
    return adapter as ProviderAdapter;
  }

  async function write(operation: WriteOperation, raw: unknown): Promise<StoredResult & { replayed: boolean; input: CheckedWrite }> {
    // Everything about the input is checked before any lookup; the adapters get the checked copy.
    const input = checkWrite(operation, raw);
    const adapter = adapterFor(input.provider, operation);
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
        const adapter = adapterFor(checked.provider, "retrieve");
        return (await adapter.retrieve(checked.payment as never)) as PaymentDetails<P>;
      });
    },

    capabilities<P extends ProviderId>(provider: P): ProviderCapabilities[P] {
      // Own keys only: "__proto__" or "toString" must not find Object.prototype's members.
      const caps = typeof provider === "string" && Object.hasOwn(CAPABILITIES, provider) ? (CAPABILITIES[provider] as ProviderCapabilities[P]) : undefined;
      if (caps === undefined) throw invalidRequest("unknown", "capabilities", "provider", `capabilities: unknown provider ${render(provider)}; use one of ${PROVIDER_IDS.join(", ")}.`);
      return caps;
    },

    configured: PROVIDER_IDS.filter((p) => adapters[p] !== undefined),

    webhooks: createWebhooks({
      ...(options.iyzico?.secretKey !== undefined ? { iyzico: options.iyzico.secretKey } : {}),
      ...(options.paywall?.hashKey !== undefined ? { paywall: options.paywall.hashKey } : {}),
      ...(options.dineropay?.password !== undefined ? { dineropay: options.dineropay.password } : {}),
    }),
  };
}

function planCancel(adapter: ProviderAdapter, input: CancelInput, key: string) {
  if (adapter.planCancel === undefined) throw unsupported(adapter.provider, "cancel", `${adapter.name} has no cancel.`);
  return adapter.planCancel(input as never, key);
}
