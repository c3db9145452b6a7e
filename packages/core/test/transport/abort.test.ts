import { describe, expect, it } from "vitest";
import { startDeadline, untilAborted } from "../../src/transport/abort.ts";

describe("startDeadline", () => {
  it("aborts with a TimeoutError when the time limit passes, and says so", async () => {
    const d = startDeadline(5);
    await new Promise((r) => d.signal.addEventListener("abort", r));
    expect(d.timedOut()).toBe(true);
    expect((d.signal.reason as DOMException).name).toBe("TimeoutError");
    d.dispose();
  });

  it("follows the caller's signal (also one aborted before), without calling it a timeout", () => {
    const caller = new AbortController();
    const d = startDeadline(10_000, caller.signal);
    caller.abort(new Error("stop"));
    expect(d.signal.aborted).toBe(true);
    expect(d.timedOut()).toBe(false);
    d.dispose();
    expect(startDeadline(10_000, AbortSignal.abort()).signal.aborted).toBe(true);
  });

  it("dispose stops the timer and unlinks the caller's signal", async () => {
    const caller = new AbortController();
    const d = startDeadline(5, caller.signal);
    d.dispose();
    await new Promise((r) => setTimeout(r, 20));
    caller.abort();
    expect(d.signal.aborted).toBe(false);
  });
});

describe("untilAborted", () => {
  it("rejects with the signal's reason even if the work never settles", async () => {
    const c = new AbortController();
    const p = untilAborted(new Promise(() => {}), c.signal);
    c.abort(new Error("gone"));
    await expect(p).rejects.toThrow("gone");
  });

  it("settles with the work otherwise", async () => {
    await expect(untilAborted(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
  });
});
