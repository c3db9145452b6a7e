/**
 * The DineroPay simulator's state: payments (sessions, seeded, recurring charges) and their
 * refunds, with the Akurateco Checkout rules. Amounts are integer minor units (2-decimal
 * currencies, as the spec assumes). Rules (specs/dineropay.yaml, providers.md §4):
 * - refunds are asynchronous: a request is accepted as `pending` and settles `refundSettleMs`
 *   later on the simulator clock (or when the test calls settleAll); the payment's status becomes
 *   `refund` once a refund has settled;
 * - a refund is at most what is left, counting pending refunds; without an amount it is all that is left;
 * - void only for a `settled` payment with no refund, on the day it settled (DineroPay does not say
 *   in which time zone; Europe/Istanbul, UTC+3 like its SAR examples and Türkiye).
 */
import { randomUUID } from "node:crypto";
import type { SimulatorClock } from "../../clock.ts";
import { checkRefund, sameBusinessDay } from "../../kit/ledger.ts";
import { dineroPayFailure } from "./errors.ts";

/** DineroPay's payment status (spec PaymentStatus). */
export type DineroPayStatus =
  | "prepare"
  | "settled"
  | "pending"
  | "3ds"
  | "redirect"
  | "decline"
  | "refund"
  | "reversal"
  | "void"
  | "chargeback";

export interface DineroPayRefund {
  refundId: string;
  paymentId: string;
  /** Minor units. */
  amount: number;
  requestedAt: Date;
  /** Clock time (ms) at which it settles; Infinity = only when settled by hand. */
  settleAt: number;
  state: "pending" | "settled";
  settledAt?: Date;
}

export interface DineroPayPayment {
  paymentId: string;
  orderNumber: string;
  /** Minor units. */
  amount: number;
  currency: string;
  description: string;
  status: DineroPayStatus;
  createdAt: Date;
  /** When it became `settled` (the financial day of the void rule). */
  settledAt?: Date;
  voidedAt?: Date;
  reason: string;
  customer?: { name?: string; email?: string };
  recurringToken?: string;
  scheduleId?: string;
  refunds: DineroPayRefund[];
}

/** What tests may read; the simulator alone writes. Reading settles refunds that are due. */
export interface DineroPayLedgerView {
  readonly payments: readonly Readonly<DineroPayPayment>[];
  readonly refunds: readonly Readonly<DineroPayRefund>[];
  payment(paymentId: string): Readonly<DineroPayPayment> | undefined;
  /** The latest payment for an order number. */
  paymentByOrder(orderNumber: string): Readonly<DineroPayPayment> | undefined;
}

export interface NewDineroPayPayment {
  amount: number;
  currency?: string;
  orderNumber?: string;
  description?: string;
  status?: DineroPayStatus;
  createdAt: Date;
  customer?: { name?: string; email?: string };
  recurring?: boolean;
  scheduleId?: string;
}

export class DineroPayLedger implements DineroPayLedgerView {
  private readonly list: DineroPayPayment[] = [];
  private readonly refundList: DineroPayRefund[] = [];
  private nextOrder = 1;

  constructor(
    private readonly clock: SimulatorClock,
    /** Delay from request to settlement on the simulator clock; Infinity = only settleAll. */
    private readonly refundSettleMs: number,
  ) {}

  get payments(): readonly DineroPayPayment[] {
    this.settleDue();
    return this.list;
  }

  get refunds(): readonly DineroPayRefund[] {
    this.settleDue();
    return this.refundList;
  }

  payment(paymentId: string): DineroPayPayment | undefined {
    this.settleDue();
    const wanted = paymentId.toLowerCase();
    return this.list.find((p) => p.paymentId === wanted);
  }

  paymentByOrder(orderNumber: string): DineroPayPayment | undefined {
    this.settleDue();
    return this.list.findLast((p) => p.orderNumber === orderNumber);
  }

  createPayment(input: NewDineroPayPayment): DineroPayPayment {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new RangeError("a payment needs a positive amount");
    const status = input.status ?? "settled";
    const payment: DineroPayPayment = {
      paymentId: randomUUID(),
      orderNumber: input.orderNumber ?? `sim-order-${this.nextOrder++}`,
      amount: input.amount,
      currency: input.currency ?? "TRY",
      description: input.description ?? "Simulator order",
      status,
      createdAt: input.createdAt,
      ...(status === "settled" ? { settledAt: input.createdAt } : {}),
      reason: status === "decline" ? "Declined by issuer" : "",
      ...(input.customer ? { customer: input.customer } : {}),
      ...(input.recurring ? { recurringToken: randomUUID() } : {}),
      ...(input.scheduleId !== undefined ? { scheduleId: input.scheduleId } : {}),
      refunds: [],
    };
    this.list.push(payment);
    return payment;
  }

  /** Ends a checkout session in `prepare` as the payer would: settled (default) or declined. */
  complete(paymentId: string, status: "settled" | "decline", at: Date): DineroPayPayment {
    const payment = this.payment(paymentId);
    if (!payment) throw new RangeError(`no payment ${paymentId}`);
    if (payment.status !== "prepare") throw new RangeError(`payment ${paymentId} is ${payment.status}, not prepare`);
    payment.status = status;
    if (status === "settled") payment.settledAt = at;
    else payment.reason = "Declined by issuer";
    return payment;
  }

  /** Same as payment(), or DineroPay's 400 on `field`. */
  find(paymentId: string, field = "payment_id"): DineroPayPayment {
    const payment = this.payment(paymentId);
    if (!payment) throw dineroPayFailure(field, "paymentNotFound");
    return payment;
  }

  findByOrder(orderNumber: string): DineroPayPayment {
    const payment = this.paymentByOrder(orderNumber);
    if (!payment) throw dineroPayFailure("order_id", "orderNotFound");
    return payment;
  }

  /** Kuruş refunded (settled) and requested but not yet settled. */
  refundTotals(payment: DineroPayPayment): { settled: number; pending: number } {
    let settled = 0;
    let pending = 0;
    for (const r of payment.refunds) {
      if (r.state === "settled") settled += r.amount;
      else pending += r.amount;
    }
    return { settled, pending };
  }

  /** POST /payment/refund: queues a refund of `amount` (all that is left when undefined). */
  refund(paymentId: string, amount: number | undefined): DineroPayRefund {
    const payment = this.find(paymentId);
    if (payment.status === "void" || payment.status === "reversal") throw dineroPayFailure("payment_id", "voided");
    if (payment.status !== "settled" && payment.status !== "refund") throw dineroPayFailure("payment_id", "notSettled");
    const { settled, pending } = this.refundTotals(payment);
    // Pending refunds count: what is accepted will settle.
    const check = checkRefund(payment.amount, settled + pending, amount);
    if (!check.ok && check.why === "fully-refunded") throw dineroPayFailure("payment_id", "fullyRefunded");
    if (amount !== undefined && amount <= 0) throw dineroPayFailure("amount", "amountNotPositive");
    if (!check.ok) throw dineroPayFailure("amount", "refundExceeds");
    const value = check.amount;
    const now = this.clock.now();
    const refund: DineroPayRefund = {
      refundId: randomUUID(),
      paymentId: payment.paymentId,
      amount: value,
      requestedAt: now,
      settleAt: now.getTime() + this.refundSettleMs,
      state: "pending",
    };
    payment.refunds.push(refund);
    this.refundList.push(refund);
    // A zero delay still answers "accepted" first: it settles on the next read.
    return refund;
  }

  /** POST /payment/void. */
  void(paymentId: string): DineroPayPayment {
    this.settleDue();
    const payment = this.find(paymentId);
    if (payment.status !== "settled") throw dineroPayFailure("payment_id", "voidNotSettled", `Its status is ${payment.status}.`);
    if (payment.refunds.length > 0) throw dineroPayFailure("payment_id", "voidHasRefunds");
    const now = this.clock.now();
    if (!sameBusinessDay(now, payment.settledAt ?? payment.createdAt)) {
      throw dineroPayFailure("payment_id", "voidWindowClosed");
    }
    payment.status = "void";
    payment.voidedAt = now;
    return payment;
  }

  /** POST /payment/recurring: a new settled payment on the card of `initId`. */
  recurring(
    initId: string,
    token: string,
    order: { number: string; amount: number; description: string },
    scheduleId?: string,
  ): DineroPayPayment {
    const init = this.payment(initId);
    if (!init || init.recurringToken === undefined) throw dineroPayFailure("recurring_init_trans_id", "recurringNotFound");
    if (init.recurringToken !== token) throw dineroPayFailure("recurring_token", "recurringTokenInvalid");
    return this.createPayment({
      amount: order.amount,
      currency: init.currency,
      orderNumber: order.number,
      description: order.description,
      status: "settled",
      createdAt: this.clock.now(),
      ...(init.customer ? { customer: init.customer } : {}),
      ...(scheduleId !== undefined ? { scheduleId } : {}),
    });
  }

  /** Settles every pending refund now, whatever its delay; returns how many settled. */
  settleAll(): number {
    return this.settle(() => true);
  }

  /** Settles the refunds whose time has come on the simulator clock. */
  settleDue(): number {
    const now = this.clock.now().getTime();
    return this.settle((r) => r.settleAt <= now);
  }

  private settle(due: (r: DineroPayRefund) => boolean): number {
    let count = 0;
    for (const refund of this.refundList) {
      if (refund.state !== "pending" || !due(refund)) continue;
      refund.state = "settled";
      refund.settledAt = this.clock.now();
      const payment = this.list.find((p) => p.paymentId === refund.paymentId);
      // Akurateco reports a refunded payment as "refund" (the amount refunded is not in the status).
      if (payment && payment.status === "settled") payment.status = "refund";
      count++;
    }
    return count;
  }
}
