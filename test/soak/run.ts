/**
 * pnpm soak [--seed N] [--attempts N] [--instances N] [--concurrency N] [--providers a,b]
 *           [--scenarios single,same-key,racing-keys,crash,lost-store] [--time-limit SECONDS] [--grace-ms N] [--verbose]
 * Prints the figures and exits 1 on any double or lost refund (or a bug), 0 otherwise.
 */
import { parseArgs } from "node:util";
import type { ProviderId } from "@odeme/payments";
import { SOAK_PROVIDERS } from "./providers.ts";
import { formatReport, runSoak, SCENARIO_KINDS, type ScenarioKind } from "./soak.ts";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    attempts: { type: "string", default: "2000" },
    instances: { type: "string", default: "3" },
    concurrency: { type: "string", default: "64" },
    providers: { type: "string", default: SOAK_PROVIDERS.join(",") },
    scenarios: { type: "string", default: SCENARIO_KINDS.join(",") },
    "time-limit": { type: "string", default: "600" },
    "grace-ms": { type: "string", default: "8000" },
    /** Also print why callers were left with outcome_unknown. */
    verbose: { type: "boolean", default: false },
  },
});

const int = (name: string, v: string, min: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  return n;
};
const list = <T extends string>(name: string, v: string, known: readonly T[]): T[] => {
  const xs = v.split(",").filter(Boolean);
  const bad = xs.filter((x) => !(known as readonly string[]).includes(x));
  if (bad.length > 0 || xs.length === 0) throw new Error(`--${name}: unknown ${bad.join(", ") || "(empty)"}; use ${known.join(", ")}`);
  return xs as T[];
};

const scenarios = list<ScenarioKind>("scenarios", values.scenarios, SCENARIO_KINDS);
const report = await runSoak({
  seed: int("seed", values.seed, 0),
  attempts: int("attempts", values.attempts, 1),
  instances: int("instances", values.instances, 2),
  concurrency: int("concurrency", values.concurrency, 1),
  providers: list<ProviderId>("providers", values.providers, SOAK_PROVIDERS),
  scenarios: () => scenarios,
  timeLimitMs: int("time-limit", values["time-limit"], 1) * 1000,
  resendGraceMs: int("grace-ms", values["grace-ms"], 0),
  log: (line) => console.log(line),
});
console.log(formatReport(report, values.verbose));
const failed = report.totals.doubles + report.totals.lost + report.bugs.length;
console.log(
  failed === 0
    ? "\nsoak: 0 double refunds, 0 lost refunds"
    : `\nsoak: FAILED (${report.totals.doubles} double, ${report.totals.lost} lost, ${report.bugs.length} bugs)`,
);
process.exitCode = failed === 0 ? 0 : 1;
