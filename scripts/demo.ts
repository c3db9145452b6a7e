/**
 * The merchant demo: every provider's simulator in-process, one @odeme/payments facade over them,
 * and the day-to-day operations a merchant's backend does: refund part, refund the rest, try one
 * refund too many, cancel another payment, look one up. Prints one table.
 */
import { createPayments, formatDecimal, OdemeError, parseMoney, type Money, type Payments, type PaymentsOptions } from "@odeme/payments";
import { startSimulator, type Simulator } from "@odeme/testkit";
import { scenarios, type DemoScenario } from "./demo-scenarios.ts";

interface Row {
  provider: string;
  operation: string;
  amount: string;
  result: string;
  ms: string;
}

const rows: Row[] = [];
const fmt = (m: Money | undefined) => (m ? `${formatDecimal(m)} ${m.currency}` : "");

async function step(provider: string, operation: string, amount: Money | undefined, run: () => Promise<string>): Promise<void> {
  const started = performance.now();
  let result: string;
  try {
    result = await run();
  } catch (e) {
    result = e instanceof OdemeError ? `✗ ${e.code}${e.providerCode ? ` (${e.providerCode})` : ""}` : `✗ ${String(e)}`;
  }
  rows.push({ provider, operation, amount: fmt(amount), result, ms: (performance.now() - started).toFixed(0) });
}

async function runScenario(payments: Payments, s: DemoScenario): Promise<void> {
  const p = s.provider;
  const first = s.payments[0];
  const second = s.payments[1];
  if (!first || !second) throw new Error(`${p}: the demo needs two seeded payments`);
  const part = parseMoney(s.partialRefund, "TRY");
  await step(p, "refund (partial)", part, async () => {
    const r = await payments.refund({ provider: p, payment: first, amount: part, idempotencyKey: `${p}-r1` } as never);
    return `✓ ${r.status}`;
  });
  const rest = parseMoney(s.rest, "TRY");
  await step(p, "refund (the rest)", rest, async () => {
    const r = await payments.refund({ provider: p, payment: first, amount: rest, idempotencyKey: `${p}-r2` } as never);
    return `✓ ${r.status}`;
  });
  s.afterRefunds?.();
  await step(p, "refund once more", parseMoney("1.00", "TRY"), async () => {
    const r = await payments.refund({ provider: p, payment: first, amount: parseMoney("1.00", "TRY"), idempotencyKey: `${p}-r3` } as never);
    return `✓ ${r.status}`;
  });
  await step(p, "retry refund with key r1", part, async () => {
    const r = await payments.refund({ provider: p, payment: first, amount: part, idempotencyKey: `${p}-r1` } as never);
    return `✓ ${r.status}${r.replayed ? " (replayed, not re-sent)" : ""}`;
  });
  await step(p, "cancel", undefined, async () => {
    const r = await payments.cancel({ provider: p, payment: second, idempotencyKey: `${p}-c1` } as never);
    return `✓ ${r.status}`;
  });
  await step(p, "retrieve", undefined, async () => {
    const d = await payments.retrieve({ provider: p, payment: first } as never);
    // A provider that does not report these amounts (Sipay Wallet) leaves them undefined: say so
    // rather than print a blank that reads like zero.
    const amountOr = (m: Money | undefined) => (m ? fmt(m) : "unknown (not reported)");
    return `✓ ${d.status}, refunded ${amountOr(d.refundedAmount)}, refundable ${amountOr(d.refundableAmount)}`;
  });
}

function printTable(data: Row[]): void {
  const headers: (keyof Row)[] = ["provider", "operation", "amount", "result", "ms"];
  const width = (k: keyof Row) => Math.max(k.length, ...data.map((r) => r[k].length));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 4 ? c.padStart(width(headers[i] as keyof Row)) : c.padEnd(width(headers[i] as keyof Row)))).join("  ")}`;
  console.log(line(headers));
  console.log(line(headers.map((h) => "─".repeat(width(h)))));
  for (const r of data) console.log(line(headers.map((h) => r[h])));
}

async function main(): Promise<void> {
  const sims: Simulator[] = [];
  try {
    const options: PaymentsOptions = { timeoutMs: 5_000 };
    const ready: DemoScenario[] = [];
    for (const make of scenarios) {
      const sim: Simulator = await startSimulator(make.provider as string);
      sims.push(sim);
      const s = make.seed(sim as never);
      (options as Record<string, unknown>)[s.provider] = { ...sim.credentials, baseUrl: sim.url };
      ready.push(s);
    }
    console.log(`odeme demo: ${ready.length} provider simulators on 127.0.0.1, one @odeme/payments facade\n`);
    const payments = createPayments(options);
    for (const s of ready) await runScenario(payments, s);
    printTable(rows);
    const failures = rows.filter((r) => r.result.startsWith("✗")).length;
    console.log(
      `\n${rows.length} operations, ${rows.length - failures} succeeded, ${failures} rejected as expected (over-refunds, unsupported operations).`,
    );
  } finally {
    await Promise.all(sims.map((s) => s.close()));
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
