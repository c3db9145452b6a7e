/**
 * Fault injection: what a flaky provider or network does to a request. The server asks the
 * injector for the fault of each request; a fault is used up after `times` requests.
 */

export type Fault =
  /** Wait `ms`, then handle the request normally. */
  | { kind: "latency"; ms: number }
  /** Destroy the socket before the provider acts: nothing is applied. */
  | { kind: "reset-before" }
  /** Apply the request (e.g. write the refund to the ledger), then destroy the socket without answering. */
  | { kind: "reset-after" }
  /** Answer with an HTML error page from a proxy in front of the provider; nothing is applied. */
  | { kind: "http-error"; status: 500 | 502 | 503 }
  /** Apply, then answer 200 with a body that is not valid JSON. */
  | { kind: "malformed-json" }
  /** Apply, then announce a longer content-length than sent and end the connection mid-body. */
  | { kind: "truncated-json" }
  /** Apply, send the headers and half the body, wait `ms`, then send the rest. */
  | { kind: "slow-body"; ms: number };

export type FaultKind = Fault["kind"];

export interface FaultOptions {
  /** Only requests to this path (the spec's template or the concrete path); any path when absent. */
  route?: string;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

export interface FaultInjector {
  /** Queues `fault` for the next matching request(s). Faults are taken in the order injected. */
  inject(fault: Fault, options?: FaultOptions): void;
  /** Drops every queued fault. */
  clear(): void;
}

/** The server's side of the injector. */
export interface FaultQueue extends FaultInjector {
  /** Takes the first queued fault matching this request, if any, using up one of its `times`. */
  take(path: string, template: string | undefined): Fault | undefined;
}

export function createFaultQueue(): FaultQueue {
  const queue: { fault: Fault; route: string | undefined; left: number }[] = [];
  return {
    inject(fault, options = {}) {
      const times = options.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new RangeError("faults.inject: times must be a positive integer");
      if ((fault.kind === "latency" || fault.kind === "slow-body") && !(fault.ms >= 0)) {
        throw new RangeError(`faults.inject: ${fault.kind} needs ms >= 0`);
      }
      queue.push({ fault, route: options.route, left: times });
    },
    clear() {
      queue.length = 0;
    },
    take(path, template) {
      const index = queue.findIndex((q) => q.route === undefined || q.route === path || q.route === template);
      const entry = queue[index];
      if (!entry) return undefined;
      entry.left -= 1;
      if (entry.left === 0) queue.splice(index, 1);
      return entry.fault;
    },
  };
}
