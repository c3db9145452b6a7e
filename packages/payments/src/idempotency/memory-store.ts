/** The default store: records in a Map, which protects retries within one process only. */
import type { IdempotencyRecord, IdempotencyStore } from "./store.ts";

export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, IdempotencyRecord>();

  get(key: string): IdempotencyRecord | undefined {
    const record = this.#records.get(key);
    // A copy, so nobody mutates what the next retry will read.
    return record === undefined ? undefined : structuredClone(record);
  }

  create(key: string, record: IdempotencyRecord): boolean {
    if (this.#records.has(key)) return false;
    this.#records.set(key, structuredClone(record));
    return true;
  }

  compareAndSet(key: string, expectedVersion: number, record: IdempotencyRecord): boolean {
    if (this.#records.get(key)?.version !== expectedVersion) return false;
    this.#records.set(key, structuredClone(record));
    return true;
  }
}
