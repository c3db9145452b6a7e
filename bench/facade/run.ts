/**
 * The facade's overhead over the generated client on the same call, against the iyzico simulator
 * on loopback. Calls are interleaved (client, facade, client, …) so machine noise hits both alike;
 * the table shows medians per call and their ratio, measured in this one run.
 * - retrieve: one request either way; the difference is the facade's normalization.
 * - refund: the facade first reads the payment (refundable amount, idempotency snapshot), so it
 *   makes two requests where the client makes one — the price of never refunding twice.
 * - refund, same requests: the client makes the facade's two requests itself (retrievePayment, then
 *   refundV2), so the difference is the idempotency state machine (a create and two
 *   compare-and-sets on the in-memory store) plus input checks and mapping.
 * - refund, Postgres store: the facade over the shipped Postgres store (PGlite, in-process), so
 *   the difference to the row above is what a durable shared store costs per refund.
 */
import { createIyzicoClient } from "@odeme/iyzico";
import { PGlite } from "@electric-sql/pglite";
import { createPayments, parseMoney } from "@odeme/payments";
import { createPostgresIdempotencyStore } from "@odeme/payments/postgres";
import { startIyzicoSimulator } from "@odeme/testkit";
import { median, printTable, writeResult } from "../lib.ts";

const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const WARMUP = 20;

const sim = await startIyzicoSimulator();
const db = new PGlite();
try {
  const options = { ...sim.credentials, baseUrl: sim.url };
  const client = createIyzicoClient(options);
  const payments = createPayments({ iyzico: options });
  const store = createPostgresIdempotencyStore({ client: db });
  await store.migrate();
  const durable = createPayments({ iyzico: options, idempotencyStore: store });
  const items = Array.from({ length: 4 }, (_, i) => ({ id: `I${i}`, price: "1000.0" }));
  const payment = sim.seedPayment({ items });

  async function time(fn: () => Promise<unknown>): Promise<number> {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  }

  const retrieveClient: number[] = [];
  const retrieveFacade: number[] = [];
  for (let i = 0; i < CALLS + WARMUP; i++) {
    const a = await time(() => client.retrievePayment({ paymentId: payment.paymentId }));
    const b = await time(() => payments.retrieve({ provider: "iyzico", payment: { paymentId: payment.paymentId } }));
    if (i >= WARMUP) {
      retrieveClient.push(a);
      retrieveFacade.push(b);
    }
  }

  // Each refund gets a fresh payment, so the payment detail the facade reads first stays the same
  // size and the numbers measure the facade, not a growing ledger.
  const refundClient: number[] = [];
  const refundFacade: number[] = [];
  for (let i = 0; i < CALLS + WARMUP; i++) {
    const forClient = sim.seedPayment({ items }).paymentId;
    const forFacade = sim.seedPayment({ items }).paymentId;
    const a = await time(() => client.refundV2({ paymentId: forClient, price: "10.00", conversationId: `c-${i}` }));
    const b = await time(() =>
      payments.refund({
        provider: "iyzico",
        payment: { paymentId: forFacade },
        amount: parseMoney("10.00", "TRY"),
        idempotencyKey: `bench-${i}`,
      }),
    );
    if (i >= WARMUP) {
      refundClient.push(a);
      refundFacade.push(b);
    }
  }

  // The client makes the same two requests as the facade; then the facade over Postgres.
  const sameClient: number[] = [];
  const sameFacade: number[] = [];
  const pgClient: number[] = [];
  const pgFacade: number[] = [];
  for (let i = 0; i < CALLS + WARMUP; i++) {
    const ids = Array.from({ length: 4 }, () => sim.seedPayment({ items }).paymentId);
    const a = await time(async () => {
      await client.retrievePayment({ paymentId: ids[0] as string });
      await client.refundV2({ paymentId: ids[0] as string, price: "10.00", conversationId: `s-${i}` });
    });
    const b = await time(() =>
      payments.refund({
        provider: "iyzico",
        payment: { paymentId: ids[1] as string },
        amount: parseMoney("10.00", "TRY"),
        idempotencyKey: `same-${i}`,
      }),
    );
    const c = await time(() => client.refundV2({ paymentId: ids[2] as string, price: "10.00", conversationId: `p-${i}` }));
    const d = await time(() =>
      durable.refund({
        provider: "iyzico",
        payment: { paymentId: ids[3] as string },
        amount: parseMoney("10.00", "TRY"),
        idempotencyKey: `pg-${i}`,
      }),
    );
    if (i >= WARMUP) {
      sameClient.push(a);
      sameFacade.push(b);
      pgClient.push(c);
      pgFacade.push(d);
    }
  }

  const rows = [
    ["retrieve", median(retrieveClient), median(retrieveFacade)],
    ["refund", median(refundClient), median(refundFacade)],
    ["refund, same requests (client: retrieve + refund)", median(sameClient), median(sameFacade)],
    ["refund, Postgres store (PGlite)", median(pgClient), median(pgFacade)],
  ] as const;
  console.log(`facade overhead: ${CALLS} calls each (after ${WARMUP} warm-up), iyzico simulator on 127.0.0.1, Node ${process.version}`);
  printTable(
    ["call", "client median ms", "facade median ms", "overhead ms", "ratio"],
    rows.map(([name, c, f]) => [name, c.toFixed(3), f.toFixed(3), (f - c).toFixed(3), `${(f / c).toFixed(2)}×`]),
  );
  const file = writeResult("facade", {
    calls: CALLS,
    node: process.version,
    results: rows.map(([call, clientMs, facadeMs]) => ({ call, clientMs, facadeMs, ratio: facadeMs / clientMs })),
  });
  console.log(`\nwrote ${file}`);
} finally {
  await sim.close();
  await db.close();
}
