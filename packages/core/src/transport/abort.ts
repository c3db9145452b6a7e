/**
 * The end of one attempt: its time limit or the caller's signal, whichever comes first.
 * Allocating an AbortController costs more than the rest of a call's bookkeeping on Node 20 (it is
 * a transferable object, ~5 µs, and `AbortSignal.any` ~20 µs), so a Deadline is a plain timer and
 * listener list, and makes a real AbortSignal only for a sender that needs one (fetch).
 * `dispose()` clears the timer and unlinks the caller's signal, so nothing keeps a process alive
 * after the call (Deno waits for pending timers).
 */
export class Deadline {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #fired = false;
  #aborted = false;
  #reason: unknown;
  #listeners: (() => void)[] = [];
  #controller: AbortController | undefined;
  #caller: AbortSignal | undefined;
  readonly #onCallerAbort = () => this.#abort(this.#caller?.reason);

  constructor(ms: number, callerSignal?: AbortSignal) {
    if (callerSignal?.aborted) {
      this.#aborted = true;
      this.#reason = callerSignal.reason;
      return;
    }
    this.#timer = setTimeout(() => {
      this.#fired = true;
      this.#abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError"));
    }, ms);
    if (callerSignal) {
      this.#caller = callerSignal;
      callerSignal.addEventListener("abort", this.#onCallerAbort, { once: true });
    }
  }

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  /** Whether the time limit (not the caller) ended the attempt. */
  timedOut(): boolean {
    return this.#fired;
  }

  /** An AbortSignal that follows this deadline, made on first use. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      const controller = new AbortController();
      this.#controller = controller;
      if (this.#aborted) controller.abort(this.#reason);
      else this.#listeners.push(() => controller.abort(this.#reason));
    }
    return this.#controller.signal;
  }

  /** Calls `listener` once when the deadline passes; returns the unsubscribe. */
  onAbort(listener: () => void): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener("abort", this.#onCallerAbort);
    this.#caller = undefined;
  }

  #abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.dispose();
    for (const listener of this.#listeners.splice(0)) listener();
  }
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
