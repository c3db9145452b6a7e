/** Seeding: wallets (the two demo wallets every simulator starts with, and more on request) and completed payments. */
import { randomBytes } from "node:crypto";
import type { SimulatorClock } from "../../clock.ts";
import { seedAmount } from "../../kit/amounts.ts";
import { formatMinor } from "../../money.ts";
import type { LedgerWallet, SipayWalletLedger } from "./ledger.ts";
import type { JsonObject } from "../../spec.ts";
import type { DemoSummary } from "../registration.ts";
import type { SipayWalletSimulator } from "./simulator.ts";

/** The wallets every simulator starts with: a customer's personal wallet (from the docs' example) and a business. */
export const SIPAY_WALLET_DEMO_WALLETS = {
  personal: { walletNumber: "826282822", accountNumber: "EK2828", balance: "100000.00" },
  business: { walletNumber: "500000001", accountNumber: "BK5001", businessCode: "B5001", businessName: "Simülatör Mağazası" },
} as const;

/** A decimal amount in lira: "100.00" (preferred, exact) or a number. */
export type DecimalInput = string | number;

export interface SeedPaymentInput {
  /** Lira, e.g. "100.00". */
  amount: DecimalInput;
  /** Default a fresh "seed-<hex>". */
  extTransactionId?: string;
  /** Default the demo personal wallet; it is topped up if its balance is short. */
  senderWalletNumber?: string;
  /** Default the demo business wallet. */
  receiverWalletNumber?: string;
  description?: string;
  /** When the payment was made; default the simulator clock's now. */
  date?: Date;
}

export interface SeededPayment {
  /** 19 digits, beyond 2^53: keep it a string. */
  transactionId: string;
  extTransactionId: string;
  /** Lira with two decimals, e.g. "100.00". */
  amount: string;
}

export interface SeedWalletInput {
  type: "personal" | "business";
  /** Default a fresh 9-digit number. */
  walletNumber?: string;
  /** Default a fresh "SIM<n>". */
  accountNumber?: string;
  /** Lira; default "0". */
  balance?: DecimalInput;
  name?: string;
  /** Business wallets: default "B<n>". */
  businessCode?: string;
  businessName?: string;
}

export interface SeededWallet {
  /** 19 digits. */
  id: string;
  walletNumber: string;
  accountNumber: string;
  type: "personal" | "business";
  businessCode?: string;
}

/** seedWallet and seedPayment over `ledger`, and the two demo wallets, seeded at once. */
export function createSeeding(ledger: SipayWalletLedger, clock: SimulatorClock) {
  let walletCounter = 0;

  const seedWallet = (input: SeedWalletInput): SeededWallet => {
    walletCounter += 1;
    let walletNumber = input.walletNumber;
    while (walletNumber === undefined || (input.walletNumber === undefined && ledger.wallet(walletNumber))) {
      walletNumber = String(700_000_000 + walletCounter++);
    }
    const wallet = ledger.addWallet({
      number: walletNumber,
      accountNumber: input.accountNumber ?? `SIM${1000 + walletCounter}`,
      type: input.type,
      name: input.name ?? (input.type === "business" ? (input.businessName ?? null) : ""),
      balance: input.balance === undefined ? 0 : seedAmount(input.balance, "seedWallet: balance", "decimal", { allowZero: true }),
      currency: "TRY",
      createdAt: clock.now(),
      ...(input.type === "business"
        ? {
            businessCode: input.businessCode ?? `B${1000 + walletCounter}`,
            businessName: input.businessName ?? `Business ${walletCounter}`,
          }
        : {}),
    });
    return seededWallet(wallet);
  };

  const demo = SIPAY_WALLET_DEMO_WALLETS;
  const personal = seedWallet({
    type: "personal",
    walletNumber: demo.personal.walletNumber,
    accountNumber: demo.personal.accountNumber,
    balance: demo.personal.balance,
  });
  const business = seedWallet({
    type: "business",
    walletNumber: demo.business.walletNumber,
    accountNumber: demo.business.accountNumber,
    businessCode: demo.business.businessCode,
    businessName: demo.business.businessName,
  });

  return {
    wallets: { personal, business },
    seedWallet,
    seedPayment(input: SeedPaymentInput): SeededPayment {
      const amount = seedAmount(input.amount, "seedPayment: amount");
      const extTransactionId = input.extTransactionId ?? `seed-${randomBytes(6).toString("hex")}`;
      if (ledger.transactionByExtId(extTransactionId))
        throw new RangeError(`seedPayment: ext_transaction_id "${extTransactionId}" is already used`);
      const sender = ledger.wallet(input.senderWalletNumber ?? personal.walletNumber);
      if (sender?.type !== "personal") throw new RangeError(`seedPayment: no personal wallet ${input.senderWalletNumber}`);
      // A seed stands for a payment that happened: the payer had the money.
      if (sender.balance < amount) sender.balance = amount;
      const { transaction } = ledger.pay({
        senderAccountNumber: sender.accountNumber,
        senderWalletNumber: sender.number,
        receiverWalletNumber: input.receiverWalletNumber ?? business.walletNumber,
        extTransactionId,
        amount,
        currency: "TRY",
        ...(input.description !== undefined ? { description: input.description } : {}),
        at: input.date ?? clock.now(),
      });
      return { transactionId: transaction.id, extTransactionId, amount: formatMinor(amount, 2) };
    },
  };
}

function seededWallet(w: LedgerWallet): SeededWallet {
  return {
    id: w.id,
    walletNumber: w.number,
    accountNumber: w.accountNumber,
    type: w.type,
    ...(w.businessCode !== undefined ? { businessCode: w.businessCode } : {}),
  };
}

/** What the CLI seeds (a few references a person can try requests against) and prints about it. */
export function seedDemo(sim: SipayWalletSimulator): DemoSummary {
  const payments = [
    sim.seedPayment({ amount: "100.00", extTransactionId: "DEMO-PAY-1001", description: "demo order 1001" }),
    sim.seedPayment({ amount: "249.90", extTransactionId: "DEMO-PAY-1002", description: "demo order 1002" }),
  ];
  const { personal, business } = sim.wallets;
  const wallets: JsonObject[] = [
    { wallet_number: personal.walletNumber, account_number: personal.accountNumber, type: personal.type },
    {
      wallet_number: business.walletNumber,
      account_number: business.accountNumber,
      type: business.type,
      business_code: business.businessCode ?? null,
    },
  ];
  const text = [
    ...payments.map((p) => `  payment transaction_id ${p.transactionId}  ext_transaction_id ${p.extTransactionId}  amount ${p.amount} TRY`),
    `  personal wallet ${personal.walletNumber} (account ${personal.accountNumber}) -> business wallet ${business.walletNumber} (business_code ${business.businessCode})`,
    "  token: POST /connect/token (form: grant_type=client_credentials, client_id, client_secret, scope=sts_api or sts_business_api)",
  ];
  return {
    references: {
      payments: payments.map((p) => ({ transaction_id: p.transactionId, ext_transaction_id: p.extTransactionId, amount: p.amount })),
      wallets,
    },
    text,
  };
}
