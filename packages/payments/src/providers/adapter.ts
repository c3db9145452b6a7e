/**
 * What an adapter does for the facade. Writes are split in three so the idempotency layer can sit
 * between them: `plan` reads (lookups, checks that need them, the snapshot a later lookup is
 * compared with) and returns a JSON-safe plan; `send` makes the one write; `reconcile` tells from a
 * lookup whether a write whose outcome was unknown was applied. Also what a provider's folder
 * hands the registry (`ProviderModule`).
 */
import type { LogEvent, ProviderDefinition } from "@odeme/core";
import type { ProviderSchemas } from "../input/schemas.ts";
import type { MoneyJSON } from "../money.ts";
import type {
  CancelInput,
  CancelProviderId,
  Capabilities,
  PaymentDetails,
  ProviderId,
  RefundInput,
  RetrieveRefs,
  WriteStatus,
} from "../types.ts";
import type { HeaderBag, RawBody } from "../webhooks/verify.ts";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type WriteOperation = "refund" | "cancel";

/** JSON-safe, because it is kept in the idempotency store for lookups after an unknown outcome. */
export interface WritePlan {
  /** The generated client method to call, e.g. "refundV2". */
  providerOperation: string;
  /** Its input, without the idempotency key (added by `send`). */
  request: JsonObject;
  /** What the write moves: always set for a refund; for a cancel where known. */
  amount?: MoneyJSON;
  /** What a lookup said before the write, for `reconcile`. */
  snapshot?: JsonValue;
  /**
   * Set when the planning read already finds a write made under this idempotency key, by the
   * provider's own reference (a crash lost the store's record): the facade returns it and sends
   * nothing. Only an exact match of the key's reference may set it.
   */
  alreadyApplied?: Sent;
}

export interface Sent {
  status: WriteStatus;
  refundId?: string;
}

export type Reconciliation =
  | { state: "applied"; status: WriteStatus; refundId?: string }
  | { state: "not_applied" }
  /**
   * `how`: what the caller can do to find out, for the outcome_unknown message; `retryable` when a
   * later retry may tell (the lookup itself failed), not when only a person can (check the panel).
   */
  | { state: "unknown"; how: string; retryable?: boolean };

/** Options every adapter passes to its generated client besides the provider's own. */
export interface SharedClientOptions {
  fetch?: (request: Request) => Promise<Response>;
  timeoutMs?: number;
  logger?: (event: LogEvent) => void;
}

export interface ProviderAdapter<P extends ProviderId = ProviderId> {
  readonly provider: P;
  /** Human name, for messages. */
  readonly name: string;
  readonly capabilities: Capabilities;
  /**
   * The provider itself rejects a second write with the same key (Sipay's ext_transaction_id), so a
   * re-send after "lookup finds nothing" cannot double-refund even if the first is still in flight.
   */
  readonly rejectsRepeatedKeys: boolean;
  retrieve(ref: RetrieveRefs[P]): Promise<PaymentDetails<P>>;
  /** `idempotencyKey`: so the planning read can look for an earlier write under the same key. */
  planRefund(input: RefundInput<P>, idempotencyKey: string): Promise<WritePlan>;
  /** Absent when the provider has no cancel (the facade throws `unsupported` before calling). */
  planCancel?(input: CancelInput<Extract<P, CancelProviderId>>, idempotencyKey: string): Promise<WritePlan>;
  send(operation: WriteOperation, plan: WritePlan, idempotencyKey: string): Promise<Sent>;
  reconcile(operation: WriteOperation, plan: WritePlan, idempotencyKey: string): Promise<Reconciliation>;
}

/**
 * One provider as the facade wires it: everything createPayments needs to know about it, from its
 * folder. The registry (registry.ts) lists one of these per provider.
 */
export interface ProviderModule<P extends ProviderId, Config, Event = never> {
  readonly id: P;
  /** The generated definition: its auth scheme and credential options and its sensitive fields, for the scrubber. */
  readonly definition: ProviderDefinition;
  readonly capabilities: Capabilities;
  /** How a caller names its payments, checked against the spec fields they go to (input.ts). */
  readonly input: ProviderSchemas;
  /** Options the facade adds to the generated client's that hold a secret (Paywall's webhook hashKey). */
  readonly secretOptions?: readonly string[];
  createAdapter(config: Config, shared: SharedClientOptions): ProviderAdapter<P>;
  /** Absent when the provider documents no signature for its webhooks or callbacks. */
  readonly webhook?: WebhookScheme<Event>;
}

export interface WebhookScheme<Event> {
  /** The option that holds the secret it is signed with: a credential of the definition, or one of `secretOptions`. */
  readonly secret: string;
  verify(secret: string, rawBody: RawBody, headers: HeaderBag | undefined): Event;
}
