/**
 * The Parolapay simulator: specs/parolapay.yaml served over HTTP with HTTP Basic auth, a ledger of
 * payment intents and card payments (integer kuruş), in-memory saved cards, canned queries, and the
 * spec's inferred error shape `{error: {code, message}}` on a 4xx for every broken rule.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createClock, type SimulatorClock } from "../../clock.ts";
import { createSimulatorServer, type HandledReply, type ProviderBehaviour, type RoutedRequest, type SimReply } from "../../server.ts";
import type { Simulator } from "../../simulator.ts";
import { isObject, loadSpec, type JsonObject, type LoadedSpec } from "../../spec.ts";
import { DECLINED_CARD, installmentsFor, lookupBin, luhnValid, maskCardNumber, PAYMENT_TYPES } from "./catalog.ts";
import { failureBody, ParolapayFailure, type ParolapayErrorKey } from "./errors.ts";
import {
  ParolapayLedger,
  reportedState,
  type CardRef,
  type LedgerCardPayment,
  type LedgerIntent,
  type LedgerIntentRefund,
  type LedgerSavedCard,
  type ParolapayLedgerView,
} from "./ledger.ts";

export type ParolapayCredentials = { username: string; password: string };

/** The credentials the simulator accepts unless told otherwise (also printed by the CLI). */
export const PAROLAPAY_SANDBOX_CREDENTIALS: Readonly<ParolapayCredentials> = {
  username: "sim-merchant",
  password: "sim-password",
};

/** The OTP every intent's SMS "contains" unless the simulator is started with another. */
export const PAROLAPAY_DEFAULT_OTP = "123456";

export interface ParolapaySimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  credentials?: ParolapayCredentials;
  /** Freezes the clock at this time; default: follow real time. */
  now?: Date;
  /** The OTP that verifies every intent (4 to 8 digits). Default "123456". */
  otp?: string;
  /** Serve this spec instead of specs/parolapay.yaml (tests of the framework). */
  spec?: LoadedSpec;
}

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

export interface ParolapaySimulator extends Simulator {
  readonly credentials: Readonly<ParolapayCredentials>;
  /** The OTP that verifies intents. */
  readonly otp: string;
  /** Read access to intents, refunds, card payments and saved cards; amounts in kuruş. */
  readonly ledger: ParolapayLedgerView;
  /** Records an intent, by default captured, as if created, verified and captured through the API. */
  seedIntent(input: SeedIntentInput): SeededIntent;
  /** Records a card payment, as if POST /card/pay had been called. */
  seedCardPayment(input: SeedCardPaymentInput): SeededCardPayment;
}

/** The card seeded payments are "made" with: the BIN of Parolapay's docs' example (52845600). */
const SEED_CARD: CardRef = { bin: "528456", last4: "0009", cardType: "mastercard" };

/** Starts a Parolapay simulator on 127.0.0.1. */
export async function startParolapaySimulator(options: ParolapaySimulatorOptions = {}): Promise<ParolapaySimulator> {
  const credentials = { ...(options.credentials ?? PAROLAPAY_SANDBOX_CREDENTIALS) };
  const otp = options.otp ?? PAROLAPAY_DEFAULT_OTP;
  if (!/^[0-9]{4,8}$/.test(otp)) throw new RangeError(`startParolapaySimulator: otp must be 4 to 8 digits, got "${otp}"`);
  const clock = createClock(options.now);
  const ledger = new ParolapayLedger();
  const server = await createSimulatorServer({
    spec: options.spec ?? loadSpec("parolapay"),
    behaviour: parolapayBehaviour({ credentials, clock, ledger, otp }),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  let seeded = 0;
  const nextRef = () => {
    let ref: string;
    do ref = `ORDER-${1000 + ++seeded}`;
    while (ledger.intentByMerchantRef(ref));
    return ref;
  };
  return {
    provider: "parolapay",
    url: server.url,
    credentials,
    otp,
    clock,
    faults: server.faults,
    requests: server.requests,
    ledger,
    seedIntent(input) {
      assertKurus(input.amount, "seedIntent: amount");
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
    seedCardPayment(input) {
      assertKurus(input.amount, "seedCardPayment: amount");
      const payment = ledger.createCardPayment({
        amount: input.amount,
        orderReference: input.orderReference ?? nextRef(),
        installment: 1,
        card: SEED_CARD,
        capture: (input.state ?? "captured") === "captured",
        at: input.date ?? clock.now(),
      });
      return { paymentReference: payment.paymentReference, orderReference: payment.orderReference, amount: payment.amount, state: payment.state };
    },
    close: () => server.close(),
  };
}

function assertKurus(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${what} must be a positive integer number of kuruş, got ${value}`);
}

interface State {
  credentials: ParolapayCredentials;
  clock: SimulatorClock;
  ledger: ParolapayLedger;
  otp: string;
}

function parolapayBehaviour(state: State): ProviderBehaviour {
  const { credentials, clock, ledger, otp } = state;
  const ok = (body: JsonObject): HandledReply => ({ applied: true, body });
  const fail = (key: ParolapayErrorKey, detail?: string): SimReply => failureBody(new ParolapayFailure(key, detail));

  const handlers: Record<string, (body: JsonObject, req: RoutedRequest) => HandledReply> = {
    paymentTypes: () => ok({ payment_types: PAYMENT_TYPES.map((t) => ({ ...t })) }),

    healthCheck: () => ok({ status: "ok" }),

    // ---------------------------------------------------------------- card payments
    payWithCardNumber(body) {
      const cardNumber = String(body.card_number);
      const card = cardRef(cardNumber);
      return ok(cardPaymentResult(ledger.createCardPayment(cardPaymentInput(body, card))));
    },

    payWithCardToken(body) {
      const saved = ledger.savedCard(String(body.card_token));
      if (!saved) throw new ParolapayFailure("cardNotFound", String(body.card_token));
      return ok(cardPaymentResult(ledger.createCardPayment(cardPaymentInput(body, saved.card))));
    },

    cardPaymentStatus(body) {
      const payment = ledger.cardPayment(String(body.payment_reference));
      if (!payment) throw new ParolapayFailure("paymentNotFound", String(body.payment_reference));
      return ok(cardPaymentStatus(payment));
    },

    cardRefund: (body) => ok(cardPaymentStatus(ledger.refundCardPayment(String(body.payment_reference), optionalAmount(body), clock.now()))),

    cardComplete: (body) => ok(cardPaymentStatus(ledger.completeCardPayment(String(body.payment_reference), optionalAmount(body), clock.now()))),

    cardVoid: (body) => ok(cardPaymentStatus(ledger.voidCardPayment(String(body.payment_reference), clock.now()))),

    // ---------------------------------------------------------------- saved cards
    savedCardList(body) {
      const customer = isObject(body.customer) ? body.customer : {};
      return ok({ cards: ledger.savedCardsOf(String(customer.external_id)).map(storedCard) });
    },

    savedCardGet(body) {
      const card = ledger.savedCard(String(body.card_token));
      if (!card) throw new ParolapayFailure("cardNotFound", String(body.card_token));
      return ok(storedCard(card));
    },

    savedCardCreate(body) {
      const customer = isObject(body.customer) ? body.customer : {};
      if (typeof customer.external_id !== "string" || customer.external_id === "") {
        throw new ParolapayFailure("invalidRequest", "customer.external_id is required to save a card");
      }
      const cardNumber = String(body.card_number);
      const card = cardRef(cardNumber);
      const saved = ledger.saveCard({
        cardHolder: String(body.card_holder),
        maskedCardNumber: maskCardNumber(cardNumber),
        cardExpiry: String(body.card_expiry),
        card,
        bankName: lookupBin(cardNumber).bank_name,
        customer: {
          external_id: customer.external_id,
          ...(typeof customer.fullname === "string" ? { fullname: customer.fullname } : {}),
          ...(typeof customer.email === "string" ? { email: customer.email } : {}),
          ...(typeof customer.phone === "string" ? { phone: customer.phone } : {}),
        },
        createdAt: clock.now(),
      });
      return ok(storedCard(saved));
    },

    savedCardDelete(body) {
      const card = ledger.deleteSavedCard(String(body.card_token));
      return ok({ card_token: card.cardToken, deleted: true });
    },

    // ---------------------------------------------------------------- queries
    binQuery(body) {
      const info = lookupBin(String(body.bin));
      return ok({ ...info, installments: installmentsFor(info, optionalTotal(body)).map((o) => ({ ...o })) });
    },

    binInstallments(body) {
      const info = lookupBin(String(body.bin));
      return ok({ installments: installmentsFor(info, optionalTotal(body)).map((o) => ({ ...o })) });
    },

    // ---------------------------------------------------------------- intents
    createPayment(body) {
      const cardNumber = String(body.card_number);
      const card = cardRef(cardNumber);
      const intent = ledger.createIntent({
        amount: Number(body.amount),
        currency: String(body.currency),
        merchantRef: String(body.merchant_ref),
        orderReference: String(body.order_reference),
        ...(typeof body.description === "string" ? { description: body.description } : {}),
        card,
        otpCode: otp,
        at: clock.now(),
      });
      return ok(intentBody(intent));
    },

    verifyOtp: (body) => ok(intentBody(ledger.verifyOtp(String(body.intent_id), String(body.otp), clock.now()))),

    resendOtp: (_body, req) => ok(intentBody(ledger.resendOtp(String(req.query.intent_id), otp, clock.now()))),

    capture: (body) => ok(intentBody(ledger.capture(String(body.intent_id), optionalAmount(body), clock.now()))),

    cancel: (body) => ok(intentBody(ledger.cancel(String(body.intent_id), clock.now()))),

    refund(body) {
      const { refund, replayed } = ledger.refund(
        {
          intentId: String(body.intent_id),
          amount: Number(body.amount),
          currency: String(body.currency),
          ...(typeof body.reason === "string" ? { reason: body.reason } : {}),
          ...(typeof body.description === "string" ? { description: body.description } : {}),
          ...(typeof body.merchant_ref === "string" ? { merchantRef: body.merchant_ref } : {}),
        },
        clock.now(),
      );
      // A replay answers like the original but writes nothing.
      return { applied: !replayed, body: refundBody(refund) };
    },

    status(body) {
      const intent = ledger.intent(String(body.intent_id));
      if (!intent) throw new ParolapayFailure("intentNotFound", String(body.intent_id));
      return ok(intentBody(intent));
    },

    paymentStatus(_body, req) {
      const ref = String(req.query.merchant_ref);
      const intent = ledger.intentByMerchantRef(ref);
      if (!intent) throw new ParolapayFailure("merchantRefNotFound", ref);
      return ok(intentBody(intent));
    },
  };

  /** A card number checked like a bank would: Luhn, then the sandbox decline card. */
  function cardRef(cardNumber: string): CardRef {
    if (!luhnValid(cardNumber)) throw new ParolapayFailure("invalidCardNumber");
    if (cardNumber === DECLINED_CARD) throw new ParolapayFailure("cardDeclined");
    return { bin: cardNumber.slice(0, 6), last4: cardNumber.slice(-4), cardType: lookupBin(cardNumber).card_type };
  }

  function cardPaymentInput(body: JsonObject, card: CardRef) {
    // The card Payment Request has no top-level amount: what is charged is the order's total.
    const order = isObject(body.order) ? body.order : {};
    if (typeof order.total !== "number") throw new ParolapayFailure("invalidRequest", "order.total is required: it is the amount charged");
    const mode = body.auth_mode ?? "sale";
    if (mode !== "auth" && mode !== "sale") throw new ParolapayFailure("invalidRequest", `auth_mode must be "auth" or "sale"`);
    return {
      amount: order.total,
      orderReference: String(body.order_reference),
      installment: typeof body.installment === "number" ? body.installment : 1,
      card,
      capture: mode === "sale",
      at: clock.now(),
    };
  }

  return {
    notFound: (req) => fail("routeNotFound", `${req.method} ${req.path}`),

    authenticate(req) {
      if (basicAuthValid(req.headers.authorization, credentials)) return undefined;
      const reply = fail("unauthorized");
      return { ...reply, headers: { "www-authenticate": 'Basic realm="Parolapay", charset="UTF-8"' } };
    },

    invalidRequest: (_req, issue) => fail("invalidRequest", `${issue.field}: ${issue.reason}`),

    handle(req) {
      const handler = handlers[req.operation.operationId];
      try {
        if (!handler) throw new ParolapayFailure("routeNotFound", `${req.operation.operationId} is not simulated`);
        return handler(isObject(req.body) ? req.body : {}, req);
      } catch (error) {
        if (error instanceof ParolapayFailure) return { ...failureBody(error), applied: false };
        throw error;
      }
    },
  };
}

/**
 * HTTP Basic: `Basic base64(username:password)`. Both parts are compared in constant time (over
 * SHA-256 digests, so different lengths take the same path) and both are always compared.
 */
export function basicAuthValid(header: string | undefined, expected: ParolapayCredentials): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  const decoded = match?.[1] ? Buffer.from(match[1], "base64").toString("utf8") : "";
  const colon = decoded.indexOf(":");
  const username = colon < 0 ? "" : decoded.slice(0, colon);
  const password = colon < 0 ? "" : decoded.slice(colon + 1);
  const userOk = constantTimeEqual(username, expected.username);
  const passwordOk = constantTimeEqual(password, expected.password);
  return match !== null && colon >= 0 && userOk && passwordOk;
}

function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}

function optionalAmount(body: JsonObject): number | undefined {
  return typeof body.amount === "number" ? body.amount : undefined;
}

function optionalTotal(body: JsonObject): number | undefined {
  return typeof body.total === "number" ? body.total : undefined;
}

function intentBody(intent: LedgerIntent): JsonObject {
  return {
    id: intent.id,
    status: reportedState(intent),
    amount: intent.amount,
    amount_captured: intent.amountCaptured,
    amount_refunded: intent.amountRefunded,
    currency: intent.currency,
    merchant_ref: intent.merchantRef,
    order_reference: intent.orderReference,
    payment_reference: intent.paymentReference,
    created_at: intent.createdAt.toISOString(),
    ...(intent.otp ? { otp_expires_at: intent.otp.expiresAt.toISOString() } : {}),
  };
}

function refundBody(refund: LedgerIntentRefund): JsonObject {
  return {
    id: refund.id,
    intent_id: refund.intentId,
    amount: refund.amount,
    currency: refund.currency,
    status: "succeeded",
    ...(refund.reason !== undefined ? { reason: refund.reason } : {}),
    ...(refund.merchantRef !== undefined ? { merchant_ref: refund.merchantRef } : {}),
    created_at: refund.createdAt.toISOString(),
  };
}

function cardPaymentResult(payment: LedgerCardPayment): JsonObject {
  return {
    payment_reference: payment.paymentReference,
    order_reference: payment.orderReference,
    state: reportedState(payment),
    amount: payment.amount,
    currency: payment.currency,
  };
}

function cardPaymentStatus(payment: LedgerCardPayment): JsonObject {
  return {
    payment_reference: payment.paymentReference,
    order_reference: payment.orderReference,
    state: reportedState(payment),
    // What was charged: the captured amount once captured, the authorization before.
    amount: payment.state === "captured" ? payment.amountCaptured : payment.amount,
    refunded_amount: payment.amountRefunded,
    currency: payment.currency,
    installment: payment.installment,
    card_type: payment.card.cardType,
    created_at: payment.createdAt.toISOString(),
  };
}

function storedCard(card: LedgerSavedCard): JsonObject {
  return {
    card_token: card.cardToken,
    card_holder: card.cardHolder,
    masked_card_number: card.maskedCardNumber,
    card_expiry: card.cardExpiry,
    card_type: card.card.cardType,
    bank_name: card.bankName,
    customer: { ...card.customer },
  };
}
