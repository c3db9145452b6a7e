/**
 * A process that dies mid-write, for crash tests: its fetch lets the write reach the provider
 * (which applies it), then neither the answer nor anything after it ever arrives, and its view
 * of the shared idempotency store goes silent too, as a killed process's would. Another
 * `createPayments` on the same store then retries the key. Written against any store shape
 * (a Proxy over its methods), so it does not depend on the store interface's method names.
 */
import type { IdempotencyStore } from "../../src/index.ts";

export interface DyingProcess {
  /** The dying process's fetch: passes requests on until one to `writePath` was answered. */
  fetch: (request: Request) => Promise<Response>;
  /** The dying process's view of the store: silent once the process died. */
  store: IdempotencyStore;
  /** Whether the write reached the provider and the process died. */
  readonly died: boolean;
}

const never = () => new Promise<never>(() => undefined);

export function dyingProcess(
  shared: IdempotencyStore,
  writePath: string,
  fetcher: (request: Request) => Promise<Response> = (r) => fetch(r),
): DyingProcess {
  let died = false;
  const store = new Proxy(shared, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => (died ? never() : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  return {
    store,
    get died() {
      return died;
    },
    async fetch(request) {
      if (died) return never();
      const isWrite = new URL(request.url).pathname === writePath;
      const response = await fetcher(request);
      if (!isWrite) return response;
      // The provider has applied the write; the process dies before it reads the answer.
      died = true;
      return never();
    },
  };
}
