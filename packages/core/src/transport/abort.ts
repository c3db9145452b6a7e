/**
 * One AbortController per attempt carries both the time limit and the caller's signal. Linking the
 * caller's signal with a listener costs far less than `AbortSignal.any` per call (~20 µs on Node
 * 20), and `dispose()` removes the listener and the timer, so nothing keeps a process alive after
 * the call (Deno waits for pending timers).
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Whether the time limit (not the caller) ended the attempt. */
  timedOut(): boolean;
  dispose(): void;
}

export function startDeadline(ms: number, callerSignal?: AbortSignal): Deadline {
  const controller = new AbortController();
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    controller.abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError"));
  }, ms);
  let unlink: (() => void) | undefined;
  if (callerSignal) {
    if (callerSignal.aborted) controller.abort(callerSignal.reason);
    else {
      const onAbort = () => controller.abort(callerSignal.reason);
      callerSignal.addEventListener("abort", onAbort, { once: true });
      unlink = () => callerSignal.removeEventListener("abort", onAbort);
    }
  }
  return {
    signal: controller.signal,
    timedOut: () => fired,
    dispose() {
      clearTimeout(timer);
      unlink?.();
    },
  };
}

/**
 * Settles with `work`, or rejects with the signal's reason as soon as it aborts: the time limit and
 * the caller's signal hold even with an injected fetch (or a body stream) that ignores the signal.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
