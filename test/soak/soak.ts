/**
 * The soak: randomized refunds against all five simulators with injected faults, several facade
 * instances over one shared Postgres store (PGlite), same-key and racing-key concurrency, and
 * crashes (a facade instance dies mid-write; a new one retries with the durable store, or with the
 * key's record lost). At the end, what every caller was told is compared with the simulators'
 * ledgers. `pnpm soak` runs it from the command line (run.ts); soak.test.ts runs a short seeded
 * run inside `pnpm test`.
 *
 * A key's refund counts as
 * - double: the ledger holds it more than once;
 * - lost: a caller was told it succeeded (or is pending) and the ledger does not hold it, or was
 *   told it was not applied (rejected, not sent) and the ledger holds it;
 * - unknown: the last answer a caller got was `outcome_unknown` (honest, but a person must look).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import { createPayments, isOdemeError, money, type Payments, type PaymentsOptions, type ProviderId } from "@odeme/payments";
import type { Fault, FaultKind } from "@odeme/testkit";
import { createPostgresIdempotencyStore, type PostgresIdempotencyStore } from "../../packages/payments/src/postgres.ts";
import { KEY_REFERENCE, SOAK_PROVIDERS, startProvider, type RunningProvider } from "./providers.ts";

export type ScenarioKind = "single" | "same-key" | "racing-keys" | "crash" | "lost-store";
export const SCENARIO_KINDS: readonly ScenarioKind[] = ["single", "same-key", "racing-keys", "crash", "lost-store"];
export const FAULT_KINDS: readonly FaultKind[] = [
  "latency",
  "reset-before",
  "reset-after",
  "http-error",
  "malformed-json",
  "truncated-json",
  "slow-body",
];

export interface SoakOptions {
  seed: number;
  /** Refund keys to run (each is one logical refund; callers may retry it several times). */
  attempts: number;
  /** Facade instances sharing the store (at least 2). */
  instances?: number;
  /** Scenarios in flight at once. */
  concurrency?: number;
  providers?: readonly ProviderId[];
  /** Which scenarios run for a provider (default: all). */
  scenarios?: (provider: ProviderId) => readonly ScenarioKind[];
  /** Stop starting scenarios after this long (the report says so). */
  timeLimitMs?: number;
  /** The facade's resendGraceMs (default RESEND_GRACE_MS): shorter means more resends after lookups find nothing. */
  resendGraceMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface KeyVerdict {
  provider: ProviderId;
  scenario: ScenarioKind;
  key: string;
  amount: number;
  /** What each caller of this key was finally told: "applied", "not_applied", "unknown", or "bug: …". */
  told: string[];
  /** How many refunds of this key the ledger holds. */
  inLedger: number;
}

export interface ProviderFigures {
  keys: number;
  calls: number;
  requests: number;
  faultsHit: number;
  doubles: number;
  lost: number;
  unknown: number;
  /** Kuruş in the ledger that no caller accounts for, or accounted for but not in the ledger. */
  driftKurus: bigint;
  /** Failures per scenario, for finding the path that broke. */
  byScenario: Partial<Record<ScenarioKind, { keys: number; doubles: number; lost: number; unknown: number }>>;
}

export interface SoakReport {
  seed: number;
  resendGraceMs: number;
  /** The worst event-loop delay seen (ms): a loaded machine delays requests, and a delay longer than resendGraceMs can let a resend overtake a slow first request. */
  maxEventLoopDelayMs: number;
  attempts: number;
  instances: number;
  elapsedMs: number;
  stoppedEarly: boolean;
  faultsByKind: Partial<Record<FaultKind, number>>;
  providers: Partial<Record<ProviderId, ProviderFigures>>;
  totals: Omit<ProviderFigures, "byScenario">;
  /** Up to 20 keys that were doubled or lost, for diagnosis. */
  failures: KeyVerdict[];
  /** Calls that threw something other than an OdemeError (a bug). */
  bugs: string[];
  /** Per provider, the most frequent reasons callers were left with outcome_unknown. */
  unknownReasons: Partial<Record<ProviderId, { why: string; count: number }[]>>;
}

/** Timings of the facade under the soak: short, so faults turn into timeouts quickly. */
const TIMEOUT_MS = 1_000;
/**
 * Longer than any injected delay past the timeout (TIMEOUT_MS + 300) plus the event-loop delay of
 * a loaded machine (seconds, on 2 shared cores): a provider may apply a timed-out request that
 * late, so a lookup that finds nothing is not trusted before. The report prints the worst delay.
 */
const RESEND_GRACE_MS = 8_000;
/** A crashing instance's lease: short, so the restarted instance may take over within the run. */
const CRASH_LEASE_MS = 500;
const CALLER_DEADLINE_MS = 30_000;

/** mulberry32: small, seedable, good enough to pick scenarios. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function randomFault(rng: Rng): Fault {
  const kind = rng.pick(FAULT_KINDS);
  switch (kind) {
    case "latency":
      return { kind, ms: rng.chance(0.5) ? rng.int(1, 40) : TIMEOUT_MS + rng.int(50, 300) };
    case "slow-body":
      return { kind, ms: rng.chance(0.5) ? rng.int(1, 40) : TIMEOUT_MS + rng.int(50, 300) };
    case "http-error":
      return { kind, status: rng.pick([500, 502, 503] as const) };
    default:
      return { kind } as Fault;
  }
}

/**
 * A fetch for an instance that dies mid-write: at `point` its request hangs forever (the process
 * is gone), and after `kill()` everything it tries fails before sending.
 */
function crashingFetch(point: "planning" | "before-send" | "after-send", refundRoute: string) {
  let dead = false;
  const hung: ((e: Error) => void)[] = [];
  const hang = () => new Promise<Response>((_, reject) => hung.push(reject));
  const refused = () =>
    new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
  return {
    /** Whether it has reached its crash point (or died of a fault before it). */
    crashed: () => dead,
    async fetch(request: Request): Promise<Response> {
      if (dead) throw refused();
      const isRefund = new URL(request.url).pathname === refundRoute;
      if (point === "planning" && !isRefund) {
        dead = true;
        return hang();
      }
      if (point === "before-send" && isRefund) {
        dead = true;
        return hang();
      }
      let response: Response;
      try {
        response = await fetch(request);
      } catch (error) {
        // A fault killed the connection: the process dies here, whatever the point was.
        dead = true;
        throw error;
      }
      if (point === "after-send" && isRefund) {
        dead = true;
        await response.arrayBuffer().catch(() => undefined);
        return hang();
      }
      return response;
    },
    kill() {
      dead = true;
      for (const reject of hung.splice(0))
        reject(new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) }));
    },
  };
}

interface ScenarioPlan {
  n: number;
  provider: ProviderId;
  kind: ScenarioKind;
  keys: { amount: number; key: string }[];
  /** Which instance each caller uses (same-key: one per caller; racing-keys: one per key). */
  instances: number[];
  faults: { fault: Fault; anyRoute: boolean }[];
  crashAt: "planning" | "before-send" | "after-send";
}

/** Every scenario, drawn up front from the seed, so one seed is one plan whatever the timing. */
function planScenarios(
  rng: Rng,
  options: SoakOptions,
  ids: readonly ProviderId[],
  allowed: (id: ProviderId) => readonly ScenarioKind[],
  instanceCount: number,
): ScenarioPlan[] {
  const plans: ScenarioPlan[] = [];
  let keys = 0;
  for (let n = 0; keys < options.attempts; n++) {
    const provider = rng.pick(ids);
    const kinds = allowed(provider).filter((k) => k !== "lost-store" || KEY_REFERENCE[provider] !== undefined);
    if (kinds.length === 0) {
      if (ids.every((id) => allowed(id).every((k) => k === "lost-store" && KEY_REFERENCE[id] === undefined))) break;
      continue;
    }
    const kind = rng.pick(kinds);
    const keyCount = kind === "racing-keys" ? rng.int(2, 3) : 1;
    // Distinct amounts per payment, so ledgers without the key still tell refunds apart; at most
    // 3 × 30.00 of a 100.00 payment, so an over-refund can only come from a double.
    const amounts = new Set<number>();
    while (amounts.size < keyCount) amounts.add(rng.int(500, 3000));
    const callers = kind === "same-key" ? rng.int(2, Math.max(2, instanceCount)) : keyCount;
    const first = rng.int(0, instanceCount - 1);
    plans.push({
      n,
      provider,
      kind,
      keys: [...amounts].map((amount, i) => ({ amount, key: `soak-${options.seed}-${n}-${i}` })),
      // Consecutive instances: same-key callers are always on different instances.
      instances: Array.from({ length: callers }, (_, i) => (first + i) % instanceCount),
      faults: Array.from({ length: rng.chance(0.7) ? rng.int(1, 2) : 0 }, () => ({ fault: randomFault(rng), anyRoute: rng.chance(0.3) })),
      crashAt: kind === "lost-store" ? "after-send" : rng.pick(["planning", "before-send", "after-send"] as const),
    });
    keys += keyCount;
  }
  return plans;
}

/** When an error's message names a time to retry after, that time (ms), else undefined. */
function retryAfter(message: string): number | undefined {
  const m = /after (\d{4}-\d{2}-\d{2}T[0-9:.]+Z)/.exec(message);
  return m?.[1] === undefined ? undefined : Date.parse(m[1]);
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = performance.now();
  const grace = options.resendGraceMs ?? RESEND_GRACE_MS;
  const lag = monitorEventLoopDelay({ resolution: 20 });
  const rng = prng(options.seed);
  const log = options.log ?? (() => {});
  const ids = options.providers ?? SOAK_PROVIDERS;
  const instanceCount = Math.max(2, options.instances ?? 3);
  const concurrency = options.concurrency ?? 64;
  const deadline = Date.now() + (options.timeLimitMs ?? 10 * 60_000);

  const db = new PGlite();
  const newStore = (): PostgresIdempotencyStore => createPostgresIdempotencyStore({ client: db });
  await newStore().migrate();

  const sims = new Map<ProviderId, RunningProvider>();
  const zombies: (() => void)[] = [];
  const verdicts: (KeyVerdict & { payment: Record<string, unknown> })[] = [];
  const payments = new Map<ProviderId, Record<string, unknown>[]>();
  const calls = new Map<ProviderId, number>();
  const bugs: string[] = [];
  /** Why callers were left with outcome_unknown: message (key and times masked) -> count. */
  const whyUnknown = new Map<ProviderId, Map<string, number>>();
  let stoppedEarly = false;

  try {
    for (const id of ids) sims.set(id, await startProvider(id));
    const providerOptions: PaymentsOptions = Object.assign({}, ...[...sims.values()].map((s) => s.options));
    const facade = (extra: Partial<PaymentsOptions>): Payments =>
      createPayments({ ...providerOptions, timeoutMs: TIMEOUT_MS, resendGraceMs: grace, idempotencyStore: newStore(), ...extra });
    const instances = Array.from({ length: instanceCount }, (_, i) => facade({ instanceId: `soak-${i}` }));
    // From here on (PGlite's start blocks the loop once, which says nothing about the run).
    lag.enable();

    /** One caller: retries what is retryable until told something final or its deadline. */
    async function caller(
      p: Payments,
      provider: ProviderId,
      payment: Record<string, unknown>,
      amount: number,
      key: string,
    ): Promise<string> {
      const until = Date.now() + CALLER_DEADLINE_MS;
      for (;;) {
        calls.set(provider, (calls.get(provider) ?? 0) + 1);
        try {
          await p.refund({ provider, payment, amount: money(BigInt(amount), "TRY"), idempotencyKey: key } as never);
          return "applied";
        } catch (error) {
          if (!isOdemeError(error)) {
            bugs.push(`${provider} ${key}: ${String(error)}`);
            return `bug: ${String(error)}`;
          }
          const final = error.outcome === "unknown" ? "unknown" : "not_applied";
          const done = () => {
            const seen = whyUnknown.get(provider) ?? whyUnknown.set(provider, new Map()).get(provider);
            const why = `${error.code}${error.retryable ? " (retryable, deadline)" : ""}: ${error.message
              .replace(/"soak-[0-9-]+"/g, "KEY")
              .replace(/\b[0-9]{3,}\b/g, "N")
              .slice(0, 160)}`;
            if (final === "unknown") seen?.set(why, (seen.get(why) ?? 0) + 1);
            return final;
          };
          if (!error.retryable || Date.now() >= until) return done();
          const at = retryAfter(error.message);
          const wait =
            at !== undefined && at - Date.now() < grace + 500 ? Math.max(5, at - Date.now() + 10) : 50 + Math.floor(Math.random() * 100);
          if (Date.now() + wait >= until) return done();
          await sleep(wait);
        }
      }
    }

    const allowed = (id: ProviderId) => options.scenarios?.(id) ?? SCENARIO_KINDS;
    const plans = planScenarios(rng, options, ids, allowed, instanceCount);

    async function scenario(plan: ScenarioPlan): Promise<void> {
      const { n, provider, kind, keys } = plan;
      const sim = sims.get(provider) as RunningProvider;
      const payment = sim.seed();
      (payments.get(provider) ?? payments.set(provider, []).get(provider))?.push(payment);
      for (const f of plan.faults) sim.faults.inject(f.fault, f.anyRoute ? {} : { route: sim.refundRoute });
      const record = (k: { amount: number; key: string }, told: string[]) =>
        verdicts.push({ provider, scenario: kind, key: k.key, amount: k.amount, told, inLedger: 0, payment });
      const on = (i: number) => instances[i % instances.length] as Payments;

      if (kind === "single" || kind === "racing-keys") {
        const told = await Promise.all(keys.map((k, i) => caller(on(plan.instances[i] ?? 0), provider, payment, k.amount, k.key)));
        keys.forEach((k, i) => record(k, [told[i] as string]));
        return;
      }
      const k = keys[0] as { amount: number; key: string };
      if (kind === "same-key") {
        record(k, await Promise.all(plan.instances.map((i) => caller(on(i), provider, payment, k.amount, k.key))));
        return;
      }
      // crash / lost-store: an instance dies mid-write; a new instance (a restarted process) retries.
      const point = plan.crashAt;
      const crashing = crashingFetch(point, sim.refundRoute);
      zombies.push(crashing.kill);
      const doomed = facade({ fetch: crashing.fetch, leaseMs: CRASH_LEASE_MS, instanceId: `doomed-${n}` });
      const zombie = doomed
        .refund({ provider, payment, amount: money(BigInt(k.amount), "TRY"), idempotencyKey: k.key } as never)
        .catch(() => undefined);
      calls.set(provider, (calls.get(provider) ?? 0) + 1);
      // Let it get as far as its crash point (a fault may stop it earlier: then it dies there).
      for (let i = 0; i < 100 && !crashing.crashed(); i++) await sleep(5);
      // "After send" means the provider has the write: wait (bounded by the longest injected latency)
      // until it lands. A restart whose lost record races a request still being processed at the
      // provider is not this scenario: no lookup can see a write the provider has not made yet.
      if (point === "after-send") {
        for (let i = 0; i < (TIMEOUT_MS + 500) / 5 && !sim.ledger(payment).some((e) => e.amount === k.amount); i++) await sleep(5);
      }
      // The key's record is lost (a store that was not durable, a restore from an old backup).
      if (kind === "lost-store") await db.query("DELETE FROM odeme_idempotency WHERE key = $1", [k.key]);
      const restarted = facade({ instanceId: `restarted-${n}` });
      record(k, [await caller(restarted, provider, payment, k.amount, k.key)]);
      crashing.kill();
      await zombie;
    }

    let next = 0;
    const workers = Array.from({ length: concurrency }, async () => {
      while (next < plans.length) {
        if (Date.now() > deadline) {
          stoppedEarly = true;
          return;
        }
        await scenario(plans[next++] as ScenarioPlan);
      }
    });
    let lastLog = 0;
    const progress = setInterval(() => {
      if (verdicts.length - lastLog >= 1000) log(`  ${(lastLog = verdicts.length)} keys done`);
    }, 500);
    try {
      await Promise.all(workers);
    } finally {
      clearInterval(progress);
    }

    // Compare with the ledgers.
    for (const v of verdicts) {
      const entries = (sims.get(v.provider) as RunningProvider).ledger(v.payment);
      v.inLedger = entries.filter((e) => (e.key !== undefined ? e.key === v.key : e.amount === v.amount)).length;
    }
    return summarize();
  } finally {
    lag.disable();
    for (const kill of zombies) kill();
    await Promise.all([...sims.values()].map((s) => s.close()));
    await db.close();
  }

  function summarize(): SoakReport {
    const empty = (): ProviderFigures => ({
      keys: 0,
      calls: 0,
      requests: 0,
      faultsHit: 0,
      doubles: 0,
      lost: 0,
      unknown: 0,
      driftKurus: 0n,
      byScenario: {},
    });
    const figures: Partial<Record<ProviderId, ProviderFigures>> = {};
    const faultsByKind: Partial<Record<FaultKind, number>> = {};
    const failures: KeyVerdict[] = [];
    for (const [id, sim] of sims) {
      const f = (figures[id] = empty());
      f.calls = calls.get(id) ?? 0;
      f.requests = sim.requests.length;
      for (const r of sim.requests) {
        if (r.fault === undefined) continue;
        f.faultsHit += 1;
        faultsByKind[r.fault] = (faultsByKind[r.fault] ?? 0) + 1;
      }
      // Drift: the ledger's refunded kuruş on the soak's payments against what callers account for.
      let ledger = 0n;
      for (const payment of payments.get(id) ?? []) for (const e of sim.ledger(payment)) ledger += BigInt(e.amount);
      let accounted = 0n;
      for (const v of verdicts) {
        if (v.provider !== id) continue;
        const applied = v.told.includes("applied") || (v.told.every((t) => t === "unknown") && v.inLedger > 0);
        if (applied) accounted += BigInt(v.amount);
      }
      f.driftKurus = ledger - accounted;
    }
    for (const v of verdicts) {
      const f = figures[v.provider] as ProviderFigures;
      const s = (f.byScenario[v.scenario] ??= { keys: 0, doubles: 0, lost: 0, unknown: 0 });
      f.keys += 1;
      s.keys += 1;
      const double = v.inLedger > 1;
      const lost = v.told.some(
        (t) => (t === "applied" && v.inLedger === 0) || (t === "not_applied" && v.inLedger > 0) || t.startsWith("bug"),
      );
      const unknown = !double && !lost && v.told.some((t) => t === "unknown");
      if (double) (f.doubles += v.inLedger - 1), (s.doubles += v.inLedger - 1);
      if (lost) (f.lost += 1), (s.lost += 1);
      if (unknown) (f.unknown += 1), (s.unknown += 1);
      if ((double || lost) && failures.length < 20) {
        const { payment: _payment, ...rest } = v;
        failures.push(rest);
      }
    }
    const all = Object.values(figures) as ProviderFigures[];
    const sum = (k: "keys" | "calls" | "requests" | "faultsHit" | "doubles" | "lost" | "unknown") => all.reduce((n, f) => n + f[k], 0);
    return {
      seed: options.seed,
      resendGraceMs: grace,
      maxEventLoopDelayMs: lag.max / 1e6,
      attempts: verdicts.length,
      instances: instanceCount,
      elapsedMs: performance.now() - started,
      stoppedEarly,
      faultsByKind,
      providers: figures,
      totals: {
        keys: sum("keys"),
        calls: sum("calls"),
        requests: sum("requests"),
        faultsHit: sum("faultsHit"),
        doubles: sum("doubles"),
        lost: sum("lost"),
        unknown: sum("unknown"),
        driftKurus: all.reduce((n, f) => n + (f.driftKurus < 0n ? -f.driftKurus : f.driftKurus), 0n),
      },
      failures,
      bugs: bugs.slice(0, 20),
      unknownReasons: Object.fromEntries(
        [...whyUnknown].map(([id, m]) => [
          id,
          [...m]
            .map(([why, count]) => ({ why, count }))
            .sort((a, b) => b.count - a.count)
            .slice(0, 3),
        ]),
      ),
    };
  }
}

/** The report as the table `pnpm soak` prints. */
export function formatReport(r: SoakReport, verbose = false): string {
  const lines: string[] = [];
  lines.push(
    `soak: seed ${r.seed}, ${r.attempts} refund keys, ${r.instances} facade instances on one Postgres store (PGlite), ${(r.elapsedMs / 1000).toFixed(1)} s${r.stoppedEarly ? " (time limit reached: stopped early)" : ""}`,
    `resendGraceMs ${r.resendGraceMs}, worst event-loop delay ${r.maxEventLoopDelayMs.toFixed(0)} ms`,
  );
  const head = ["provider", "keys", "calls", "requests", "faults hit", "double", "lost", "unknown", "drift kuruş"];
  const rows: string[][] = Object.entries(r.providers).map(([id, f]) =>
    [id, f.keys, f.calls, f.requests, f.faultsHit, f.doubles, f.lost, f.unknown, f.driftKurus].map(String),
  );
  const t = r.totals;
  rows.push(["total", t.keys, t.calls, t.requests, t.faultsHit, t.doubles, t.lost, t.unknown, t.driftKurus].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  lines.push(line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line));
  lines.push(
    `faults hit by kind: ${
      Object.entries(r.faultsByKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ") || "none"
    }`,
  );
  for (const [id, f] of Object.entries(r.providers)) {
    const bad = Object.entries(f.byScenario).filter(([, s]) => s.doubles + s.lost > 0);
    for (const [kind, s] of bad)
      lines.push(`  ${id} / ${kind}: ${s.doubles} double, ${s.lost} lost of ${s.keys} keys (${s.unknown} unknown)`);
  }
  for (const v of r.failures)
    lines.push(`  e.g. ${v.provider} ${v.scenario} ${v.key} ${v.amount} kuruş: told ${v.told.join("/")}, ledger holds ${v.inLedger}`);
  for (const b of r.bugs) lines.push(`  bug: ${b}`);
  if (verbose)
    for (const [id, reasons] of Object.entries(r.unknownReasons))
      for (const x of reasons) lines.push(`  unknown ${id} ×${x.count}: ${x.why}`);
  return lines.join("\n");
}
