/**
 * The generated clients outside Node: an iyzico and a DineroPay refund against the simulators
 * (started here on 127.0.0.1) under Bun and Deno (the binaries their npm packages ship), and in
 * workerd through miniflare without nodejs_compat, each from an esbuild bundle.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { bundle, runRuntime, runtimeBinary, startSimulators, type Simulators } from "./harness.ts";

let sims: Simulators;
const dir = mkdtempSync(join(tmpdir(), "odeme-runtimes-"));
beforeEach(async () => {
  sims = await startSimulators();
});
afterEach(() => sims.close());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `args` and resolves with stdout; rejects with stderr on a non-zero exit or after 15 s. */
const run = (binary: string, args: string[]) => runRuntime(binary, args, dir, 15_000);

/** `refusedOutcome`: what the runtime's error lets the client prove about a refused connection. */
function expectRefunded(result: unknown, refusedOutcome: "not_sent" | "unknown" = "not_sent"): void {
  expect(result).toMatchObject({
    iyzico: { status: "success", price: 1.5 },
    dineropay: { payment_id: sims.input.dineropay.paymentId, result: "accepted" },
    notSent: { name: "OdemeError", code: "network", outcome: refusedOutcome === "not_sent" ? "not_sent" : "rejected" },
    refused: { name: "OdemeError", code: refusedOutcome === "not_sent" ? "network" : "outcome_unknown", outcome: refusedOutcome },
  });
  expect(sims.iyzico.ledger.refunds).toHaveLength(1);
  expect(sims.dineropay.ledger.refunds).toHaveLength(1);
}

const lastLine = (out: string) => JSON.parse(out.trim().split("\n").at(-1) as string) as unknown;

describe.each(["neutral", "node"] as const)("a %s bundle", (platform) => {
  it("Bun", async () => {
    const file = join(dir, `bun-${platform}.mjs`);
    writeFileSync(file, await bundle("cli-entry.ts", sims.input, platform));
    expectRefunded(lastLine(await run(runtimeBinary("bun"), ["run", file])));
  });

  it("Deno", async () => {
    const file = join(dir, `deno-${platform}.mjs`);
    writeFileSync(file, await bundle("cli-entry.ts", sims.input, platform));
    expectRefunded(lastLine(await run(runtimeBinary("deno"), ["run", "--no-prompt", "--allow-net=127.0.0.1", file])));
  });
});

describe("workerd (miniflare), no nodejs_compat", () => {
  it("a neutral bundle refunds on both providers", async () => {
    const mf = new Miniflare({
      modules: true,
      script: await bundle("worker-entry.ts", sims.input, "neutral"),
      compatibilityDate: "2025-01-01",
      compatibilityFlags: [],
    });
    try {
      const res = await mf.dispatchFetch("http://worker.test/");
      const body = (await res.json()) as unknown;
      expect(res.status, JSON.stringify(body)).toBe(200);
      // workerd says only "Network connection lost." for a refused connection: no proof nothing was sent.
      expectRefunded(body, "unknown");
    } finally {
      await mf.dispose();
    }
  });
});
