import { describe, expect, it } from "vitest";
import { createClock } from "../../src/clock.ts";
import { createFaultQueue } from "../../src/faults.ts";
import { defineProvider } from "../../src/kit/registration.ts";
import type { Simulator } from "../../src/simulator.ts";

/** A start function that records what it was given instead of listening. */
function recorder() {
  const calls: unknown[] = [];
  const start = async (options: {
    port?: number;
    now?: Date;
    credentials?: Record<"apiKey" | "secretKey", string>;
  }): Promise<Simulator> => {
    calls.push(options);
    return {
      provider: "fake",
      url: "http://127.0.0.1:1",
      credentials: options.credentials ?? {},
      clock: createClock(options.now),
      faults: createFaultQueue(),
      requests: [],
      close: async () => {},
    };
  };
  return { calls, start };
}

describe("defineProvider", () => {
  it("passes port, now and the named credentials through, and nothing that was not given", async () => {
    const { calls, start } = recorder();
    const provider = defineProvider("fake", "Fake", {
      credentialNames: ["apiKey", "secretKey"],
      start,
      seedDemo: () => ({ references: {}, text: [] }),
    });
    const now = new Date("2024-06-12T09:00:00Z");
    await provider.start({ port: 4100, now, credentials: { apiKey: "a", secretKey: "b", extra: "ignored" } });
    await provider.start({});
    expect(calls).toEqual([{ port: 4100, now, credentials: { apiKey: "a", secretKey: "b" } }, {}]);
    expect(provider.id).toBe("fake");
    expect(provider.name).toBe("Fake");
  });

  it("rejects credentials that miss a name, naming every one needed and the missing ones", () => {
    const { calls, start } = recorder();
    const provider = defineProvider("fake", "Fake", {
      credentialNames: ["apiKey", "secretKey"],
      start,
      seedDemo: () => ({ references: {}, text: [] }),
    });
    expect(() => provider.start({ credentials: { apiKey: "a" } })).toThrow(
      new TypeError("Fake simulator credentials need apiKey, secretKey (missing secretKey)"),
    );
    expect(calls).toEqual([]);
  });
});
