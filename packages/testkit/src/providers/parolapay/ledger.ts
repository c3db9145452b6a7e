/**
 * The Parolapay simulator's state and rules. All amounts are integer kuruş, as on the wire (the
 * spec's amounts are minor units). Two families of payments share the rules:
 * - payment intents (`pi_<24 hex>`): create (sends the OTP) -> verify OTP (authorized) -> capture
 *   (fully or partly) -> refunds; or cancel;
 * - card payments (`payment_reference`): pay (captured, or authorized with auth_mode "auth") ->
 *   complete -> refunds; or void.
 *
 * Rules (all designed: Parolapay documents none of them):
 * - a refund is at most the captured amount minus what was already refunded; several partial
 *   refunds are allowed; a refund after a full refund is `already_refunded`;
 * - a refund's `merchant_ref` is unique among refunds: the same merchant_ref with the same intent,
 *   amount and currency replays the original refund (HTTP 200, nothing new is written); with
 *   anything different it is `duplicate_merchant_ref` (409). An intent's merchant_ref is unique
 *   among intents (409 on reuse); the two namespaces are separate, so a refund may carry its
 *   order's merchant_ref as in the docs' example (ORDER-46);
 * - cancel / void: any time before capture (it releases the authorization); after capture only on
 *   the day of the capture (Europe/Istanbul) and only while nothing has been refunded;
 * - capture / complete: only an authorized payment, at most the authorized amount (the rest is
 *   released).
 */
import { randomBytes } from "node:crypto";
import { checkRefund, sameBusinessDay } from "../../kit/ledger.ts";
import type { CardType } from "./catalog.ts";
import { parolapayFailure } from "./errors.ts";

/** How long an OTP is valid after it was sent. */
export const OTP_TTL_MS = 3 * 60_000;

/** Wrong OTPs allowed before the intent fails. */
export const OTP_MAX_ATTEMPTS = 3;

/** What is stored; refunds show in the reported state (see reportedState). */
export type StoredState = "requires_otp" | "authorized" | "captured" | "cancelled" | "failed";

/** The spec's Paymentstate values the simulator reports. */
export type ReportedState = StoredState | "refunded" | "partially_refunded";

export interface CardRef {
  bin: string;
  last4: string;
  cardType: CardType;
}

export interface LedgerIntentRefund {
  id: string;
  intentId: string;
  /** Kuruş. */
  amount: number;
  currency: string;
  reason?: string;
  description?: string;
  merchantRef?: string;
  createdAt: Date;
}

export interface LedgerIntent {
  id: string;
  merchantRef: string;
  orderReference: string;
  paymentReference: string;
  /** The amount asked for and authorized, kuruş. */
  amount: number;
  currency: string;
  description?: string;
  card: CardRef;
  state: StoredState;
  /** Kuruş captured (0 until captured). */
  amountCaptured: number;
  /** Kuruş refunded so far. */
  amountRefunded: number;
  createdAt: Date;
  capturedAt?: Date;
  cancelledAt?: Date;
  /** The pending OTP, while the intent requires one. */
  otp?: { code: string; expiresAt: Date; wrongAttempts: number };
  /** How many OTP messages were "sent" (create + resends). */
  otpSends: number;
  refunds: LedgerIntentRefund[];
}

export interface LedgerCardPayment {
  paymentReference: string;
  orderReference: string;
  /** Authorized amount (the order total), kuruş. */
  amount: number;
  currency: string;
  installment: number;
  card: CardRef;
  state: "authorized" | "captured" | "cancelled";
  amountCaptured: number;
  amountRefunded: number;
  createdAt: Date;
  capturedAt?: Date;
  cancelledAt?: Date;
  refunds: { amount: number; at: Date }[];
}

export interface LedgerSavedCard {
  cardToken: string;
  cardHolder: string;
  maskedCardNumber: string;
  cardExpiry: string;
  card: CardRef;
  bankName: string;
  customer: { external_id: string; fullname?: string; email?: string; phone?: string };
  createdAt: Date;
}

/** What tests may read; the simulator alone writes. */
export interface ParolapayLedgerView {
  readonly intents: readonly Readonly<LedgerIntent>[];
  readonly refunds: readonly Readonly<LedgerIntentRefund>[];
  readonly cardPayments: readonly Readonly<LedgerCardPayment>[];
  readonly savedCards: readonly Readonly<LedgerSavedCard>[];
  intent(intentId: string): Readonly<LedgerIntent> | undefined;
  intentByMerchantRef(merchantRef: string): Readonly<LedgerIntent> | undefined;
  cardPayment(paymentReference: string): Readonly<LedgerCardPayment> | undefined;
}

/** The state the API reports: a captured payment with refunds is partially_refunded or refunded. */
export function reportedState(p: { state: StoredState; amountCaptured: number; amountRefunded: number }): ReportedState {
  if (p.state === "captured" && p.amountRefunded > 0) {
    return p.amountRefunded >= p.amountCaptured ? "refunded" : "partially_refunded";
  }
  return p.state;
}

export interface NewIntent {
  amount: number;
  currency: string;
  merchantRef: string;
  orderReference: string;
  description?: string;
  card: CardRef;
  otpCode: string;
  at: Date;
}

export type NewRefund = Omit<LedgerIntentRefund, "id" | "createdAt">;

const REFERENCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export class ParolapayLedger implements ParolapayLedgerView {
  readonly intents: LedgerIntent[] = [];
  readonly refunds: LedgerIntentRefund[] = [];
  readonly cardPayments: LedgerCardPayment[] = [];
  readonly savedCards: LedgerSavedCard[] = [];
  private readonly refundsByMerchantRef = new Map<string, LedgerIntentRefund>();

  intent(intentId: string): LedgerIntent | undefined {
    return this.intents.find((i) => i.id === intentId);
  }

  intentByMerchantRef(merchantRef: string): LedgerIntent | undefined {
    return this.intents.find((i) => i.merchantRef === merchantRef);
  }

  cardPayment(paymentReference: string): LedgerCardPayment | undefined {
    return this.cardPayments.find((p) => p.paymentReference === paymentReference);
  }

  savedCard(cardToken: string): LedgerSavedCard | undefined {
    return this.savedCards.find((c) => c.cardToken === cardToken);
  }

  // ------------------------------------------------------------------ intents

  /** POST /parolapay/pay: a new intent waiting for its OTP. */
  createIntent(input: NewIntent): LedgerIntent {
    if (input.amount <= 0) throw parolapayFailure("invalidAmount");
    if (this.intentByMerchantRef(input.merchantRef)) throw parolapayFailure("duplicateMerchantRef", `merchant_ref ${input.merchantRef}`);
    const intent: LedgerIntent = {
      id: `pi_${hex(12)}`,
      merchantRef: input.merchantRef,
      orderReference: input.orderReference,
      paymentReference: this.newPaymentReference(),
      amount: input.amount,
      currency: input.currency,
      ...(input.description !== undefined ? { description: input.description } : {}),
      card: input.card,
      state: "requires_otp",
      amountCaptured: 0,
      amountRefunded: 0,
      createdAt: input.at,
      otp: { code: input.otpCode, expiresAt: new Date(input.at.getTime() + OTP_TTL_MS), wrongAttempts: 0 },
      otpSends: 1,
      refunds: [],
    };
    this.intents.push(intent);
    return intent;
  }

  /** An intent in any state, as if the API calls that lead there had been made (seedIntent). */
  seedIntent(input: NewIntent & { state: "requires_otp" | "authorized" | "captured" }): LedgerIntent {
    const intent = this.createIntent(input);
    if (input.state === "requires_otp") return intent;
    intent.state = "authorized";
    delete intent.otp;
    if (input.state === "captured") {
      intent.state = "captured";
      intent.amountCaptured = intent.amount;
      intent.capturedAt = input.at;
    }
    return intent;
  }

  /** POST /parolapay/otp/verify. */
  verifyOtp(intentId: string, otp: string, at: Date): LedgerIntent {
    const intent = this.requireIntent(intentId);
    if (intent.state === "cancelled") throw parolapayFailure("alreadyCancelled");
    if (intent.state !== "requires_otp" || !intent.otp)
      throw parolapayFailure("invalidState", `status is ${reportedState(intent)}, not requires_otp`);
    if (at.getTime() >= intent.otp.expiresAt.getTime()) throw parolapayFailure("otpExpired");
    if (otp !== intent.otp.code) {
      intent.otp.wrongAttempts += 1;
      if (intent.otp.wrongAttempts >= OTP_MAX_ATTEMPTS) {
        intent.state = "failed";
        delete intent.otp;
        throw parolapayFailure("otpAttemptsExceeded");
      }
      throw parolapayFailure("invalidOtp", `${OTP_MAX_ATTEMPTS - intent.otp.wrongAttempts} attempts left`);
    }
    intent.state = "authorized";
    delete intent.otp;
    return intent;
  }

  /** GET /parolapay/otp/resend: a new OTP message and a new expiry; the code stays the simulator's. */
  resendOtp(intentId: string, otpCode: string, at: Date): LedgerIntent {
    const intent = this.requireIntent(intentId);
    if (intent.state === "cancelled") throw parolapayFailure("alreadyCancelled");
    if (intent.state !== "requires_otp" || !intent.otp)
      throw parolapayFailure("invalidState", `status is ${reportedState(intent)}, not requires_otp`);
    intent.otp = { code: otpCode, expiresAt: new Date(at.getTime() + OTP_TTL_MS), wrongAttempts: intent.otp.wrongAttempts };
    intent.otpSends += 1;
    return intent;
  }

  /** POST /parolapay/capture: all of the authorization, or `amount` of it. */
  capture(intentId: string, amount: number | undefined, at: Date): LedgerIntent {
    return captureAuthorized(this.requireIntent(intentId), amount, at);
  }

  /** POST /parolapay/cancel. */
  cancel(intentId: string, at: Date): LedgerIntent {
    const intent = this.requireIntent(intentId);
    assertCancellable(intent, at);
    intent.state = "cancelled";
    intent.cancelledAt = at;
    delete intent.otp;
    return intent;
  }

  /**
   * POST /parolapay/refund. Returns the refund and whether it is a replay of an earlier refund with
   * the same merchant_ref (then nothing was written).
   */
  refund(input: NewRefund, at: Date): { refund: LedgerIntentRefund; intent: LedgerIntent; replayed: boolean } {
    if (input.amount <= 0) throw parolapayFailure("invalidAmount");
    const intent = this.requireIntent(input.intentId);
    if (input.merchantRef !== undefined) {
      const earlier = this.refundsByMerchantRef.get(input.merchantRef);
      if (earlier) {
        const same = earlier.intentId === input.intentId && earlier.amount === input.amount && earlier.currency === input.currency;
        if (same) return { refund: earlier, intent, replayed: true };
        throw parolapayFailure("duplicateMerchantRef", `a refund with merchant_ref ${input.merchantRef} already exists`);
      }
    }
    if (input.currency !== intent.currency) throw parolapayFailure("currencyMismatch", `the intent is in ${intent.currency}`);
    assertRefundable(intent, input.amount);
    const refund: LedgerIntentRefund = {
      id: `re_${hex(12)}`,
      intentId: intent.id,
      amount: input.amount,
      currency: input.currency,
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.merchantRef !== undefined ? { merchantRef: input.merchantRef } : {}),
      createdAt: at,
    };
    intent.amountRefunded += input.amount;
    intent.refunds.push(refund);
    this.refunds.push(refund);
    if (input.merchantRef !== undefined) this.refundsByMerchantRef.set(input.merchantRef, refund);
    return { refund, intent, replayed: false };
  }

  // ------------------------------------------------------------------ card payments

  /** POST /card/pay and /card/pay/token: captured at once, or only authorized with auth_mode "auth". */
  createCardPayment(input: {
    amount: number;
    orderReference: string;
    installment: number;
    card: CardRef;
    capture: boolean;
    at: Date;
  }): LedgerCardPayment {
    if (input.amount <= 0) throw parolapayFailure("invalidAmount", "order.total must be greater than 0");
    const payment: LedgerCardPayment = {
      paymentReference: this.newPaymentReference(),
      orderReference: input.orderReference,
      amount: input.amount,
      currency: "TRY",
      installment: input.installment,
      card: input.card,
      state: input.capture ? "captured" : "authorized",
      amountCaptured: input.capture ? input.amount : 0,
      amountRefunded: 0,
      createdAt: input.at,
      ...(input.capture ? { capturedAt: input.at } : {}),
      refunds: [],
    };
    this.cardPayments.push(payment);
    return payment;
  }

  /** POST /card/complete. */
  completeCardPayment(paymentReference: string, amount: number | undefined, at: Date): LedgerCardPayment {
    return captureAuthorized(this.requireCardPayment(paymentReference), amount, at);
  }

  /** POST /card/refund: `amount`, or everything that is left. */
  refundCardPayment(paymentReference: string, amount: number | undefined, at: Date): LedgerCardPayment {
    const payment = this.requireCardPayment(paymentReference);
    if (amount !== undefined && amount <= 0) throw parolapayFailure("invalidAmount");
    const value = amount ?? Math.max(0, payment.amountCaptured - payment.amountRefunded);
    assertRefundable(payment, value);
    payment.amountRefunded += value;
    payment.refunds.push({ amount: value, at });
    return payment;
  }

  /** POST /card/void. */
  voidCardPayment(paymentReference: string, at: Date): LedgerCardPayment {
    const payment = this.requireCardPayment(paymentReference);
    assertCancellable(payment, at);
    payment.state = "cancelled";
    payment.cancelledAt = at;
    return payment;
  }

  // ------------------------------------------------------------------ saved cards

  saveCard(input: Omit<LedgerSavedCard, "cardToken">): LedgerSavedCard {
    const card: LedgerSavedCard = { cardToken: `ct_${hex(12)}`, ...input };
    this.savedCards.push(card);
    return card;
  }

  savedCardsOf(externalId: string): LedgerSavedCard[] {
    return this.savedCards.filter((c) => c.customer.external_id === externalId);
  }

  deleteSavedCard(cardToken: string): LedgerSavedCard {
    const index = this.savedCards.findIndex((c) => c.cardToken === cardToken);
    const card = this.savedCards[index];
    if (!card) throw parolapayFailure("cardNotFound");
    this.savedCards.splice(index, 1);
    return card;
  }

  // ------------------------------------------------------------------ helpers

  private requireIntent(intentId: string): LedgerIntent {
    const intent = this.intent(intentId);
    if (!intent) throw parolapayFailure("intentNotFound", intentId);
    return intent;
  }

  private requireCardPayment(paymentReference: string): LedgerCardPayment {
    const payment = this.cardPayment(paymentReference);
    if (!payment) throw parolapayFailure("paymentNotFound", paymentReference);
    return payment;
  }

  /** 11 upper-case letters and digits, like the docs' DZCDF8MIKM5; unique in this ledger. */
  private newPaymentReference(): string {
    for (;;) {
      const bytes = randomBytes(11);
      const ref = Array.from(bytes, (b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join("");
      if (!this.cardPayment(ref) && !this.intents.some((i) => i.paymentReference === ref)) return ref;
    }
  }
}

/** capture / complete: only an authorized payment, at most the authorized amount (the rest is released). */
function captureAuthorized<
  P extends { state: StoredState; amount: number; amountRefunded: number; amountCaptured: number; capturedAt?: Date },
>(p: P, amount: number | undefined, at: Date): P {
  if (p.state === "cancelled") throw parolapayFailure("alreadyCancelled");
  if (p.state === "captured") throw parolapayFailure("alreadyCaptured");
  if (p.state !== "authorized") throw parolapayFailure("invalidState", `status is ${reportedState(p)}, not authorized`);
  if (amount !== undefined && amount <= 0) throw parolapayFailure("invalidAmount");
  if (amount !== undefined && amount > p.amount) throw parolapayFailure("amountExceedsAuthorized", `authorized ${p.amount}`);
  p.state = "captured";
  p.amountCaptured = amount ?? p.amount;
  p.capturedAt = at;
  return p;
}

function assertRefundable(p: { state: StoredState; amountCaptured: number; amountRefunded: number }, amount: number): void {
  if (p.state === "cancelled") throw parolapayFailure("alreadyCancelled");
  if (p.state !== "captured")
    throw parolapayFailure("invalidState", `status is ${reportedState(p)}: only a captured payment can be refunded; cancel it instead`);
  const check = checkRefund(p.amountCaptured, p.amountRefunded, amount);
  if (!check.ok)
    throw check.why === "fully-refunded"
      ? parolapayFailure("alreadyRefunded")
      : parolapayFailure("amountExceedsRefundable", `${check.left} left to refund`);
}

function assertCancellable(p: { state: StoredState; amountCaptured: number; amountRefunded: number; capturedAt?: Date }, at: Date): void {
  if (p.state === "cancelled") throw parolapayFailure("alreadyCancelled");
  if (p.state === "failed") throw parolapayFailure("invalidState", "status is failed");
  if (p.state !== "captured") return;
  if (p.amountRefunded > 0) throw parolapayFailure("cancelAfterRefund");
  if (!sameBusinessDay(p.capturedAt ?? at, at)) throw parolapayFailure("cancelWindowClosed");
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}
