import { describe, expect, it } from "vitest";
import { type Deadline, sleep, startDeadline, untilAborted } from "../../src/transport/abort.ts";

const passed = (d: Deadline) => new Promise<void>((r) => d.onAbort(r));

describe("Deadline", () => {
  it("passes with a TimeoutError when the time limit passes, and says so", async () => {
    const d = startDeadline(5);
    await passed(d);
    expect(d.aborted).toBe(true);
    expect(d.timedOut()).toBe(true);
    expect((d.reason as DOMException).name).toBe("TimeoutError");
    expect(d.signal.aborted).toBe(true);
  });

  it("follows the caller's signal (also one aborted before), without calling it a timeout", () => {
    const caller = new AbortController();
    const d = startDeadline(10_000, caller.signal);
    const signal = d.signal;
    caller.abort(new Error("stop"));
    expect([d.aborted, signal.aborted, d.timedOut()]).toEqual([true, true, false]);
    expect((d.reason as Error).message).toBe("stop");
    expect(startDeadline(10_000, AbortSignal.abort()).aborted).toBe(true);
  });

  it("makes no AbortSignal unless asked, and the one it makes follows it", async () => {
    const d = startDeadline(5);
    const signal = d.signal;
    expect(signal.aborted).toBe(false);
    await passed(d);
    expect(signal.aborted).toBe(true);
  });

  it("dispose stops the timer and unlinks the caller's signal", async () => {
    const caller = new AbortController();
    const d = startDeadline(5, caller.signal);
    d.dispose();
    await new Promise((r) => setTimeout(r, 20));
    caller.abort();
    expect(d.aborted).toBe(false);
  });
});

describe("untilAborted", () => {
  it("rejects with the deadline's reason even if the work never settles", async () => {
    const c = new AbortController();
    const d = startDeadline(10_000, c.signal);
    const p = untilAborted(new Promise(() => {}), d);
    c.abort(new Error("gone"));
    await expect(p).rejects.toThrow("gone");
    d.dispose();
  });

  it("settles with the work otherwise", async () => {
    const d = startDeadline(10_000);
    await expect(untilAborted(Promise.resolve(7), d)).resolves.toBe(7);
    d.dispose();
  });
});

describe("sleep", () => {
  it("ends at once when the caller's signal aborts, leaving no timer behind", async () => {
    const caller = new AbortController();
    let done = false;
    const waiting = sleep(60_000, caller.signal).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    caller.abort();
    await waiting;
    expect(done).toBe(true);
    // An already-aborted signal does not wait at all.
    await sleep(60_000, caller.signal);
  });
});
