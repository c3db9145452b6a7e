/**
 * The iyzico simulator in its own process, so the bench process's CPU time is the clients' alone.
 * Prints one JSON line (url, credentials, seeded payment ids) and runs until stdin closes.
 */
import { startIyzicoSimulator } from "@odeme/testkit";

const clients = Number(process.argv[2] ?? 5);
const sim = await startIyzicoSimulator();
const items = Array.from({ length: 4 }, (_, i) => ({ id: `I${i}`, price: "1000.0" }));
const retrieve = sim.seedPayment({ items }).paymentId;
// One payment per client to refund from, large enough for every refund of the run.
const refund = Array.from({ length: clients }, () => sim.seedPayment({ items: [{ id: "BIG", price: "100000000.0" }] }).paymentId);
process.stdout.write(`${JSON.stringify({ url: sim.url, credentials: sim.credentials, retrieve, refund })}\n`);
process.stdin.resume();
process.stdin.on("end", () => void sim.close().then(() => process.exit(0)));
process.stdin.on("close", () => void sim.close().then(() => process.exit(0)));
