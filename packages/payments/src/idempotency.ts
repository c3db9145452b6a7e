/**
 * Safe replay. A refund or cancel runs under the caller's idempotency key, and the key's record
 * says what is known about it:
 * - `succeeded`: the stored result is returned again, without a request;
 * - `pending` (a process died mid-write) or `unknown` (timeout, reset after send, garbled answer):
 *   the payment is looked up first; only if the write is shown not applied is anything sent again;
 * - `rejected`: the provider refused it, nothing was applied, the key may be used again.
 * A double refund is the worst thing this package could do, so when a lookup cannot tell, the
 * answer is `outcome_unknown` with how to find out, never a second request.
 */
import { OdemeError, isOdemeError } from "@odeme/core";
import type { JsonValue, Reconciliation, Sent, WriteOperation, WritePlan } from "./adapters/adapter.ts";
import { invalidRequest } from "./errors.ts";
import type { MoneyJSON } from "./money.ts";
import type { ProviderId, WriteStatus } from "./types.ts";

/** What a finished write returned, as JSON. */
export interface StoredResult {
  status: WriteStatus;
  providerOperation: string;
  amount?: MoneyJSON;
  refundId?: string;
}

/** Plain JSON (no bigint, no Date), so any key-value store can keep it with JSON.stringify. */
export interface IdempotencyRecord {
  /** Provider, operation, payment reference and amount of the request the key was first used for. */
  fingerprint: string;
  provider: ProviderId;
  operation: WriteOperation;
  state: "pending" | "unknown" | "succeeded" | "rejected";
  /** ISO 8601 time of the last state change. */
  updatedAt: string;
  /** Kept until the write is known to be done: what a lookup compares against. */
  plan?: WritePlan;
  result?: StoredResult;
}

/**
 * Where records live. The default keeps them in memory, which protects retries within one
 * process; give a shared, persistent store (Redis, a database table) to protect retries across
 * processes and restarts.
 */
export interface IdempotencyStore {
  get(key: string): Promise<IdempotencyRecord | undefined> | IdempotencyRecord | undefined;
  set(key: string, record: IdempotencyRecord): Promise<void> | void;
  /**
   * Optional, and what makes a shared store safe under concurrency: writes the record only if the
   * key has none, atomically (Redis `SET NX`, an INSERT on a primary key), and says whether it did.
   * Without it, two processes retrying one key at the same moment could both send.
   */
  setIfAbsent?(key: string, record: IdempotencyRecord): Promise<boolean> | boolean;
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, IdempotencyRecord>();

  get(key: string): IdempotencyRecord | undefined {
    const record = this.#records.get(key);
    // A copy, so nobody mutates what the next retry will read.
    return record === undefined ? undefined : structuredClone(record);
  }

  set(key: string, record: IdempotencyRecord): void {
    this.#records.set(key, structuredClone(record));
  }

  setIfAbsent(key: string, record: IdempotencyRecord): boolean {
    if (this.#records.has(key)) return false;
    this.set(key, record);
    return true;
  }
}

/** Deterministic JSON (sorted keys) of what identifies a request, for comparing retries. */
export function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return v.toString();
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

export interface WriteRunner {
  store: IdempotencyStore;
  now: () => Date;
  /** See PaymentsOptions.resendGraceMs. */
  resendGraceMs: number;
}

export interface WriteJob {
  key: string;
  fingerprint: string;
  provider: ProviderId;
  providerName: string;
  operation: WriteOperation;
  rejectsRepeatedKeys: boolean;
  plan(): Promise<WritePlan>;
  send(plan: WritePlan): Promise<Sent>;
  reconcile(plan: WritePlan): Promise<Reconciliation>;
}

export interface WriteOutcome {
  result: StoredResult;
  replayed: boolean;
}

/** Calls with the same key run one after another in this process: the second sees the first's record. */
const queues = new WeakMap<IdempotencyStore, Map<string, Promise<unknown>>>();

export async function runWrite(runner: WriteRunner, job: WriteJob): Promise<WriteOutcome> {
  let perStore = queues.get(runner.store);
  if (perStore === undefined) queues.set(runner.store, (perStore = new Map()));
  const previous = perStore.get(job.key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(() => runLocked(runner, job));
  perStore.set(job.key, current);
  try {
    return await current;
  } finally {
    if (perStore.get(job.key) === current) perStore.delete(job.key);
  }
}

async function runLocked(runner: WriteRunner, job: WriteJob): Promise<WriteOutcome> {
  const { store } = runner;
  const existing = await store.get(job.key);
  if (existing !== undefined && existing.state !== "rejected" && existing.fingerprint !== job.fingerprint) {
    throw invalidRequest(
      job.provider,
      job.operation,
      "idempotencyKey",
      `idempotencyKey "${job.key}" was already used for a different request (${existing.provider} ${existing.operation}); ` +
        "use a new key for a new refund or cancel, and the same key only to retry the same one.",
    );
  }
  if (existing?.state === "succeeded" && existing.result !== undefined) return { result: existing.result, replayed: true };

  if (existing !== undefined && (existing.state === "pending" || existing.state === "unknown")) {
    // Without its plan there is nothing to compare a lookup with: never guess, never re-send.
    if (existing.plan === undefined) throw outcomeUnknown(job, undefined, "Its idempotency record has no plan to look it up with; check the provider's panel.", false);
    const since = Date.parse(existing.updatedAt);
    const found = await lookUp(job, existing.plan);
    if (found.state === "applied") return { result: await finish(runner, job, existing.plan, found), replayed: true };
    if (found.state === "unknown") throw outcomeUnknown(job, undefined, found.how, found.retryable === true);
    const resendAt = since + runner.resendGraceMs;
    if (!job.rejectsRepeatedKeys && runner.now().getTime() < resendAt) {
      throw outcomeUnknown(job, undefined, stillInFlight(job, new Date(resendAt)), true);
    }
  }

  const plan = await job.plan();
  // The planning read found this key's write already made (a crash lost its record): never again.
  if (plan.alreadyApplied !== undefined) return { result: await finish(runner, job, plan, plan.alreadyApplied), replayed: true };
  const pending = record(runner, job, { state: "pending", plan });
  if (existing === undefined && runner.store.setIfAbsent !== undefined) {
    // Another process took the key between our read and now: its write is this key's write.
    if (!(await runner.store.setIfAbsent(job.key, pending))) return runLocked(runner, job);
  } else {
    await runner.store.set(job.key, pending);
  }
  let sent: Sent;
  try {
    sent = await job.send(plan);
  } catch (error) {
    // Only a provider's answer (or a request that never left) proves nothing was applied; any
    // other failure, even a bug after the answer, is treated as an unknown outcome.
    if (!isOdemeError(error) || error.outcome === "unknown") {
      await save(runner, job, { state: "unknown", plan });
      const found = await lookUp(job, plan);
      if (found.state === "applied") return { result: await finish(runner, job, plan, found), replayed: false };
      const how =
        found.state === "unknown"
          ? found.how
          : job.rejectsRepeatedKeys
            ? `A lookup finds no ${job.operation} yet. Retry with the same key: ${job.providerName} rejects a repeated key, and the facade looks it up again first.`
            : stillInFlight(job, new Date(runner.now().getTime() + runner.resendGraceMs));
      throw outcomeUnknown(job, isOdemeError(error) ? error : undefined, how, found.state === "not_applied" || found.retryable === true);
    }
    await save(runner, job, { state: "rejected" });
    throw error;
  }
  return { result: await finish(runner, job, plan, sent), replayed: false };
}

async function lookUp(job: WriteJob, plan: WritePlan): Promise<Reconciliation> {
  try {
    return await job.reconcile(plan);
  } catch (error) {
    const why = isOdemeError(error) ? `${error.code}: ${error.message}` : String(error);
    return { state: "unknown", how: `Looking it up failed (${why}); retry later with the same key.`, retryable: true };
  }
}

async function finish(runner: WriteRunner, job: WriteJob, plan: WritePlan, done: Sent): Promise<StoredResult> {
  const result: StoredResult = {
    status: done.status,
    providerOperation: plan.providerOperation,
    ...(plan.amount !== undefined ? { amount: plan.amount } : {}),
    ...(done.refundId !== undefined ? { refundId: done.refundId } : {}),
  };
  await save(runner, job, { state: "succeeded", result });
  return result;
}

type RecordPart = Pick<IdempotencyRecord, "state" | "plan" | "result">;

function record(runner: WriteRunner, job: WriteJob, part: RecordPart): IdempotencyRecord {
  return { fingerprint: job.fingerprint, provider: job.provider, operation: job.operation, updatedAt: runner.now().toISOString(), ...part };
}

async function save(runner: WriteRunner, job: WriteJob, part: RecordPart): Promise<void> {
  await runner.store.set(job.key, record(runner, job, part));
}

function stillInFlight(job: WriteJob, resendAt: Date): string {
  return (
    `A lookup finds no ${job.operation} yet, but the first request may still be processing at ${job.providerName}. ` +
    `Retry with the same key after ${resendAt.toISOString()}: the facade looks it up again and sends it only if it is still not there.`
  );
}

function outcomeUnknown(job: WriteJob, cause: OdemeError | undefined, how: string, retryable: boolean): OdemeError {
  return new OdemeError({
    code: "outcome_unknown",
    message: `${job.providerName} ${job.operation} with idempotencyKey "${job.key}": whether it was applied is unknown${
      cause !== undefined ? ` (${cause.message})` : ""
    }. ${how}`,
    provider: job.provider,
    operation: job.operation,
    outcome: "unknown",
    retryable,
    ...(cause?.status !== undefined ? { status: cause.status } : {}),
    ...(cause?.providerCode !== undefined ? { providerCode: cause.providerCode } : {}),
    ...(cause?.providerMessage !== undefined ? { providerMessage: cause.providerMessage } : {}),
    ...(cause?.raw !== undefined ? { raw: cause.raw } : {}),
    ...(cause !== undefined ? { cause } : {}),
  });
}

export type { JsonValue };
