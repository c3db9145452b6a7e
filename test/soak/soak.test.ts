/**
 * A short seeded soak inside `pnpm test` (the long one is `pnpm soak`): all five simulators, every
 * fault kind, three facade instances over one Postgres store (PGlite), same-key concurrency, and
 * crashes with a restart on the durable store. Bounded: 300 refund keys, a time limit.
 *
 * The lost-store scenario runs where a documented lookup finds a refund by its key (KEY_REFERENCE
 * in providers.ts: iyzico, Sipay Wallet); elsewhere the store is the only protection.
 */
import { expect, it } from "vitest";
import { formatReport, runSoak, SCENARIO_KINDS, type ScenarioKind } from "./soak.ts";

it("300 fault-injected refunds over three instances and one Postgres store: none doubled, none lost", async () => {
  const report = await runSoak({
    seed: 20_240_612,
    attempts: 300,
    instances: 3,
    // A bound, not a timing assertion: the run is a few tens of seconds even on a loaded machine.
    timeLimitMs: 240_000,
    scenarios: (): ScenarioKind[] => [...SCENARIO_KINDS],
  });
  const text = formatReport(report);
  expect(report.stoppedEarly, text).toBe(false);
  expect(report.attempts).toBeGreaterThanOrEqual(300);
  expect(Object.keys(report.providers).sort()).toEqual(["dineropay", "iyzico", "parolapay", "paywall", "sipay-wallet"]);
  expect(report.totals.faultsHit, text).toBeGreaterThan(0);
  expect(report.bugs, text).toEqual([]);
  expect({ doubles: report.totals.doubles, lost: report.totals.lost, driftKurus: report.totals.driftKurus }, text).toEqual({
    doubles: 0,
    lost: 0,
    driftKurus: 0n,
  });
}, 300_000);
