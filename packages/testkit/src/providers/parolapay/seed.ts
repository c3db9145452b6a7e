/** Seeding: intents and card payments recorded as if made through the API (the payer's steps skipped). */
import type { SimulatorClock } from "../../clock.ts";
import { seedAmount } from "../../kit/amounts.ts";
import { reportedState, type CardRef, type ParolapayLedger } from "./ledger.ts";
import type { DemoSummary } from "../registration.ts";
import type { ParolapaySimulator } from "./simulator.ts";

export interface SeedIntentInput {
  /** Kuruş, e.g. 150000 for 1 500.00 TRY. */
  amount: number;
  /** Default "TRY". */
  currency?: string;
  /** Default a fresh "ORDER-<n>". */
  merchantRef?: string;
  /** Default the merchantRef. */
  orderReference?: string;
  /** Default "captured". */
  status?: "requires_otp" | "authorized" | "captured";
  /** When the intent was created (and captured); default the simulator clock's now. */
  date?: Date;
}

export interface SeededIntent {
  intentId: string;
  /** Kuruş. */
  amount: number;
  merchantRef: string;
  orderReference: string;
  paymentReference: string;
  currency: string;
  status: string;
}

export interface SeedCardPaymentInput {
  /** Kuruş. */
  amount: number;
  /** Default a fresh "ORDER-<n>". */
  orderReference?: string;
  /** Default "captured"; "authorized" as if paid with auth_mode "auth". */
  state?: "authorized" | "captured";
  date?: Date;
}

export interface SeededCardPayment {
  paymentReference: string;
  orderReference: string;
  /** Kuruş. */
  amount: number;
  state: string;
}

/** The card seeded payments are "made" with: the BIN of Parolapay's docs' example (52845600). */
const SEED_CARD: CardRef = { bin: "528456", last4: "0009", cardType: "mastercard" };

/** seedIntent and seedCardPayment over `ledger`; fresh merchant refs are "ORDER-<n>", never one in use. */
export function createSeeding(ledger: ParolapayLedger, clock: SimulatorClock, otp: string) {
  let seeded = 0;
  const nextRef = () => {
    let ref: string;
    do ref = `ORDER-${1000 + ++seeded}`;
    while (ledger.intentByMerchantRef(ref));
    return ref;
  };
  return {
    seedIntent(input: SeedIntentInput): SeededIntent {
      seedAmount(input.amount, "seedIntent: amount", "minor");
      const merchantRef = input.merchantRef ?? nextRef();
      if (ledger.intentByMerchantRef(merchantRef)) throw new RangeError(`seedIntent: merchant_ref "${merchantRef}" is already used`);
      const intent = ledger.seedIntent({
        amount: input.amount,
        currency: input.currency ?? "TRY",
        merchantRef,
        orderReference: input.orderReference ?? merchantRef,
        card: SEED_CARD,
        otpCode: otp,
        at: input.date ?? clock.now(),
        state: input.status ?? "captured",
      });
      return {
        intentId: intent.id,
        amount: intent.amount,
        merchantRef: intent.merchantRef,
        orderReference: intent.orderReference,
        paymentReference: intent.paymentReference,
        currency: intent.currency,
        status: reportedState(intent),
      };
    },
    seedCardPayment(input: SeedCardPaymentInput): SeededCardPayment {
      seedAmount(input.amount, "seedCardPayment: amount", "minor");
      const payment = ledger.createCardPayment({
        amount: input.amount,
        orderReference: input.orderReference ?? nextRef(),
        installment: 1,
        card: SEED_CARD,
        capture: (input.state ?? "captured") === "captured",
        at: input.date ?? clock.now(),
      });
      return {
        paymentReference: payment.paymentReference,
        orderReference: payment.orderReference,
        amount: payment.amount,
        state: payment.state,
      };
    },
  };
}

/** What the CLI seeds (a few references a person can try requests against) and prints about it. */
export function seedDemo(sim: ParolapaySimulator): DemoSummary {
  const intents = [
    sim.seedIntent({ amount: 150000, merchantRef: "DEMO-ORDER-1001" }),
    sim.seedIntent({ amount: 24990, merchantRef: "DEMO-ORDER-1002" }),
  ];
  const card = sim.seedCardPayment({ amount: 9900, orderReference: "DEMO-CARD-2001" });
  const payments = intents.map((i) => ({
    intent_id: i.intentId,
    merchant_ref: i.merchantRef,
    order_reference: i.orderReference,
    payment_reference: i.paymentReference,
    amount: i.amount,
    currency: i.currency,
    status: i.status,
  }));
  const text = [
    ...intents.map((i) => `  intent ${i.intentId}  merchant_ref ${i.merchantRef}  amount ${i.amount} (kuruş) ${i.currency}  ${i.status}`),
    `  card payment ${card.paymentReference}  order_reference ${card.orderReference}  amount ${card.amount} (kuruş)  ${card.state}`,
    `  OTP for new intents: ${sim.otp}`,
  ];
  return {
    references: {
      payments,
      card_payments: [
        { payment_reference: card.paymentReference, order_reference: card.orderReference, amount: card.amount, state: card.state },
      ],
      otp: sim.otp,
    },
    text,
  };
}
