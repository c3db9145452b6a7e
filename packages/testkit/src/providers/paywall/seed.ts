/** seedPayment: a successful payment recorded as if payment/startdirect had been called. */
import type { SimulatorClock } from "../../clock.ts";
import { seedAmount } from "../../kit/amounts.ts";
import { ProviderFailure } from "../../kit/failure.ts";
import { formatMinor } from "../../money.ts";
import { describeFailure } from "./errors.ts";
import { CURRENCY_NAMES, paywallDate, type PaywallLedger, type PaywallPayment } from "./ledger.ts";
import type { DemoSummary } from "../registration.ts";
import type { PaywallSimulator } from "./simulator.ts";

/** A decimal amount in major units: "100.00" (preferred, exact) or a JSON-style number. */
export type PaywallDecimalInput = string | number;

export interface SeedPaywallPaymentInput {
  amount: PaywallDecimalInput;
  /** Default: a fresh "sim-order-N". */
  merchantUniqueCode?: string;
  /** When the payment was made; default the simulator clock's now. */
  date?: Date;
  /** 1 TRY (default), 2 USD, 3 EUR, 4 BAM, 5 MKD, 6 ALL, 7 GBP. */
  currencyId?: number;
  installment?: number;
  /** The card charged; default Paywall's docs test card 4022774022774026. */
  cardNumber?: string;
}

/** A seeded payment's references, as the private operations take them. */
export interface SeededPaywallPayment {
  paymentId: number;
  uniqueCode: string;
  merchantUniqueCode: string;
  /** Major units with two decimals, e.g. "100.00". */
  amount: string;
  /** The payment's day as the `Date` field of refund and cancel requests wants it ("2024-06-12"). */
  date: string;
  currencyId: number;
}

export function seedPayment(ledger: PaywallLedger, clock: SimulatorClock, input: SeedPaywallPaymentInput): SeededPaywallPayment {
  const amount = seedAmount(input.amount, "seedPayment: amount");
  if (input.currencyId !== undefined && CURRENCY_NAMES[input.currencyId] === undefined) {
    throw new RangeError(`seedPayment: unknown currencyId ${input.currencyId}`);
  }
  let payment: PaywallPayment;
  try {
    payment = ledger.createPayment({
      amount,
      createdAt: input.date ?? clock.now(),
      ...(input.merchantUniqueCode !== undefined ? { merchantUniqueCode: input.merchantUniqueCode } : {}),
      ...(input.currencyId !== undefined ? { currencyId: input.currencyId } : {}),
      ...(input.installment !== undefined ? { installment: input.installment } : {}),
      ...(input.cardNumber !== undefined ? { card: { number: input.cardNumber } } : {}),
    });
  } catch (error) {
    if (error instanceof ProviderFailure) throw new RangeError(`seedPayment: ${describeFailure(error).text}`);
    throw error;
  }
  return {
    paymentId: payment.paymentId,
    uniqueCode: payment.uniqueCode,
    merchantUniqueCode: payment.merchantUniqueCode,
    amount: formatMinor(payment.amount, 2),
    date: paywallDate(payment.createdAt),
    currencyId: payment.currencyId,
  };
}

/** What the CLI seeds (a few references a person can try requests against) and prints about it. */
export function seedDemo(sim: PaywallSimulator): DemoSummary {
  const payments = [
    sim.seedPayment({ amount: "101.50", merchantUniqueCode: "demo-order-1001" }),
    sim.seedPayment({ amount: "250.00", merchantUniqueCode: "demo-order-1002", cardNumber: "5549600000000004" }),
  ];
  return {
    // Named as Paywall's requests name them.
    references: {
      payments: payments.map((p) => ({
        PaymentId: p.paymentId,
        UniqueCode: p.uniqueCode,
        MerchantUniqueCode: p.merchantUniqueCode,
        Date: p.date,
        Amount: p.amount,
        CurrencyId: p.currencyId,
      })),
    },
    text: payments.map(
      (p) =>
        `  PaymentId ${p.paymentId}  UniqueCode ${p.uniqueCode}  MerchantUniqueCode ${p.merchantUniqueCode}  Date ${p.date}  Amount ${p.amount}`,
    ),
  };
}
