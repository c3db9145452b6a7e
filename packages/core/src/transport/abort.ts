/**
 * The end of one attempt: its time limit or the caller's signal, whichever comes first.
 * Allocating an AbortController costs more than the rest of a call's bookkeeping on Node 20 (it is
 * a transferable object, ~5 µs, and `AbortSignal.any` ~20 µs), so a Deadline is a plain timer and
 * listener list, and makes a real AbortSignal only for a sender that needs one (fetch).
 * `dispose()` clears the timer and unlinks the caller's signal, so nothing keeps a process alive
 * after the call (Deno waits for pending timers).
 */
export interface Deadline {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Whether the time limit (not the caller) ended the attempt. */
  timedOut(): boolean;
  /** An AbortSignal that follows this deadline, made on first use. */
  readonly signal: AbortSignal;
  /** Calls `listener` once when the deadline passes; returns the unsubscribe. */
  onAbort(listener: () => void): () => void;
  dispose(): void;
}

export function startDeadline(ms: number, caller?: AbortSignal): Deadline {
  let fired = false;
  let aborted = false;
  let reason: unknown;
  let listeners: (() => void)[] = [];
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onCallerAbort = () => abort(caller?.reason);
  const dispose = () => {
    clearTimeout(timer);
    caller?.removeEventListener("abort", onCallerAbort);
  };
  const abort = (why: unknown) => {
    if (aborted) return;
    aborted = true;
    reason = why;
    dispose();
    const now = listeners;
    listeners = [];
    for (const listener of now) listener();
  };
  if (caller?.aborted) {
    aborted = true;
    reason = caller.reason;
  } else {
    timer = setTimeout(() => {
      fired = true;
      abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError"));
    }, ms);
    caller?.addEventListener("abort", onCallerAbort, { once: true });
  }
  return {
    get aborted() {
      return aborted;
    },
    get reason() {
      return reason;
    },
    timedOut: () => fired,
    get signal() {
      if (!controller) {
        const c = (controller = new AbortController());
        if (aborted) c.abort(reason);
        else listeners.push(() => c.abort(reason));
      }
      return controller.signal;
    },
    onAbort(listener) {
      listeners.push(listener);
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
    dispose,
  };
}

/**
 * Settles with `work`, or rejects with the deadline's reason as soon as it passes: the time limit
 * and the caller's signal hold even with an injected fetch (or a body stream) that ignores the signal.
 */
export function untilAborted<T>(work: Promise<T>, deadline: Deadline): Promise<T> {
  if (deadline.aborted) return Promise.reject(deadline.reason);
  return new Promise<T>((resolve, reject) => {
    const off = deadline.onAbort(() => reject(deadline.reason));
    work.then(
      (v) => (off(), resolve(v)),
      (e: unknown) => (off(), reject(e)),
    );
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
