/**
 * The store contract: where the idempotency records live. Three operations, each atomic on one key,
 * are all the state machine needs, so a store fits in a few lines on any database with a primary
 * key and a conditional update:
 *
 * ```ts
 * const store: IdempotencyStore = {
 *   get: (key) => db.get(key),                                   // the record, or undefined
 *   create: (key, record) => db.insertIfAbsent(key, record),     // true if it inserted
 *   compareAndSet: (key, version, record) =>                     // true if it replaced
 *     db.updateWhere(key, { version }, record),
 * };
 * ```
 *
 * - Redis: `SET key json NX` for `create`; a Lua script (or WATCH/MULTI) comparing the stored
 *   `version` for `compareAndSet`.
 * - SQL: `INSERT … ON CONFLICT DO NOTHING` and `UPDATE … WHERE key = $1 AND version = $2`
 *   (shipped: `@odeme/payments/postgres`).
 * - DynamoDB: `PutItem` with `attribute_not_exists(key)`, `PutItem` with `version = :v`.
 *
 * There is deliberately no blind `set`: every change to a key's record is a compare-and-set on its
 * version, so two processes can never both believe they own a key's write.
 */
import type { WriteOperation, WritePlan } from "../providers/adapter.ts";
import type { MoneyJSON } from "../money.ts";
import type { ProviderId, WriteStatus } from "../types.ts";

/** What a finished write returned, as JSON. */
export interface StoredResult {
  status: WriteStatus;
  providerOperation: string;
  amount?: MoneyJSON;
  refundId?: string;
}

/**
 * Where a key's write stands:
 * - `pending`: a process holds the lease and is planning; nothing has been sent for this record.
 * - `sent`: the request is (or was, if its process died) on its way to the provider.
 * - `unknown`: the answer was lost (timeout, reset after sending, garbled answer): a lookup decides.
 * - `succeeded`: done; the stored result is returned to every retry.
 * - `rejected`: the provider refused it or it was never sent; the key may be used again.
 */
export type RecordState = "pending" | "sent" | "unknown" | "succeeded" | "rejected";

/** Who may send for a key, and until when. */
export interface Lease {
  /** The holding facade instance (`PaymentsOptions.instanceId`, random by default). */
  owner: string;
  /** ISO 8601: after this, another process may take the key over (and look its write up first). */
  until: string;
}

/** Plain JSON (no bigint, no Date), so any store can keep it with JSON.stringify. */
export interface IdempotencyRecord {
  /**
   * 1 when created, one more on every change. A store replaces a record only if the stored
   * version is the one the writer read (`compareAndSet`); the facade computes the new version.
   */
  version: number;
  /** Provider, operation, payment reference and amount of the request the key was first used for. */
  fingerprint: string;
  provider: ProviderId;
  operation: WriteOperation;
  state: RecordState;
  /** ISO 8601 time of the last change. */
  updatedAt: string;
  /** Set while a process works on the key (`pending`, `sent`, and `unknown` while it looks it up). */
  lease?: Lease;
  /**
   * ISO 8601: the last moment the request may have been on its way to the provider (when it was
   * sent, when its answer was lost, or when the lease of a process that died mid-send ran out).
   * A lookup that finds nothing is trusted only `resendGraceMs` after it.
   */
  inFlightAt?: string;
  /** Kept until the write is known to be done: what a lookup compares against. */
  plan?: WritePlan;
  result?: StoredResult;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * Where records live. The default (`MemoryIdempotencyStore`) protects retries within one process;
 * a merchant with more than one server (or restarts between a lost answer and its retry) needs a
 * shared durable store: `createPostgresIdempotencyStore` from `@odeme/payments/postgres`, or this
 * contract implemented on their own database. Each method may be sync or async, and must be atomic
 * for its key.
 */
export interface IdempotencyStore {
  /** The key's record, or undefined. Return a copy or a freshly parsed value: the facade does not mutate it. */
  get(key: string): MaybePromise<IdempotencyRecord | undefined>;
  /**
   * Stores `record` (its `version` is 1) only if the key has no record, atomically, and says
   * whether it did (`INSERT … ON CONFLICT DO NOTHING`, Redis `SET NX`).
   */
  create(key: string, record: IdempotencyRecord): MaybePromise<boolean>;
  /**
   * Replaces the key's record with `record` (whose `version` is `expectedVersion + 1`) only if the
   * stored record's version is `expectedVersion`, atomically, and says whether it did
   * (`UPDATE … WHERE key = $1 AND version = $2`). false when the key has no record.
   */
  compareAndSet(key: string, expectedVersion: number, record: IdempotencyRecord): MaybePromise<boolean>;
}

/** Throws a TypeError naming what is missing when `store` does not implement the contract (e.g. an older `get`/`set` store). */
export function checkStore(store: unknown): IdempotencyStore {
  const s = store as Partial<Record<keyof IdempotencyStore, unknown>> | null;
  const missing = (["get", "create", "compareAndSet"] as const).filter((m) => typeof s?.[m] !== "function");
  if (s === null || typeof s !== "object" || missing.length > 0) {
    throw new TypeError(
      `createPayments: idempotencyStore must implement get, create and compareAndSet (missing: ${missing.join(", ") || "an object"}); ` +
        "see IdempotencyStore in @odeme/payments, or use createPostgresIdempotencyStore from @odeme/payments/postgres.",
    );
  }
  return s as IdempotencyStore;
}
