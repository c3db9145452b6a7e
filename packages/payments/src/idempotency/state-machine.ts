/**
 * Safe replay, across processes. A refund or cancel runs under the caller's idempotency key, and
 * the key's record (store.ts) is a state machine whose every transition is a compare-and-set on
 * its version:
 *
 *   (none) ─create─▶ pending ─CAS─▶ sent ─CAS─▶ succeeded
 *                      ▲  ▲           ├─CAS─▶ rejected ─CAS (reuse the key)─▶ pending
 *                      │  │           └─CAS─▶ unknown ─CAS (take the lease, look it up)─▶ succeeded,
 *                      │  │                    ▲         or, shown not applied after resendGraceMs, ─CAS─▶ sent
 *                      │  └ CAS (lease expired: never sent)
 *                      │                       └ CAS (sent, lease expired: its process died mid-write)
 *   a planning read that finds the key's write (plan.alreadyApplied) ─CAS─▶ succeeded
 *
 * Only the holder of the key's lease sends, and only after its CAS to `sent` succeeded: a process
 * whose lease ran out while it planned loses that CAS and sends nothing. A process that finds a
 * live lease gets a retryable `outcome_unknown` naming when to retry, never a request. A lost CAS
 * re-reads the record and decides again.
 *
 * A double refund is the worst thing this package could do, so when a lookup cannot tell, the
 * answer is `outcome_unknown` with how to find out, never a second request.
 */
import { OdemeError, isOdemeError } from "@odeme/core";
import type { Reconciliation, Sent, WriteOperation, WritePlan } from "../providers/adapter.ts";
import { invalidRequest } from "../errors.ts";
import type { ProviderId } from "../types.ts";
import type { IdempotencyRecord, IdempotencyStore, Lease, StoredResult } from "./store.ts";

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
  /** See PaymentsOptions.leaseMs. */
  leaseMs: number;
  /** This facade instance, the owner written into the leases it takes. */
  instanceId: string;
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

/**
 * How often one call re-reads after losing a compare-and-set before giving up with a retryable
 * error. Each loss means another process changed the record; a few rounds settle any real race.
 */
const MAX_ROUNDS = 8;

/** The record changed under us before we sent anything: read it again and decide again. */
const AGAIN = Symbol("again");
type Step = WriteOutcome | typeof AGAIN;

/** Calls with the same key run one after another in this process: the second sees the first's record. */
const queues = new WeakMap<IdempotencyStore, Map<string, Promise<unknown>>>();

export async function runWrite(runner: WriteRunner, job: WriteJob): Promise<WriteOutcome> {
  let perStore = queues.get(runner.store);
  if (perStore === undefined) queues.set(runner.store, (perStore = new Map()));
  const previous = perStore.get(job.key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(() => new KeyRun(runner, job).run());
  perStore.set(job.key, current);
  try {
    return await current;
  } finally {
    if (perStore.get(job.key) === current) perStore.delete(job.key);
  }
}

/** One call's walk through the key's state machine. */
class KeyRun {
  /** Whether an earlier call with this key may have sent its write (its record was sent or unknown). */
  earlierSend = false;

  constructor(
    readonly runner: WriteRunner,
    readonly job: WriteJob,
  ) {}

  async run(): Promise<WriteOutcome> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const step = await this.decide(await this.stored("reading the key", () => this.runner.store.get(this.job.key)));
      if (step !== AGAIN) return step;
    }
    throw outcomeUnknown(
      this.job,
      undefined,
      "Other processes kept changing its idempotency record; retry with the same key in a moment.",
      true,
    );
  }

  /** What the key's record says to do. Returns AGAIN only before anything was sent by this call. */
  async decide(current: IdempotencyRecord | undefined): Promise<Step> {
    const { job } = this;
    if (current === undefined) {
      const mine: IdempotencyRecord = clean({
        version: 1,
        fingerprint: job.fingerprint,
        provider: job.provider,
        operation: job.operation,
        state: "pending",
        updatedAt: this.nowIso(),
        lease: this.lease(),
      });
      // Another process created the key between our read and now: its record decides.
      if (!(await this.stored("creating the key's record", () => this.runner.store.create(job.key, mine)))) return AGAIN;
      return this.planAndSend(mine);
    }
    if (current.state !== "rejected" && current.fingerprint !== job.fingerprint) {
      throw invalidRequest(
        job.provider,
        job.operation,
        "idempotencyKey",
        `idempotencyKey "${job.key}" was already used for a different request (${current.provider} ${current.operation}); ` +
          "use a new key for a new refund or cancel, and the same key only to retry the same one.",
      );
    }
    if (current.state === "succeeded") {
      if (current.result === undefined)
        throw outcomeUnknown(
          job,
          undefined,
          "Its idempotency record says succeeded but keeps no result; check the provider's panel.",
          false,
        );
      return { result: current.result, replayed: true };
    }
    // Written by a store or version of this package without versions: no CAS can be trusted on it.
    if (!Number.isInteger(current.version) || current.version < 1) {
      throw outcomeUnknown(
        job,
        undefined,
        "Its idempotency record has no version (written before records had one?); check the provider's panel, then remove the record or use a new key.",
        false,
      );
    }
    // A live lease, ours or another process's: that call may be sending right now.
    if (current.lease !== undefined && Date.parse(current.lease.until) > this.runner.now().getTime()) throw inProgress(job, current.lease);

    if (current.state === "pending" || current.state === "rejected") {
      // pending without a live lease: its process died before sending (sending needs the
      // pending → sent CAS). rejected: nothing was applied; the key may carry a new request.
      const mine = this.next(current, {
        state: "pending",
        fingerprint: job.fingerprint,
        provider: job.provider,
        operation: job.operation,
        lease: this.lease(),
        plan: undefined,
        result: undefined,
        inFlightAt: undefined,
      });
      if (!(await this.cas(current, mine))) return AGAIN;
      return this.planAndSend(mine);
    }

    // sent (its process died, or its lease ran out, mid-write) or unknown: look it up first.
    // Without its plan there is nothing to compare a lookup with: never guess, never re-send.
    if (current.plan === undefined)
      throw outcomeUnknown(job, undefined, "Its idempotency record has no plan to look it up with; check the provider's panel.", false);
    const inFlightAt =
      current.state === "sent"
        ? (current.lease?.until ?? current.inFlightAt ?? current.updatedAt)
        : (current.inFlightAt ?? current.updatedAt);
    // From here on an earlier call's request may have been applied: a store failure says so.
    this.earlierSend = true;
    const mine = this.next(current, { state: "unknown", lease: this.lease(), inFlightAt });
    if (!(await this.cas(current, mine))) return AGAIN;
    return this.lookUpThenResend(mine, current.plan);
  }

  /** Holding the lease of an unknown write: applied, unknown, or shown not applied and safe to send again. */
  async lookUpThenResend(mine: IdempotencyRecord, plan: WritePlan): Promise<Step> {
    const { job, runner } = this;
    const found = await lookUp(job, plan);
    if (found.state === "applied") return { result: await this.succeed(mine, plan, found), replayed: true };
    if (found.state === "unknown") {
      await this.release(mine);
      throw outcomeUnknown(job, undefined, found.how, found.retryable === true);
    }
    const resendAt = Date.parse(mine.inFlightAt ?? mine.updatedAt) + runner.resendGraceMs;
    // A time that is not a number (a record's date a store mangled) never says "long enough ago".
    if (!job.rejectsRepeatedKeys && !(runner.now().getTime() >= resendAt)) {
      await this.release(mine);
      throw outcomeUnknown(job, undefined, stillInFlight(job, new Date(resendAt)), true);
    }
    return this.planAndSend(mine);
  }

  /** Holding the lease (pending, or unknown and shown not applied): plan, claim `sent`, send once. */
  async planAndSend(mine: IdempotencyRecord): Promise<Step> {
    const { job } = this;
    let plan: WritePlan;
    try {
      plan = await job.plan();
    } catch (error) {
      await this.abandon(mine);
      throw error;
    }
    // The planning read found this key's write already made (a crash lost its record): never again.
    if (plan.alreadyApplied !== undefined) return { result: await this.succeed(mine, plan, plan.alreadyApplied), replayed: true };

    const sent = this.next(mine, { state: "sent", plan, lease: this.lease(), inFlightAt: this.nowIso() });
    // Lost: our lease ran out while planning and another process took the key. Send nothing.
    if (!(await this.cas(mine, sent))) return AGAIN;

    let answer: Sent;
    try {
      answer = await job.send(plan);
    } catch (error) {
      // Only a provider's answer (or a request that never left) proves nothing was applied; any
      // other failure, even a bug after the answer, is treated as an unknown outcome.
      if (!isOdemeError(error) || error.outcome === "unknown") return this.lost(sent, plan, error);
      await this.tryCas(sent, this.next(sent, { state: "rejected", lease: undefined, plan: undefined, inFlightAt: undefined }));
      throw error;
    }
    return { result: await this.succeed(sent, plan, answer), replayed: false };
  }

  /** The answer to our request was lost: record it, look it up once, and report. */
  async lost(sent: IdempotencyRecord, plan: WritePlan, error: unknown): Promise<WriteOutcome> {
    const { job, runner } = this;
    const unknown = this.next(sent, { state: "unknown", lease: undefined, inFlightAt: this.nowIso() });
    // If this CAS is lost, a process took the key over (our lease ran out): it looks it up too.
    const saved = (await this.tryCas(sent, unknown)) ? unknown : undefined;
    const found = await lookUp(job, plan);
    if (found.state === "applied") return { result: await this.succeed(saved, plan, found), replayed: false };
    const how =
      found.state === "unknown"
        ? found.how
        : job.rejectsRepeatedKeys
          ? `A lookup finds no ${job.operation} yet. Retry with the same key: ${job.providerName} rejects a repeated key, and the facade looks it up again first.`
          : stillInFlight(job, new Date(runner.now().getTime() + runner.resendGraceMs));
    const cause = isOdemeError(error) ? error : undefined;
    throw outcomeUnknown(job, cause, how, found.state === "not_applied" || found.retryable === true);
  }

  /**
   * Records the write as done. Proof that it was applied outranks any state but `succeeded`, so a
   * lost CAS re-reads and tries again (a process that took over meanwhile then finds it done
   * instead of sending). If the store fails here the provider has still applied the write: the
   * caller gets the result, and a retry finds the write by its lookup.
   */
  async succeed(base: IdempotencyRecord | undefined, plan: WritePlan, done: Sent): Promise<StoredResult> {
    const result: StoredResult = {
      status: done.status,
      providerOperation: plan.providerOperation,
      ...(plan.amount !== undefined ? { amount: plan.amount } : {}),
      ...(done.refundId !== undefined ? { refundId: done.refundId } : {}),
    };
    try {
      let current = base;
      for (let round = 0; round < MAX_ROUNDS; round++) {
        current ??= await this.runner.store.get(this.job.key);
        if (current === undefined) {
          // The store lost the key (expired, cleared): keep what we know.
          const created = clean({
            version: 1,
            fingerprint: this.job.fingerprint,
            provider: this.job.provider,
            operation: this.job.operation,
            state: "succeeded",
            updatedAt: this.nowIso(),
            result,
          });
          if (await this.runner.store.create(this.job.key, created)) return result;
        } else {
          if (current.state === "succeeded") return current.result ?? result;
          // The key was reused for another request after a rejection: not ours to overwrite.
          if (current.fingerprint !== this.job.fingerprint) return result;
          const next = this.next(current, { state: "succeeded", result, lease: undefined, plan: undefined, inFlightAt: undefined });
          if (await this.cas(current, next)) return result;
        }
        current = undefined;
      }
    } catch {
      // See above: the write is applied whatever the store says.
    }
    return result;
  }

  /** Planning failed, nothing sent: a fresh key becomes reusable; an unknown write stays unknown. */
  async abandon(mine: IdempotencyRecord): Promise<void> {
    if (mine.plan !== undefined) return this.release(mine);
    await this.tryCas(mine, this.next(mine, { state: "rejected", lease: undefined }));
  }

  /** Gives the lease back so the next retry need not wait for it to run out. */
  async release(mine: IdempotencyRecord): Promise<void> {
    await this.tryCas(mine, this.next(mine, { lease: undefined }));
  }

  async cas(base: IdempotencyRecord, next: IdempotencyRecord): Promise<boolean> {
    return this.stored("updating the key's record", () => this.runner.store.compareAndSet(this.job.key, base.version, next));
  }

  /**
   * A store call whose failure reaches the caller. Every such call comes before this call's
   * request (the pending → sent CAS is the last one before sending), so nothing was sent by it;
   * the error says whether an earlier call's may have been applied.
   */
  async stored<T>(what: string, call: () => T | Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isOdemeError(error)) throw error;
      throw storeUnavailable(this.job, what, error, this.earlierSend);
    }
  }

  /** A CAS whose loss (or a store failure) changes nothing for the caller: the error they get is decided already. */
  async tryCas(base: IdempotencyRecord, next: IdempotencyRecord): Promise<boolean> {
    try {
      return await this.cas(base, next);
    } catch {
      return false;
    }
  }

  next(base: IdempotencyRecord, patch: Partial<IdempotencyRecord>): IdempotencyRecord {
    return clean({ ...base, ...patch, version: base.version + 1, updatedAt: this.nowIso() });
  }

  lease(): Lease {
    return { owner: this.runner.instanceId, until: new Date(this.runner.now().getTime() + this.runner.leaseMs).toISOString() };
  }

  nowIso(): string {
    return this.runner.now().toISOString();
  }
}

/** Drops undefined fields, so a record is the same JSON in memory and in a store. */
function clean(record: IdempotencyRecord): IdempotencyRecord {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as unknown as IdempotencyRecord;
}

async function lookUp(job: WriteJob, plan: WritePlan): Promise<Reconciliation> {
  try {
    return await job.reconcile(plan);
  } catch (error) {
    const why = isOdemeError(error) ? `${error.code}: ${error.message}` : String(error);
    return { state: "unknown", how: `Looking it up failed (${why}); retry later with the same key.`, retryable: true };
  }
}

function stillInFlight(job: WriteJob, resendAt: Date): string {
  const after = Number.isNaN(resendAt.getTime()) ? "later" : `after ${resendAt.toISOString()}`;
  return (
    `A lookup finds no ${job.operation} yet, but the first request may still be processing at ${job.providerName}. ` +
    `Retry with the same key ${after}: the facade looks it up again and sends it only if it is still not there.`
  );
}

/** The idempotency store failed before this call sent anything. */
function storeUnavailable(job: WriteJob, what: string, cause: unknown, earlierSend: boolean): OdemeError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new OdemeError({
    code: "store_unavailable",
    message:
      `${job.providerName} ${job.operation} with idempotencyKey "${job.key}": the idempotency store failed while ${what} (${why}), so this call sent nothing. ` +
      (earlierSend
        ? "An earlier call with this key may have been applied: retry with the same key once the store is back; the facade looks it up before sending."
        : "Retry with the same key once the store is back."),
    provider: job.provider,
    operation: job.operation,
    outcome: earlierSend ? "unknown" : "not_sent",
    retryable: true,
    cause,
  });
}

/** Another call holds the key's lease: it may be sending now, so this one sends nothing. */
function inProgress(job: WriteJob, lease: Lease): OdemeError {
  return new OdemeError({
    code: "outcome_unknown",
    message:
      `${job.providerName} ${job.operation} with idempotencyKey "${job.key}" is in progress in another call (its lease, held by ${JSON.stringify(lease.owner)}, runs until ${lease.until}); ` +
      `this call sent nothing. Retry with the same key after ${lease.until}: you get that call's result, or a lookup decides.`,
    provider: job.provider,
    operation: job.operation,
    outcome: "unknown",
    retryable: true,
  });
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
