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
  return new AttemptDeadline(ms, caller);
}

/**
 * A class rather than a closure per call: the per-call cost is one object, one timer and (with a
 * caller's signal) one listener; the methods are shared.
 */
class AttemptDeadline implements Deadline {
  aborted = false;
  reason: unknown = undefined;
  #fired = false;
  #listeners: (() => void)[] | undefined;
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #caller: AbortSignal | undefined;
  #onCallerAbort: (() => void) | undefined;

  constructor(ms: number, caller?: AbortSignal) {
    this.#caller = caller;
    if (caller?.aborted) {
      this.aborted = true;
      this.reason = caller.reason;
      return;
    }
    this.#timer = setTimeout(() => {
      this.#fired = true;
      this.#abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError"));
    }, ms);
    if (caller) {
      this.#onCallerAbort = () => this.#abort(caller.reason);
      caller.addEventListener("abort", this.#onCallerAbort, { once: true });
    }
  }

  timedOut(): boolean {
    return this.#fired;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      const c = (this.#controller = new AbortController());
      if (this.aborted) c.abort(this.reason);
      else this.onAbort(() => c.abort(this.reason));
    }
    return this.#controller.signal;
  }

  onAbort(listener: () => void): () => void {
    (this.#listeners ??= []).push(listener);
    return () => {
      const list = this.#listeners;
      const at = list ? list.indexOf(listener) : -1;
      if (at >= 0) list!.splice(at, 1);
    };
  }

  dispose(): void {
    clearTimeout(this.#timer);
    if (this.#onCallerAbort) this.#caller?.removeEventListener("abort", this.#onCallerAbort);
  }

  #abort(why: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = why;
    this.dispose();
    const now = this.#listeners ?? [];
    this.#listeners = undefined;
    for (const listener of now) listener();
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

/** Waits `ms`, or less: the caller's signal ends the wait at once (the timer and listener are cleared). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
