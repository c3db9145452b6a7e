import { describe, expect, it } from "vitest";
import { TokenCache, type TokenResponse } from "../../src/auth/oauth2.ts";

/** A token endpoint whose answers the test releases by hand, counting requests. */
function tokenServer() {
  const pending: Array<(t: TokenResponse) => void> = [];
  let issued = 0;
  return {
    fetch: () => new Promise<TokenResponse>((resolve) => pending.push(resolve)),
    requests: () => pending.length,
    answer(expires_in?: number) {
      issued++;
      pending.at(-1)?.({ access_token: `tok-${issued}`, ...(expires_in === undefined ? {} : { expires_in }) });
    },
  };
}

describe("TokenCache", () => {
  it("makes concurrent get() calls share one token request", async () => {
    const server = tokenServer();
    const cache = new TokenCache(server.fetch);
    const all = Promise.all(Array.from({ length: 5 }, () => cache.get()));
    server.answer(3600);
    expect(await all).toEqual(["tok-1", "tok-1", "tok-1", "tok-1", "tok-1"]);
    expect(server.requests()).toBe(1);
    expect(await cache.get()).toBe("tok-1");
    expect(server.requests()).toBe(1);
  });

  it.each([
    // expires_in 3600 s at t=0, default skew 30 s: refresh from t = 3 570 000 ms on.
    [0, "tok-1", 1],
    [3_569_999, "tok-1", 1],
    [3_570_000, "tok-2", 2],
    [3_600_000, "tok-2", 2],
    [9_999_999, "tok-2", 2],
  ])("at t=%i ms after a 3600 s token, get() gives %s (%i token requests)", async (t, expected, requests) => {
    let now = 0;
    let issued = 0;
    const cache = new TokenCache(
      async () => ({ access_token: `tok-${++issued}`, expires_in: 3600 }),
      () => now,
    );
    expect(await cache.get()).toBe("tok-1");
    now = t;
    expect(await cache.get()).toBe(expected);
    expect(issued).toBe(requests);
  });

  it("honours a custom skew and defaults a missing expires_in to 300 s", async () => {
    let now = 0;
    let issued = 0;
    const cache = new TokenCache(
      async () => ({ access_token: `tok-${++issued}` }),
      () => now,
      5_000,
    );
    await cache.get();
    now = 294_999;
    expect(await cache.get()).toBe("tok-1");
    now = 295_000;
    expect(await cache.get()).toBe("tok-2");
  });

  it("uses a short-lived token for the first half of its life instead of fetching one per call", async () => {
    let now = 0;
    let issued = 0;
    // expires_in 20 s is shorter than the 30 s skew: refresh at half its life, t = 10 000 ms.
    const cache = new TokenCache(
      async () => ({ access_token: `tok-${++issued}`, expires_in: 20 }),
      () => now,
    );
    for (const t of [0, 1_000, 9_999]) {
      now = t;
      expect(await cache.get()).toBe("tok-1");
    }
    expect(issued).toBe(1);
    now = 10_000;
    expect(await cache.get()).toBe("tok-2");
  });

  it("invalidate drops only the matching token", async () => {
    let issued = 0;
    const cache = new TokenCache(async () => ({ access_token: `tok-${++issued}`, expires_in: 3600 }));
    expect(await cache.get()).toBe("tok-1");
    cache.invalidate("tok-0"); // a stale token another caller already replaced
    expect(await cache.get()).toBe("tok-1");
    expect(issued).toBe(1);
    cache.invalidate("tok-1");
    expect(await cache.get()).toBe("tok-2");
    expect(issued).toBe(2);
  });

  it("does not cache a failed token request: the next get() asks again", async () => {
    let calls = 0;
    const cache = new TokenCache(async () => {
      calls++;
      if (calls === 1) throw new Error("identity server down");
      return { access_token: "tok-ok", expires_in: 3600 };
    });
    await expect(cache.get()).rejects.toThrow("identity server down");
    expect(await cache.get()).toBe("tok-ok");
    expect(calls).toBe(2);
  });
});
