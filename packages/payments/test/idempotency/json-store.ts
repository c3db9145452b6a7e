/**
 * A store that keeps only JSON text, like Redis or a database column would, implementing the
 * contract in the few lines the README promises. Several instances may share one Map: each is a
 * "process" (the facade serializes same-key calls per store object, so separate objects race).
 */
import type { IdempotencyRecord, IdempotencyStore } from "../../src/index.ts";

export class JsonStore implements IdempotencyStore {
  constructor(readonly data = new Map<string, string>()) {}

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    const text = this.data.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as IdempotencyRecord);
  }

  async create(key: string, record: IdempotencyRecord): Promise<boolean> {
    if (this.data.has(key)) return false;
    this.data.set(key, JSON.stringify(record));
    return true;
  }

  async compareAndSet(key: string, expectedVersion: number, record: IdempotencyRecord): Promise<boolean> {
    const text = this.data.get(key);
    if (text === undefined || (JSON.parse(text) as IdempotencyRecord).version !== expectedVersion) return false;
    this.data.set(key, JSON.stringify(record));
    return true;
  }

  /** Test setup only: writes a record as a crashed process (or an older one) left it. */
  put(key: string, record: IdempotencyRecord): void {
    this.data.set(key, JSON.stringify(record));
  }
}
