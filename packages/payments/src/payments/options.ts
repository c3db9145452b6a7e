/**
 * What createPayments takes, and the checks and defaults of its own options (the idempotency
 * layer's settings). Each provider's options are its adapter's config, from the registry.
 */
import type { LogEvent } from "@odeme/core";
import { MemoryIdempotencyStore } from "../idempotency/memory-store.ts";
import type { WriteRunner } from "../idempotency/state-machine.ts";
import { checkStore, type IdempotencyStore } from "../idempotency/store.ts";
import { render } from "../input/index.ts";
import type { ProviderConfigs } from "../providers/registry.ts";
import { PROVIDER_IDS } from "../types.ts";

/** Configure only the providers you use; each takes its generated client's options. */
export type ProviderOptions = { [P in keyof ProviderConfigs]?: ProviderConfigs[P] };

export interface PaymentsOptions extends ProviderOptions {
  /** Receives every request and response of every provider, with secrets masked. */
  logger?: (event: LogEvent) => void;
  /**
   * Default: in memory, which protects retries within this process only. With more than one server
   * (or to survive a restart), give a shared durable store: `createPostgresIdempotencyStore` from
   * `@odeme/payments/postgres`, or your own implementation of `IdempotencyStore`.
   */
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
  /**
   * How long a call holds a key's lease (only the holder sends; another process that finds it gets
   * a retryable outcome_unknown saying when to retry). It must outlast a lookup plus a write, so the
   * default is twice the longest configured timeout plus 10 s, and at least 60 000 ms. Keep the
   * servers' clocks within a few seconds of each other.
   */
  leaseMs?: number;
  /** This instance's name in the leases it holds (default: random). Give each process its own. */
  instanceId?: string;
  /** The clock of the idempotency records (tests). */
  now?: () => Date;
}

/**
 * A time option, checked at createPayments: a NaN (`Number(process.env.UNSET)`) or a negative
 * number would otherwise reach the timers and the resend rule, where it reads as "long enough
 * ago" and sends a write again. A programming error, so a TypeError naming the option.
 */
function checkMs(name: string, value: unknown, least: "positive" | "zero", what: string): void {
  if (value === undefined) return;
  const ok = typeof value === "number" && Number.isFinite(value) && (least === "zero" ? value >= 0 : value > 0);
  if (!ok)
    throw new TypeError(
      `createPayments: ${name} must be a ${least === "zero" ? "non-negative" : "positive"} number of milliseconds (${what}), got ${render(value)}.`,
    );
}

/** The idempotency layer's settings; a bad time option is a programming error, thrown at createPayments. */
export function writeRunner(options: PaymentsOptions): WriteRunner {
  checkMs("timeoutMs", options.timeoutMs, "positive", "the per-request time limit");
  for (const p of PROVIDER_IDS) checkMs(`${p}.timeoutMs`, options[p]?.timeoutMs, "positive", "the per-request time limit");
  checkMs("leaseMs", options.leaseMs, "positive", "longer than a lookup plus a write");
  checkMs("resendGraceMs", options.resendGraceMs, "zero", "how long an unknown write is not sent again");
  const timeouts = [options.timeoutMs ?? 30_000, ...PROVIDER_IDS.map((p) => options[p]?.timeoutMs ?? 0)];
  return {
    store: options.idempotencyStore === undefined ? new MemoryIdempotencyStore() : checkStore(options.idempotencyStore),
    now: options.now ?? (() => new Date()),
    resendGraceMs: options.resendGraceMs ?? 30_000,
    leaseMs: options.leaseMs ?? Math.max(60_000, 2 * Math.max(...timeouts) + 10_000),
    instanceId: options.instanceId ?? globalThis.crypto.randomUUID(),
  };
}
