/**
 * The Sipay Wallet simulator's state: wallets with balances, and transactions (payments and
 * refunds). Amounts are integer kuruş; ids are 19-digit decimal strings (see ids.ts).
 *
 * Rules (reference/providers.md §2 and the spec):
 * - `ext_transaction_id` is unique over every transaction, payments and refunds alike: a repeat
 *   is 301 Duplicate, and nothing is written;
 * - a payment moves `amount` from a personal wallet (sender account + wallet number must match,
 *   else 300) to a business wallet (else 304); the same wallet on both sides is 303; a balance
 *   below the amount is 311;
 * - a refund names the payment by `tx_correlation_id` = its transaction_id (unknown, or not a
 *   payment: 312); refunds of one payment never add up to more than the payment: after a full
 *   refund any refund is 315 "full refund already done", otherwise more than is left is 315
 *   "amount exceeds the refundable amount"; the money goes back from the business wallet to the
 *   payer's wallet;
 * - instant and non-instant refunds follow the same rules and both complete at once here
 *   (transaction_status 20 NormalCompleted); they differ only in their transaction type.
 */
import { checkRefund } from "../../kit/ledger.ts";
import { istanbulDay } from "../../kit/time.ts";
import { sipayWalletFailure } from "./errors.ts";
import { newLongId } from "./ids.ts";

export type TransactionKind = "payment" | "refund-instant" | "refund";

/**
 * The transaction types. `code` is the receipt's designed type code; `id` the summary record's
 * `transaction_type_id`. Sipay documents such ids (a Transaction Type Code List, e.g. 3004 "B2P
 * Send Money To Wallet") but the codes of a wallet payment and its refunds were not readable, so
 * these ids are designed.
 */
export const TRANSACTION_TYPES: Readonly<Record<TransactionKind, { code: string; id: number; name: string }>> = {
  payment: { code: "PAYMENT", id: 2001, name: "Payment" },
  "refund-instant": { code: "REFUND_PAYMENT_INSTANT", id: 2002, name: "RefundPaymentInstant" },
  refund: { code: "REFUND_PAYMENT", id: 2003, name: "RefundPayment" },
};

export interface LedgerWallet {
  /** 19-digit id. */
  id: string;
  number: string;
  accountNumber: string;
  type: "personal" | "business";
  name: string | null;
  /** Kuruş. */
  balance: number;
  currency: string;
  createdAt: Date;
  businessCode?: string;
  businessName?: string;
}

export interface LedgerTransaction {
  /** The transaction_id, 19 digits. */
  id: string;
  extTransactionId: string;
  kind: TransactionKind;
  /** Kuruş. */
  amount: number;
  currency: string;
  senderWalletNumber: string;
  receiverWalletNumber: string;
  /** The personal (customer) wallet's id: the payer of a payment, the payee of a refund. */
  walletId: string;
  /** For a refund: the refunded payment's transaction_id. */
  txCorrelationId?: string;
  description?: string;
  createdAt: Date;
  /** For a payment: kuruş refunded so far. */
  refunded: number;
  /** For a refund: kuruş refunded from the payment before this refund (the payload's previous_amount). */
  previousRefunded: number;
}

/** What tests may read; the simulator alone writes. */
export interface SipayWalletLedgerView {
  readonly wallets: readonly Readonly<LedgerWallet>[];
  readonly transactions: readonly Readonly<LedgerTransaction>[];
  /** The transaction with this transaction_id (compared as a number, so "007" finds "7"). */
  transaction(id: string): Readonly<LedgerTransaction> | undefined;
  transactionByExtId(extTransactionId: string): Readonly<LedgerTransaction> | undefined;
  wallet(walletNumber: string): Readonly<LedgerWallet> | undefined;
}

export interface NewPayment {
  senderAccountNumber: string;
  senderWalletNumber: string;
  receiverWalletNumber: string;
  businessCode?: string;
  extTransactionId: string;
  amount: number;
  currency: string;
  description?: string;
  at: Date;
}

export interface NewRefund {
  /** Canonical decimal string. */
  txCorrelationId: string;
  extTransactionId: string;
  amount: number;
  currency: string;
  description?: string;
  instant: boolean;
  at: Date;
}

export interface RecordFilter {
  id?: string;
  extTransactionId?: string;
  tenantId?: string;
  walletId?: string;
  /** transaction_type_id values, any of which matches. */
  transactionTypeIds?: number[];
  start?: Date;
  end?: Date;
}

export const TENANT_ID = "5";

export class SipayWalletLedger implements SipayWalletLedgerView {
  readonly wallets: LedgerWallet[] = [];
  readonly transactions: LedgerTransaction[] = [];
  private readonly byId = new Map<string, LedgerTransaction>();
  private readonly byExtId = new Map<string, LedgerTransaction>();

  transaction(id: string): LedgerTransaction | undefined {
    return /^\d+$/.test(id) ? this.byId.get(BigInt(id).toString()) : undefined;
  }

  transactionByExtId(extTransactionId: string): LedgerTransaction | undefined {
    return this.byExtId.get(extTransactionId);
  }

  wallet(walletNumber: string): LedgerWallet | undefined {
    return this.wallets.find((w) => w.number === walletNumber);
  }

  walletById(id: string): LedgerWallet | undefined {
    return this.wallets.find((w) => w.id === id);
  }

  addWallet(input: Omit<LedgerWallet, "id">): LedgerWallet {
    if (this.wallet(input.number)) throw new RangeError(`wallet number ${input.number} already exists`);
    const wallet: LedgerWallet = { id: newLongId((id) => this.taken(id)), ...input };
    this.wallets.push(wallet);
    return wallet;
  }

  /** POST /v1/Transaction/Payment. */
  pay(input: NewPayment): { transaction: LedgerTransaction; sender: LedgerWallet; receiver: LedgerWallet } {
    this.assertNewExtId(input.extTransactionId);
    const sender = this.wallet(input.senderWalletNumber);
    if (sender?.type !== "personal" || sender.accountNumber !== input.senderAccountNumber) {
      throw sipayWalletFailure("walletNotFound", `sender ${input.senderWalletNumber}`);
    }
    if (input.receiverWalletNumber === input.senderWalletNumber) throw sipayWalletFailure("sameWallet");
    const receiver = this.wallet(input.receiverWalletNumber);
    if (receiver?.type !== "business") throw sipayWalletFailure("businessNotFound", input.receiverWalletNumber);
    if (input.businessCode !== undefined && input.businessCode !== "" && input.businessCode !== receiver.businessCode) {
      throw sipayWalletFailure("businessNotFound", `business_code ${input.businessCode}`);
    }
    if (sender.balance < input.amount) throw sipayWalletFailure("insufficientBalance");
    sender.balance -= input.amount;
    receiver.balance += input.amount;
    const transaction = this.record({
      extTransactionId: input.extTransactionId,
      kind: "payment",
      amount: input.amount,
      currency: input.currency,
      senderWalletNumber: sender.number,
      receiverWalletNumber: receiver.number,
      walletId: sender.id,
      ...(input.description !== undefined ? { description: input.description } : {}),
      createdAt: input.at,
    });
    return { transaction, sender, receiver };
  }

  /** POST /v1/Transaction/RefundPaymentInstant and /RefundPayment. */
  refund(input: NewRefund): { transaction: LedgerTransaction; payment: LedgerTransaction; payer: LedgerWallet } {
    this.assertNewExtId(input.extTransactionId);
    const payment = this.transaction(input.txCorrelationId);
    if (payment?.kind !== "payment") throw sipayWalletFailure("transactionNotFound", `tx_correlation_id ${input.txCorrelationId}`);
    const check = checkRefund(payment.amount, payment.refunded, input.amount);
    // No amount in the message: callers tell 315's cases apart by its text, and a figure such as
    // "10.01" must not read like the "< 0.01" case.
    if (!check.ok) throw sipayWalletFailure(check.why === "fully-refunded" ? "fullRefundDone" : "amountExceedsRefundable");
    const business = this.wallet(payment.receiverWalletNumber);
    const payer = this.wallet(payment.senderWalletNumber);
    if (!business || !payer) throw sipayWalletFailure("walletNotFound");
    if (business.balance < input.amount) throw sipayWalletFailure("insufficientBalance", "business wallet");
    business.balance -= input.amount;
    payer.balance += input.amount;
    const previousRefunded = payment.refunded;
    payment.refunded += input.amount;
    const transaction = this.record({
      extTransactionId: input.extTransactionId,
      kind: input.instant ? "refund-instant" : "refund",
      amount: input.amount,
      currency: input.currency,
      senderWalletNumber: business.number,
      receiverWalletNumber: payer.number,
      walletId: payer.id,
      txCorrelationId: payment.id,
      ...(input.description !== undefined ? { description: input.description } : {}),
      createdAt: input.at,
      previousRefunded,
    });
    return { transaction, payment, payer };
  }

  /** SummaryRecordByFilter: every transaction matching all given filters, newest first. */
  search(filter: RecordFilter): LedgerTransaction[] {
    return this.transactions
      .filter((t) => {
        if (filter.id !== undefined && t.id !== filter.id) return false;
        if (filter.extTransactionId !== undefined && t.extTransactionId !== filter.extTransactionId) return false;
        if (filter.tenantId !== undefined && filter.tenantId !== TENANT_ID) return false;
        if (filter.walletId !== undefined && t.walletId !== filter.walletId) return false;
        if (filter.transactionTypeIds !== undefined && !filter.transactionTypeIds.includes(TRANSACTION_TYPES[t.kind].id)) return false;
        if (filter.start !== undefined && t.createdAt.getTime() < filter.start.getTime()) return false;
        if (filter.end !== undefined && t.createdAt.getTime() > filter.end.getTime()) return false;
        return true;
      })
      .reverse();
  }

  /** Kuruş that came in to and went out of a wallet in the calendar month of `at` (Istanbul). */
  monthlyTotals(wallet: LedgerWallet, at: Date): { incoming: number; outgoing: number } {
    const month = istanbulDay(at).slice(0, 7);
    let incoming = 0;
    let outgoing = 0;
    for (const t of this.transactions) {
      if (istanbulDay(t.createdAt).slice(0, 7) !== month) continue;
      if (t.receiverWalletNumber === wallet.number) incoming += t.amount;
      if (t.senderWalletNumber === wallet.number) outgoing += t.amount;
    }
    return { incoming, outgoing };
  }

  private assertNewExtId(extTransactionId: string): void {
    if (this.byExtId.has(extTransactionId)) throw sipayWalletFailure("duplicate", extTransactionId);
  }

  private taken(id: string): boolean {
    return this.byId.has(id) || this.wallets.some((w) => w.id === id);
  }

  private record(
    input: Omit<LedgerTransaction, "id" | "refunded" | "previousRefunded"> & { previousRefunded?: number },
  ): LedgerTransaction {
    const transaction: LedgerTransaction = { id: newLongId((id) => this.taken(id)), refunded: 0, previousRefunded: 0, ...input };
    this.transactions.push(transaction);
    this.byId.set(transaction.id, transaction);
    this.byExtId.set(transaction.extTransactionId, transaction);
    return transaction;
  }
}
