/** seedPayment: a successful payment recorded as if POST /payment/auth had been called. */
import type { SimulatorClock } from "../../clock.ts";
import { seedAmount } from "../../kit/amounts.ts";
import { formatMinor } from "../../money.ts";
import type { IyzicoLedger } from "./ledger.ts";
import type { DemoSummary } from "../registration.ts";
import type { IyzicoSimulator } from "./simulator.ts";

/** A decimal amount in major units: "15.0" (preferred, exact) or a JSON-style number. */
export type DecimalInput = string | number;

export interface SeedPaymentInput {
  items: { id: string; price: DecimalInput }[];
  /** What the card was charged; default the sum of item prices. */
  paidPrice?: DecimalInput;
  /** Default "TRY". */
  currency?: string;
  conversationId?: string;
  basketId?: string;
  /** When the payment was made; default the simulator clock's now. */
  date?: Date;
}

/** A seeded payment's references; prices as the decimal strings a refund request sends. */
export interface SeededPayment {
  paymentId: string;
  paidPrice: string;
  currency: string;
  items: { itemId: string; paymentTransactionId: string; price: string; paidPrice: string }[];
}

export function seedPayment(ledger: IyzicoLedger, clock: SimulatorClock, input: SeedPaymentInput): SeededPayment {
  // No positivity rule here: the ledger decides what a payment may hold, as for a request.
  const amount = (value: DecimalInput, field: string) => seedAmount(value, `seedPayment: ${field}`, "decimal", { allowZero: true });
  const payment = ledger.createPayment({
    items: input.items.map((item, i) => ({ itemId: item.id, price: amount(item.price, `items[${i}].price`) })),
    ...(input.paidPrice !== undefined ? { paidPrice: amount(input.paidPrice, "paidPrice") } : {}),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    ...(input.conversationId !== undefined ? { conversationId: input.conversationId } : {}),
    ...(input.basketId !== undefined ? { basketId: input.basketId } : {}),
    createdAt: input.date ?? clock.now(),
  });
  return {
    paymentId: payment.paymentId,
    paidPrice: formatMinor(payment.paidPrice),
    currency: payment.currency,
    items: payment.items.map((item) => ({
      itemId: item.itemId,
      paymentTransactionId: item.paymentTransactionId,
      price: formatMinor(item.price),
      paidPrice: formatMinor(item.paidPrice),
    })),
  };
}

/** What the CLI seeds (a few references a person can try requests against) and prints about it. */
export function seedDemo(sim: IyzicoSimulator): DemoSummary {
  const payments = [
    sim.seedPayment({
      conversationId: "demo-order-1001",
      basketId: "B1001",
      items: [
        { id: "BI101", price: "30.0" },
        { id: "BI102", price: "50.0" },
        { id: "BI103", price: "20.0" },
      ],
    }),
    sim.seedPayment({
      conversationId: "demo-order-1002",
      basketId: "B1002",
      paidPrice: "121.5",
      items: [
        { id: "BI201", price: "75.0" },
        { id: "BI202", price: "45.0" },
      ],
    }),
  ];
  const text = payments.flatMap((p) => [
    `  payment ${p.paymentId}  paidPrice ${p.paidPrice} ${p.currency}`,
    ...p.items.map(
      (i) => `    item ${i.itemId}  paymentTransactionId ${i.paymentTransactionId}  price ${i.price}  paidPrice ${i.paidPrice}`,
    ),
  ]);
  return { references: { payments: payments.map((p) => ({ ...p, items: p.items.map((i) => ({ ...i })) })) }, text };
}
