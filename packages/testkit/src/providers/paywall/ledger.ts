/**
 * The Paywall simulator's state: payments and their activities (sale, refund, partial refund,
 * cancel) with the rules Paywall applies. All amounts are integer kuruş; the HTTP layer parses
 * and formats. Rules (specs/paywall.yaml, providers.md §3):
 * - cancel only on the payment's day (Europe/Istanbul) and only while nothing was refunded;
 * - a full refund refunds the whole payment; after a partial refund it is rejected unless
 *   `CompletePartialRefund: true`, which refunds what is left as another partial refund;
 * - partial refunds, several, up to what is left;
 * - revert: on the payment day with nothing refunded a full revert cancels, otherwise it refunds
 *   (Amount 0 = everything left, any other amount a partial refund);
 * - nothing can be refunded or cancelled once cancelled, or refunded once fully refunded.
 */
import { randomUUID } from "node:crypto";
import { checkRefund } from "../../kit/ledger.ts";
import { istanbulDay } from "../../kit/time.ts";
import { formatMinor } from "../../money.ts";
import { paywallFailure } from "./errors.ts";

/** What Paywall's inquiry calls TypeName; the TypeId values are not published (simulator's own). */
export type ActivityType = "Sale" | "Refund" | "PartialRefund" | "Cancel";

export interface PaywallActivity {
  activityId: number;
  type: ActivityType;
  /** Kuruş. */
  amount: number;
  at: Date;
  /** The operation that made it (refund, partialRefundByPaymentId, revert ...). */
  operation?: string;
}

export interface PaywallPayment {
  paymentId: number;
  /** Paywall's transaction id (a GUID). */
  uniqueCode: string;
  merchantUniqueCode: string;
  /** Kurus. */
  amount: number;
  /** 1 TRY, 2 USD, 3 EUR, 4 BAM, 5 MKD, 6 ALL, 7 GBP. */
  currencyId: number;
  installment: number;
  channelId: number;
  createdAt: Date;
  /** "pending" only for a 3-D payment whose payer has not finished. */
  state: "succeeded" | "pending" | "failed";
  card: { maskedNumber: string; ownerName: string | null };
  ip: string | null;
  /** Kuruş refunded so far, full and partial. */
  refunded: number;
  /** A full refund (refund, refundByUniqueCode, a full revert) succeeded. */
  anyFullRefund: boolean;
  anyPartialRefund: boolean;
  cancelledAt?: Date;
  activities: PaywallActivity[];
}

/** What tests may read; the simulator alone writes. */
export interface PaywallLedgerView {
  readonly payments: readonly Readonly<PaywallPayment>[];
  /** The payment with this PaymentId, or undefined. */
  payment(paymentId: number): Readonly<PaywallPayment> | undefined;
  byMerchantUniqueCode(merchantUniqueCode: string): Readonly<PaywallPayment> | undefined;
  byUniqueCode(uniqueCode: string): Readonly<PaywallPayment> | undefined;
}

export interface NewPaywallPayment {
  amount: number;
  merchantUniqueCode?: string;
  currencyId?: number;
  installment?: number;
  channelId?: number;
  createdAt: Date;
  state?: PaywallPayment["state"];
  card?: { number?: string; ownerName?: string };
  ip?: string;
}

/** How a private operation names the payment. */
export type PaymentRef = { merchantUniqueCode: string } | { uniqueCode: string } | { paymentId: number };

export const CURRENCY_NAMES: Readonly<Record<number, string>> = { 1: "TRY", 2: "USD", 3: "EUR", 4: "BAM", 5: "MKD", 6: "ALL", 7: "GBP" };

/** The payment's day as Paywall's `Date` field writes it ("2024-06-12"); Paywall is a Turkish company. */
export function paywallDate(date: Date): string {
  return istanbulDay(date);
}

export class PaywallLedger implements PaywallLedgerView {
  readonly payments: PaywallPayment[] = [];
  private nextPaymentId = 480_001;
  private nextActivityId = 910_001;
  private nextMerchantCode = 1;

  payment(paymentId: number): PaywallPayment | undefined {
    return this.payments.find((p) => p.paymentId === paymentId);
  }

  byMerchantUniqueCode(merchantUniqueCode: string): PaywallPayment | undefined {
    return this.payments.find((p) => p.merchantUniqueCode === merchantUniqueCode);
  }

  byUniqueCode(uniqueCode: string): PaywallPayment | undefined {
    const wanted = uniqueCode.toLowerCase();
    return this.payments.find((p) => p.uniqueCode === wanted);
  }

  /** The payment `ref` names, or Paywall's 56 "Payment not found" (SDK PaymentNotFound). */
  find(ref: PaymentRef): PaywallPayment {
    const payment =
      "merchantUniqueCode" in ref
        ? this.byMerchantUniqueCode(ref.merchantUniqueCode)
        : "uniqueCode" in ref
          ? this.byUniqueCode(ref.uniqueCode)
          : this.payment(ref.paymentId);
    if (!payment) throw paywallFailure("paymentNotFound", describeRef(ref));
    return payment;
  }

  /**
   * The refund and cancel requests carry the payment's `Date`; Paywall documents it as "the date
   * the payment was made", so a different day does not find the payment (assumption: the exact
   * behaviour is not documented).
   */
  findOnDate(ref: PaymentRef, date: string): PaywallPayment {
    const payment = this.find(ref);
    if (paywallDate(payment.createdAt) !== date) {
      throw paywallFailure("paymentNotFound", `${describeRef(ref)} on ${date} (the payment was made on ${paywallDate(payment.createdAt)})`);
    }
    return payment;
  }

  createPayment(input: NewPaywallPayment): PaywallPayment {
    const merchantUniqueCode = input.merchantUniqueCode ?? `sim-order-${this.nextMerchantCode++}`;
    if (this.byMerchantUniqueCode(merchantUniqueCode)) throw paywallFailure("duplicateMerchantUniqueCode", merchantUniqueCode);
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new RangeError("a payment needs a positive amount");
    const number = input.card?.number?.replace(/\s/g, "") ?? "4022774022774026";
    const payment: PaywallPayment = {
      paymentId: this.nextPaymentId++,
      uniqueCode: randomUUID(),
      merchantUniqueCode,
      amount: input.amount,
      currencyId: input.currencyId ?? 1,
      installment: input.installment ?? 1,
      channelId: input.channelId ?? 1,
      createdAt: input.createdAt,
      state: input.state ?? "succeeded",
      card: { maskedNumber: maskCard(number), ownerName: input.card?.ownerName ?? null },
      ip: input.ip ?? null,
      refunded: 0,
      anyFullRefund: false,
      anyPartialRefund: false,
      activities: [],
    };
    this.activity(payment, "Sale", payment.amount, input.createdAt, "startPayment");
    this.payments.push(payment);
    return payment;
  }

  /** Finishes a pending 3-D payment as the payer's bank would. */
  complete3d(payment: PaywallPayment, succeeded: boolean, at: Date): void {
    if (payment.state !== "pending") throw new RangeError(`payment ${payment.paymentId} is not a pending 3-D payment`);
    payment.state = succeeded ? "succeeded" : "failed";
    const sale = payment.activities[0];
    if (sale) sale.at = at;
  }

  /** refund / refundByUniqueCode: the whole payment, or with `completePartialRefund` what is left. */
  refundFull(payment: PaywallPayment, at: Date, options: { completePartialRefund?: boolean; operation: string }) {
    this.assertRefundable(payment);
    if (payment.refunded > 0 && !options.completePartialRefund) {
      throw paywallFailure(
        "alreadyRefunded",
        `${formatMinor(payment.refunded, 2)} was already refunded; send CompletePartialRefund: true to refund the remaining ${formatMinor(payment.amount - payment.refunded, 2)}`,
      );
    }
    return this.refundRest(payment, at, options.operation);
  }

  /** partialRefund*: `amount` of what is left. */
  refundPartial(payment: PaywallPayment, amount: number, at: Date, operation: string) {
    this.assertRefundable(payment);
    const check = checkRefund(payment.amount, payment.refunded, amount);
    if (!check.ok) throw paywallFailure("refundExceeds", `${formatMinor(check.left, 2)} is left to refund`);
    payment.refunded += amount;
    payment.anyPartialRefund = true;
    return { payment, activity: this.activity(payment, "PartialRefund", amount, at, operation) };
  }

  /** cancel / cancelByUniqueCode: void the whole payment on its day, before any refund. */
  cancel(payment: PaywallPayment, at: Date, operation: string) {
    this.assertCompleted(payment);
    if (payment.cancelledAt) throw paywallFailure("alreadyCancelled");
    if (payment.refunded > 0)
      throw paywallFailure("alreadyRefunded", "a refunded payment cannot be cancelled; refund what is left instead");
    if (paywallDate(at) !== paywallDate(payment.createdAt)) throw paywallFailure("cancelWindowClosed");
    payment.cancelledAt = at;
    return { payment, activity: this.activity(payment, "Cancel", payment.amount, at, operation) };
  }

  /** revert / revertByPaymentId: Paywall picks cancel or refund. `amount` 0 means everything. */
  revert(payment: PaywallPayment, amount: number, at: Date, operation: string) {
    this.assertRefundable(payment);
    const full = amount === 0 || amount === payment.amount;
    if (!full) return this.refundPartial(payment, amount, at, operation);
    if (amount === payment.amount && payment.refunded > 0) {
      throw paywallFailure(
        "refundExceeds",
        `${formatMinor(payment.amount - payment.refunded, 2)} is left to refund; send Amount 0 to revert the rest`,
      );
    }
    if (payment.refunded === 0 && paywallDate(at) === paywallDate(payment.createdAt)) return this.cancel(payment, at, operation);
    return this.refundRest(payment, at, operation);
  }

  private refundRest(payment: PaywallPayment, at: Date, operation: string) {
    const left = payment.amount - payment.refunded;
    const partial = payment.refunded > 0;
    payment.refunded = payment.amount;
    if (partial) payment.anyPartialRefund = true;
    else payment.anyFullRefund = true;
    return { payment, activity: this.activity(payment, partial ? "PartialRefund" : "Refund", left, at, operation) };
  }

  private assertCompleted(payment: PaywallPayment): void {
    if (payment.state !== "succeeded") throw paywallFailure("paymentNotCompleted", `payment ${payment.paymentId} is ${payment.state}`);
  }

  private assertRefundable(payment: PaywallPayment): void {
    this.assertCompleted(payment);
    if (payment.cancelledAt) throw paywallFailure("alreadyCancelled");
    if (payment.refunded >= payment.amount) throw paywallFailure("alreadyRefunded", "the payment is fully refunded");
  }

  private activity(payment: PaywallPayment, type: ActivityType, amount: number, at: Date, operation: string): PaywallActivity {
    const activity: PaywallActivity = { activityId: this.nextActivityId++, type, amount, at, operation };
    payment.activities.push(activity);
    return activity;
  }
}

function describeRef(ref: PaymentRef): string {
  if ("merchantUniqueCode" in ref) return `MerchantUniqueCode ${ref.merchantUniqueCode}`;
  if ("uniqueCode" in ref) return `UniqueCode ${ref.uniqueCode}`;
  return `PaymentId ${ref.paymentId}`;
}

/** "4022774022774026" -> "402277******4026", as Paywall's inquiry shows it. */
export function maskCard(number: string): string {
  if (number.length < 10) return number.replace(/./g, "*");
  return `${number.slice(0, 6)}${"*".repeat(number.length - 10)}${number.slice(-4)}`;
}
