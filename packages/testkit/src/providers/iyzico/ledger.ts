/**
 * The iyzico simulator's state: payments with their basket items, refunds and cancels, and the
 * rules iyzico applies to them. All amounts are integer kuruş; the HTTP layer parses and formats.
 * Rules (docs.iyzico.com/ek-servisler/iptal-ve-iade, seed 004):
 * - an item refund is at most the item's paidPrice minus what was already refunded from it;
 * - an amount-based refund (v2) is at most what is left of the payment, spread over its items;
 * - several partial refunds are allowed while those limits hold;
 * - a cancel is allowed only on the day of the payment (Europe/Istanbul) and only before any refund.
 */
import { checkRefund, sameBusinessDay } from "../../kit/ledger.ts";
import { allocate } from "../../money.ts";
import { iyzicoFailure } from "./errors.ts";

export interface LedgerRefundOfItem {
  refundTxId: string;
  /** The request's conversationId: the reporting detail's `refundConversationId`. */
  conversationId?: string;
  /** Kuruş. */
  amount: number;
  at: Date;
}

export interface LedgerItem {
  itemId: string;
  paymentTransactionId: string;
  /** The basket item's price, kuruş. */
  price: number;
  /** The item's share of the payment's paidPrice, kuruş: the most that can be refunded from it. */
  paidPrice: number;
  /** Kuruş refunded so far. */
  refunded: number;
  refunds: LedgerRefundOfItem[];
}

/** iyzico's paymentStatus words the simulator uses (dev.iyzipay.com payment result). */
export type LedgerPaymentStatus = "SUCCESS" | "INIT_THREEDS" | "CALLBACK_THREEDS" | "FAILURE";
/** iyzico's `phase`: a pre-authorization is captured by post-auth. */
export type LedgerPhase = "AUTH" | "PRE_AUTH" | "POST_AUTH";

export interface LedgerPayment {
  paymentId: string;
  /** SUCCESS once charged; a 3-D Secure payment waits in INIT_THREEDS until its auth call. */
  status: LedgerPaymentStatus;
  phase: LedgerPhase;
  /** Made through 3-D Secure. */
  threeDS?: boolean;
  conversationId?: string;
  basketId?: string;
  currency: string;
  installment: number;
  /** Sum of the basket item prices, kuruş. */
  price: number;
  /** What the card was charged, kuruş. */
  paidPrice: number;
  createdAt: Date;
  /** The card charged, as iyzico reports it (first digits and last four). */
  card: { binNumber: string; lastFourDigits: string };
  items: LedgerItem[];
  /** Kuruş refunded so far, over all items. */
  refunded: number;
  cancelledAt?: Date;
}

export interface LedgerRefund {
  /** "item": POST /payment/refund; "amount": POST /v2/payment/refund. */
  kind: "item" | "amount";
  paymentId: string;
  /** Set for an item refund. */
  paymentTransactionId?: string;
  conversationId?: string;
  /** Kuruş. */
  amount: number;
  /** How the amount was taken from the items. */
  allocations: { paymentTransactionId: string; amount: number }[];
  at: Date;
}

export interface LedgerCancel {
  /** iyzico's id of the cancel (the reporting detail's `cancels[].refundId`). */
  cancelId: string;
  paymentId: string;
  /** The request's conversationId: the reporting detail's `cancelConversationId`. */
  conversationId?: string;
  /** Kuruş: the paidPrice voided. */
  amount: number;
  at: Date;
}

/** What tests may read; the simulator alone writes. */
export interface IyzicoLedgerView {
  readonly payments: readonly Readonly<LedgerPayment>[];
  readonly refunds: readonly Readonly<LedgerRefund>[];
  readonly cancels: readonly Readonly<LedgerCancel>[];
  /** The payment with this id, or undefined. */
  payment(paymentId: string): Readonly<LedgerPayment> | undefined;
}

export interface NewPayment {
  items: { itemId: string; price: number }[];
  /** Defaults to the sum of item prices. */
  paidPrice?: number;
  currency?: string;
  conversationId?: string;
  basketId?: string;
  installment?: number;
  card?: { binNumber: string; lastFourDigits: string };
  /** Default SUCCESS (a direct payment). */
  status?: LedgerPaymentStatus;
  /** Default AUTH. */
  phase?: LedgerPhase;
  threeDS?: boolean;
  createdAt: Date;
}

/** What a refund request carries besides the amount. */
export interface RefundContext {
  conversationId?: string;
  /** When sent, must be the payment's currency. */
  currency?: string;
}

/** The ledger with its rules. Ids are numeric strings, sequential per simulator, like iyzico's. */
export class IyzicoLedger implements IyzicoLedgerView {
  readonly payments: LedgerPayment[] = [];
  readonly refunds: LedgerRefund[] = [];
  readonly cancels: LedgerCancel[] = [];
  private nextPaymentId = 25_180_001;
  private nextTransactionId = 27_169_001;
  private nextRefundTxId = 1_500_001;
  private nextCancelId = 1_600_001;

  payment(paymentId: string): LedgerPayment | undefined {
    return this.payments.find((p) => p.paymentId === paymentId);
  }

  paymentByConversationId(conversationId: string): LedgerPayment | undefined {
    return this.payments.find((p) => p.conversationId === conversationId);
  }

  /** Every payment made with this conversationId (the reporting detail lists them all). */
  paymentsByConversationId(conversationId: string): LedgerPayment[] {
    return this.payments.filter((p) => p.conversationId === conversationId);
  }

  createPayment(input: NewPayment): LedgerPayment {
    if (input.items.length === 0) throw new RangeError("a payment needs at least one basket item");
    const price = input.items.reduce((sum, item) => sum + item.price, 0);
    const paidPrice = input.paidPrice ?? price;
    // iyzico splits paidPrice (which may include installment interest) over the items pro rata.
    const shares = allocate(
      paidPrice,
      input.items.map((item) => item.price),
    );
    const payment: LedgerPayment = {
      paymentId: String(this.nextPaymentId++),
      status: input.status ?? "SUCCESS",
      phase: input.phase ?? "AUTH",
      ...(input.threeDS ? { threeDS: true } : {}),
      ...(input.conversationId !== undefined ? { conversationId: input.conversationId } : {}),
      ...(input.basketId !== undefined ? { basketId: input.basketId } : {}),
      currency: input.currency ?? "TRY",
      installment: input.installment ?? 1,
      price,
      paidPrice,
      createdAt: input.createdAt,
      // iyzico's sandbox test card 5528790000000008 when the payment was seeded without one.
      card: input.card ?? { binNumber: "552879", lastFourDigits: "0008" },
      refunded: 0,
      items: input.items.map((item, i) => ({
        itemId: item.itemId,
        paymentTransactionId: String(this.nextTransactionId++),
        price: item.price,
        paidPrice: shares[i] ?? 0,
        refunded: 0,
        refunds: [],
      })),
    };
    this.payments.push(payment);
    return payment;
  }

  /** POST /payment/refund: refund `amount` from one basket item. */
  refundItem(paymentTransactionId: string, amount: number, at: Date, context: RefundContext = {}) {
    const payment = this.payments.find((p) => p.items.some((i) => i.paymentTransactionId === paymentTransactionId));
    const item = payment?.items.find((i) => i.paymentTransactionId === paymentTransactionId);
    if (!payment || !item) throw iyzicoFailure("transactionNotFound", paymentTransactionId);
    this.assertRefundable(payment, context);
    const check = checkRefund(item.paidPrice, item.refunded, amount);
    if (!check.ok) throw iyzicoFailure(check.why === "fully-refunded" ? "alreadyRefunded" : "refundExceeds");
    const refund = this.record("item", payment, [{ item, amount }], at, context.conversationId);
    return { payment, item, refund };
  }

  /** POST /v2/payment/refund: refund `amount` of the payment, taken from its items in basket order. */
  refundAmount(paymentId: string, amount: number, at: Date, context: RefundContext = {}) {
    const payment = this.payment(paymentId);
    if (!payment) throw iyzicoFailure("paymentNotFound", paymentId);
    this.assertRefundable(payment, context);
    const check = checkRefund(payment.paidPrice, payment.refunded, amount);
    if (!check.ok) throw iyzicoFailure(check.why === "fully-refunded" ? "alreadyRefunded" : "refundExceeds");
    // iyzico does not document how v2 spreads the amount; filling items in basket order keeps every
    // item within its own limit, which is the property that matters for later item refunds.
    const parts: { item: LedgerItem; amount: number }[] = [];
    let rest = amount;
    for (const item of payment.items) {
      const take = Math.min(rest, item.paidPrice - item.refunded);
      if (take > 0) parts.push({ item, amount: take });
      rest -= take;
    }
    const refund = this.record("amount", payment, parts, at, context.conversationId);
    return { payment, refund };
  }

  /** Completes a payment that waited for 3-D Secure (POST /payment/3dsecure/auth, v2). */
  complete(paymentId: string): LedgerPayment {
    const payment = this.payment(paymentId);
    if (!payment) throw iyzicoFailure("paymentNotFound", paymentId);
    if (payment.status === "SUCCESS") throw iyzicoFailure("invalidRequest", "paymentId");
    payment.status = "SUCCESS";
    return payment;
  }

  /**
   * POST /payment/postauth: captures `amount` (at most what was pre-authorized) of a pre-authorization;
   * what was not captured is released, so the captured amount is what can be refunded.
   */
  capture(paymentId: string, amount: number | undefined): LedgerPayment {
    const payment = this.payment(paymentId);
    if (!payment) throw iyzicoFailure("paymentNotFound", paymentId);
    if (payment.status !== "SUCCESS" || payment.phase !== "PRE_AUTH") throw iyzicoFailure("invalidRequest", "paymentId");
    const captured = amount ?? payment.paidPrice;
    if (captured > payment.paidPrice) throw iyzicoFailure("invalidRequest", "paidPrice");
    const shares = allocate(
      captured,
      payment.items.map((i) => i.paidPrice),
    );
    payment.items.forEach((item, i) => (item.paidPrice = shares[i] ?? 0));
    payment.paidPrice = captured;
    payment.phase = "POST_AUTH";
    return payment;
  }

  /** POST /payment/cancel: void the whole payment on the day it was made, before any refund. */
  cancel(paymentId: string, at: Date, conversationId?: string) {
    const payment = this.payment(paymentId);
    if (!payment) throw iyzicoFailure("paymentNotFound", paymentId);
    if (payment.cancelledAt) throw iyzicoFailure("alreadyCancelled");
    if (payment.refunded > 0) throw iyzicoFailure("cancelAfterRefund");
    if (!sameBusinessDay(at, payment.createdAt)) {
      throw iyzicoFailure("cancelWindowClosed");
    }
    payment.cancelledAt = at;
    const cancel: LedgerCancel = {
      cancelId: String(this.nextCancelId++),
      paymentId,
      ...(conversationId !== undefined ? { conversationId } : {}),
      amount: payment.paidPrice,
      at,
    };
    this.cancels.push(cancel);
    return { payment, cancel };
  }

  private assertRefundable(payment: LedgerPayment, context: RefundContext): void {
    // Only a charged payment gives money back: not one waiting for 3-D Secure, nor an uncaptured pre-auth.
    if (payment.status !== "SUCCESS" || payment.phase === "PRE_AUTH") throw iyzicoFailure("invalidRequest", "paymentId");
    if (context.currency !== undefined && context.currency !== payment.currency) {
      throw iyzicoFailure("invalidRequest", "currency");
    }
    if (payment.cancelledAt) throw iyzicoFailure("alreadyCancelled");
  }

  private record(
    kind: LedgerRefund["kind"],
    payment: LedgerPayment,
    parts: { item: LedgerItem; amount: number }[],
    at: Date,
    conversationId: string | undefined,
  ): LedgerRefund {
    const amount = parts.reduce((sum, p) => sum + p.amount, 0);
    for (const part of parts) {
      part.item.refunded += part.amount;
      part.item.refunds.push({
        refundTxId: String(this.nextRefundTxId++),
        ...(conversationId !== undefined ? { conversationId } : {}),
        amount: part.amount,
        at,
      });
    }
    payment.refunded += amount;
    const refund: LedgerRefund = {
      kind,
      paymentId: payment.paymentId,
      ...(kind === "item" && parts[0] ? { paymentTransactionId: parts[0].item.paymentTransactionId } : {}),
      ...(conversationId !== undefined ? { conversationId } : {}),
      amount,
      allocations: parts.map((p) => ({ paymentTransactionId: p.item.paymentTransactionId, amount: p.amount })),
      at,
    };
    this.refunds.push(refund);
    return refund;
  }
}
