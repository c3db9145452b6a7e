/** seedPayment: a payment recorded as if a checkout session had been paid (or left as told). */
import type { SimulatorClock } from "../../clock.ts";
import { seedAmount } from "../../kit/amounts.ts";
import { formatMinor } from "../../money.ts";
import type { DineroPayLedger, DineroPayStatus } from "./ledger.ts";
import type { DemoSummary } from "../registration.ts";
import type { DineroPaySimulator } from "./simulator.ts";

export interface SeedDineroPayPaymentInput {
  /** Major units, e.g. "100.00". */
  amount: string | number;
  /** Default "TRY". */
  currency?: string;
  /** The merchant's order.number; default a fresh "sim-order-N". */
  orderNumber?: string;
  description?: string;
  /** When the payment was made (and settled); default the simulator clock's now. */
  date?: Date;
  /** Default "settled". */
  status?: DineroPayStatus;
  /** Issue a recurring_token, as a session with recurring_init: true does. */
  recurring?: boolean;
}

export interface SeededDineroPayPayment {
  /** DineroPay's payment_id (a UUID). */
  paymentId: string;
  orderNumber: string;
  /** Major units with two decimals, e.g. "100.00". */
  amount: string;
  currency: string;
  status: DineroPayStatus;
  /** Set when seeded with recurring: true. */
  recurringToken?: string;
}

export function seedPayment(ledger: DineroPayLedger, clock: SimulatorClock, input: SeedDineroPayPaymentInput): SeededDineroPayPayment {
  const amount = seedAmount(input.amount, "seedPayment: amount");
  if (input.currency !== undefined && !/^[A-Z]{3}$/.test(input.currency))
    throw new RangeError(`seedPayment: currency "${input.currency}" is not ISO 4217`);
  const payment = ledger.createPayment({
    amount,
    createdAt: input.date ?? clock.now(),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    ...(input.orderNumber !== undefined ? { orderNumber: input.orderNumber } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.recurring ? { recurring: true } : {}),
  });
  return {
    paymentId: payment.paymentId,
    orderNumber: payment.orderNumber,
    amount: formatMinor(payment.amount, 2),
    currency: payment.currency,
    status: payment.status,
    ...(payment.recurringToken !== undefined ? { recurringToken: payment.recurringToken } : {}),
  };
}

/** What the CLI seeds (a few references a person can try requests against) and prints about it. */
export function seedDemo(sim: DineroPaySimulator): DemoSummary {
  const payments = [
    sim.seedPayment({ amount: "100.00", currency: "TRY", orderNumber: "demo-order-2001", description: "Demo order 2001" }),
    sim.seedPayment({
      amount: "49.90",
      currency: "TRY",
      orderNumber: "demo-order-2002",
      description: "Demo subscription",
      recurring: true,
    }),
  ];
  return {
    // Named as DineroPay's requests name them (payment_id; order_id is the status lookup's name for order.number).
    references: {
      payments: payments.map((p) => ({
        payment_id: p.paymentId,
        order_id: p.orderNumber,
        amount: p.amount,
        currency: p.currency,
        status: p.status,
        ...(p.recurringToken !== undefined ? { recurring_token: p.recurringToken } : {}),
      })),
    },
    text: payments.map(
      (p) =>
        `  payment_id ${p.paymentId}  order_id ${p.orderNumber}  amount ${p.amount} ${p.currency}  status ${p.status}` +
        (p.recurringToken !== undefined ? `  recurring_token ${p.recurringToken}` : ""),
    ),
  };
}
