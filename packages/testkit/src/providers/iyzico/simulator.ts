/**
 * The iyzico simulator: specs/iyzico.yaml served over HTTP, IYZWSv2 verified, a ledger behind
 * refunds, cancels, the payment detail and the reporting detail (which alone lists refunds and
 * cancels, by the conversationId each was sent with), and iyzico's failure envelope (HTTP 200,
 * status "failure") for every broken rule.
 */
import { calendarDay, createClock, type SimulatorClock } from "../../clock.ts";
import { formatMinor, minorToNumber, MoneyFormatError, parseMinor } from "../../money.ts";
import {
  createSimulatorServer,
  type HandledReply,
  type ProviderBehaviour,
  type SimReply,
  type SimRequest,
} from "../../server.ts";
import type { Simulator } from "../../simulator.ts";
import { isObject, loadSpec, responseExamples, type JsonObject, type JsonValue, type LoadedSpec, type SpecOperation } from "../../spec.ts";
import { EXAMPLE_SIGNED_FIELDS, responseSignature, signedAmount, signFields, verifyIyzwsV2 } from "./auth.ts";
import { DECLINED_CARDS, INSTALLMENT_PLANS, knownBins, lookupBin, luhnValid } from "./catalog.ts";
import { describeFailure, IyzicoFailure, type Locale } from "./errors.ts";
import { CardVault, type StoredCard } from "./cards.ts";
import { postCallback, threedsPage, type CheckoutFormSession, type PendingThreeds } from "./flows.ts";
import { IyzicoLedger, IYZICO_TIME_ZONE, type IyzicoLedgerView, type LedgerPayment, type LedgerPaymentStatus, type LedgerPhase } from "./ledger.ts";
import { authCode, istanbulDateTime, paymentResult, reportingPayment } from "./responses.ts";

export type IyzicoCredentials = { apiKey: string; secretKey: string };

/** The credentials the simulator accepts unless told otherwise (also printed by the CLI). */
export const IYZICO_SANDBOX_CREDENTIALS: Readonly<IyzicoCredentials> = {
  apiKey: "sandbox-sim-api-key",
  secretKey: "sandbox-sim-secret-key",
};

export interface IyzicoSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  credentials?: IyzicoCredentials;
  /** Freezes the clock at this time; default: follow real time. */
  now?: Date;
  /** Serve this spec instead of specs/iyzico.yaml (tests of the framework). */
  spec?: LoadedSpec;
}

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

export interface IyzicoSimulator extends Simulator {
  readonly credentials: Readonly<IyzicoCredentials>;
  /** Read access to payments (with items), refunds and cancels; amounts in kuruş. */
  readonly ledger: IyzicoLedgerView;
  /** Records a successful payment, as if POST /payment/auth had been called. */
  seedPayment(input: SeedPaymentInput): SeededPayment;
  /**
   * The bank's leg of a 3-D Secure payment: posts `status`, `paymentId`, `conversationData`,
   * `conversationId`, `mdStatus` and `signature` to the initialize request's callbackUrl (loopback
   * only), as the buyer's browser would. mdStatus 1 (the default) lets the auth call complete it.
   */
  completeThreeds(paymentId: string, options?: { mdStatus?: number }): Promise<{ status: number; fields: Record<string, string> }>;
  /**
   * The buyer's leg of a checkout form: pays with `cardNumber` (default iyzico's sandbox card), then
   * posts the `token` to the form's callbackUrl (loopback only).
   */
  payCheckoutForm(token: string, options?: { cardNumber?: string }): Promise<{ status: number; paymentId: string }>;
}

/** Starts an iyzico simulator on 127.0.0.1. */
export async function startIyzicoSimulator(options: IyzicoSimulatorOptions = {}): Promise<IyzicoSimulator> {
  const credentials = { ...(options.credentials ?? IYZICO_SANDBOX_CREDENTIALS) };
  const clock = createClock(options.now);
  const ledger = new IyzicoLedger();
  const threeds = new Map<string, PendingThreeds>();
  const forms = new Map<string, CheckoutFormSession>();
  const spec = options.spec ?? loadSpec("iyzico");
  const server = await createSimulatorServer({
    spec,
    behaviour: iyzicoBehaviour({ credentials, clock, ledger, threeds, forms, cards: new CardVault() }),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return {
    provider: "iyzico",
    url: server.url,
    credentials,
    clock,
    faults: server.faults,
    requests: server.requests,
    ledger,
    seedPayment: (input) => seed(ledger, clock, input),
    async completeThreeds(paymentId, { mdStatus = 1 } = {}) {
      const pending = threeds.get(paymentId);
      if (!pending) throw new RangeError(`completeThreeds: no 3-D Secure payment ${paymentId} is waiting`);
      pending.mdStatus = mdStatus;
      const payment = ledger.payment(paymentId);
      if (payment && mdStatus === 1) payment.status = "CALLBACK_THREEDS";
      const status = mdStatus === 1 ? "success" : "failure";
      const conversationId = pending.conversationId ?? "";
      const fields = {
        status,
        paymentId,
        conversationData: pending.conversationData,
        conversationId,
        mdStatus: String(mdStatus),
        // iyzipay-php samples/callbackUrl_Signature_Validation.php: conversationData, conversationId, mdStatus, paymentId, status.
        signature: responseSignature(credentials.secretKey, [pending.conversationData, conversationId, String(mdStatus), paymentId, status]),
      };
      return { status: await postCallback(pending.callbackUrl, fields), fields };
    },
    async payCheckoutForm(token, { cardNumber = "5528790000000008" } = {}) {
      const form = forms.get(token);
      if (!form) throw new RangeError(`payCheckoutForm: no checkout form ${token}`);
      if (form.paymentId !== undefined) throw new RangeError(`payCheckoutForm: form ${token} is already paid`);
      const items = (Array.isArray(form.request.basketItems) ? form.request.basketItems.filter(isObject) : []).map((item) => ({
        itemId: String(item.id),
        price: parseMinor(String(item.price)),
      }));
      const payment = ledger.createPayment({
        items,
        paidPrice: parseMinor(String(form.request.paidPrice)),
        currency: typeof form.request.currency === "string" ? form.request.currency : "TRY",
        ...(form.conversationId !== undefined ? { conversationId: form.conversationId } : {}),
        ...(typeof form.request.basketId === "string" ? { basketId: form.request.basketId } : {}),
        card: { binNumber: cardNumber.slice(0, 6), lastFourDigits: cardNumber.slice(-4) },
        phase: form.phase,
        createdAt: clock.now(),
      });
      form.paymentId = payment.paymentId;
      return { status: await postCallback(form.callbackUrl, { token }), paymentId: payment.paymentId };
    },
    close: () => server.close(),
  };
}

function seed(ledger: IyzicoLedger, clock: SimulatorClock, input: SeedPaymentInput): SeededPayment {
  const amount = (value: DecimalInput, field: string) => {
    try {
      return parseMinor(String(value));
    } catch (error) {
      throw new RangeError(`seedPayment: ${field} ${error instanceof Error ? error.message : ""}`);
    }
  };
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

/**
 * Operations the simulator runs against its ledger; every other operation of the spec is answered
 * from the spec's success example (after the same auth and request validation).
 */
export const IYZICO_STATEFUL_OPERATIONS = [
  "test",
  "refund",
  "refundV2",
  "cancel",
  "retrievePayment",
  "retrieveReportingPaymentDetail",
  "createPayment",
  "createPreAuthPayment",
  "createPostAuthPayment",
  "initializeThreeds",
  "initializeThreedsPreAuth",
  "createThreedsPayment",
  "createThreedsPaymentV2",
  "initializeCheckoutForm",
  "initializeCheckoutFormPreAuth",
  "retrieveCheckoutForm",
  "createCard",
  "retrieveCardList",
  "deleteCard",
  "retrieveReportingTransactions",
  "checkBin",
  "retrieveInstallments",
] as const;

type Handler = (body: JsonObject) => HandledReply;

interface State {
  credentials: IyzicoCredentials;
  clock: SimulatorClock;
  ledger: IyzicoLedger;
  threeds: Map<string, PendingThreeds>;
  forms: Map<string, CheckoutFormSession>;
  cards: CardVault;
}

function iyzicoBehaviour(state: State): ProviderBehaviour {
  const { credentials, clock, ledger, threeds, forms, cards } = state;

  /** Fields every iyzico answer carries after its status; conversationId is echoed from the request. */
  const meta = (body: JsonObject): JsonObject => {
    const out: JsonObject = { locale: localeOf(body), systemTime: clock.now().getTime() };
    if (typeof body.conversationId === "string") out.conversationId = body.conversationId;
    return out;
  };

  /** iyzico's failure envelope; key order as iyzico sends it. */
  const failure = (req: SimRequest, error: IyzicoFailure, status = 200): SimReply => {
    const body = requestObject(req);
    const { errorCode, errorMessage } = describeFailure(error, localeOf(body));
    return { status, body: { status: "failure", errorCode, errorMessage, ...meta(body) } };
  };

  /** An example answer iyzico would sign, signed over this request's conversationId. */
  const signExample = (operationId: string, reply: HandledReply): HandledReply => {
    const fields = EXAMPLE_SIGNED_FIELDS[operationId];
    if (!fields || !isObject(reply.body)) return reply;
    return { ...reply, body: { ...reply.body, signature: signFields(credentials.secretKey, reply.body, fields) } };
  };

  const success = (body: JsonObject, fields: JsonObject): HandledReply => ({
    applied: true,
    body: { status: "success", ...meta(body), ...fields },
  });

  /**
   * A card payment from a payment body (POST /payment/auth and the bodies that share its model):
   * the basket must add up, the card must pass Luhn, and the sandbox's no-funds card is declined.
   */
  const charge = (
    body: JsonObject,
    how: { status?: LedgerPaymentStatus; phase?: LedgerPhase; threeDS?: boolean },
  ): LedgerPayment | { reply: HandledReply } => {
    const price = amountField(body, "price");
    const paidPrice = amountField(body, "paidPrice");
    const basket = Array.isArray(body.basketItems) ? body.basketItems.filter(isObject) : [];
    const items = basket.map((item, i) => ({ itemId: String(item.id), price: amountField(item, `basketItems[${i}].price`) }));
    if (items.reduce((sum, item) => sum + item.price, 0) !== price) throw new IyzicoFailure("basketTotalMismatch");
    const card = isObject(body.paymentCard) ? body.paymentCard : {};
    const cardNumber = typeof card.cardNumber === "string" ? card.cardNumber.replace(/\s/g, "") : undefined;
    if (cardNumber !== undefined && !luhnValid(cardNumber)) throw new IyzicoFailure("invalidCardNumber");
    // A stored card pays by cardUserKey + cardToken (card storage).
    const stored =
      cardNumber === undefined && typeof card.cardUserKey === "string" && typeof card.cardToken === "string"
        ? cards.find(card.cardUserKey, card.cardToken)
        : undefined;
    const declined = cardNumber !== undefined ? DECLINED_CARDS[cardNumber] : undefined;
    if (declined) return { reply: { applied: false, body: { status: "failure", ...declined, ...meta(body) } } };
    return ledger.createPayment({
      items,
      paidPrice,
      currency: typeof body.currency === "string" ? body.currency : "TRY",
      installment: typeof body.installment === "number" ? body.installment : 1,
      ...(conversationIdOf(body) !== undefined ? { conversationId: conversationIdOf(body) } : {}),
      ...(typeof body.basketId === "string" ? { basketId: body.basketId } : {}),
      ...(cardNumber ? { card: { binNumber: cardNumber.slice(0, 6), lastFourDigits: cardNumber.slice(-4) } } : {}),
      ...(stored ? { card: { binNumber: stored.binNumber, lastFourDigits: stored.lastFourDigits } } : {}),
      ...how,
      createdAt: clock.now(),
    });
  };

  const initializeThreeds = (body: JsonObject, phase: LedgerPhase): HandledReply => {
    const payment = charge(body, { status: "INIT_THREEDS", phase, threeDS: true });
    if ("reply" in payment) return payment.reply;
    const pending: PendingThreeds = {
      paymentId: payment.paymentId,
      ...(conversationIdOf(body) !== undefined ? { conversationId: conversationIdOf(body) } : {}),
      conversationData: `sim-conversation-data-${payment.paymentId}`,
      callbackUrl: String(body.callbackUrl),
    };
    threeds.set(payment.paymentId, pending);
    return success(body, {
      threeDSHtmlContent: threedsPage(pending),
      paymentId: payment.paymentId,
      // 3DS initialize signature order: paymentId, conversationId (docs, response signature validation).
      signature: responseSignature(credentials.secretKey, [payment.paymentId, conversationIdOf(body) ?? ""]),
    });
  };

  /** The pending 3-D Secure payment of an auth request, once the bank's callback said mdStatus 1. */
  const threedsReady = (body: JsonObject): PendingThreeds => {
    const pending = threeds.get(String(body.paymentId));
    if (!pending) throw new IyzicoFailure("paymentNotFound", String(body.paymentId));
    if (pending.mdStatus !== 1) throw new IyzicoFailure("invalidRequest", "paymentId");
    return pending;
  };

  const completeThreeds = (body: JsonObject, pending: PendingThreeds): HandledReply => {
    const payment = ledger.complete(pending.paymentId);
    threeds.delete(pending.paymentId);
    return success(body, paymentResult(payment, conversationIdOf(body), credentials.secretKey));
  };

  const initializeCheckoutForm = (body: JsonObject, phase: LedgerPhase): HandledReply => {
    const price = amountField(body, "price");
    const basket = Array.isArray(body.basketItems) ? body.basketItems.filter(isObject) : [];
    if (basket.reduce((sum, item, i) => sum + amountField(item, `basketItems[${i}].price`), 0) !== price) throw new IyzicoFailure("basketTotalMismatch");
    const token = `sim-cf-${String(forms.size + 1).padStart(6, "0")}-${clock.now().getTime().toString(36)}`;
    forms.set(token, {
      token,
      ...(conversationIdOf(body) !== undefined ? { conversationId: conversationIdOf(body) } : {}),
      callbackUrl: String(body.callbackUrl),
      phase,
      request: body,
    });
    return success(body, {
      token,
      checkoutFormContent: `<script type="text/javascript">/* iyzico simulator checkout form ${token} */</script>`,
      tokenExpireTime: 1800,
      paymentPageUrl: `https://sandbox-cpp.iyzipay.com?token=${token}&lang=${localeOf(body)}`,
      // Checkout-form initialize signature order: conversationId, token (docs, response signature validation).
      signature: responseSignature(credentials.secretKey, [conversationIdOf(body) ?? "", token]),
    });
  };

  const handlers: Record<(typeof IYZICO_STATEFUL_OPERATIONS)[number], Handler> & Partial<Record<string, Handler>> = {
    test: (body) => success(body, {}),

    refund(body) {
      const price = amountField(body, "price");
      const result = ledger.refundItem(String(body.paymentTransactionId), price, clock.now(), refundContext(body));
      return success(body, {
        paymentId: result.payment.paymentId,
        paymentTransactionId: result.item.paymentTransactionId,
        price: minorToNumber(price),
        currency: result.payment.currency,
        authCode: authCode(ledger.refunds.length),
        hostReference: "mock00007iyzihostrfn",
        refundHostReference: "mock00007iyzihostrfn",
        retryable: false,
        // Refund signature order: paymentId, price, currency, conversationId
        // (docs.iyzico.com/en/advanced/response-signature-validation, "Refund Endpoints").
        signature: responseSignature(credentials.secretKey, [
          result.payment.paymentId,
          signedAmount(minorToNumber(price)),
          result.payment.currency,
          conversationIdOf(body) ?? "",
        ]),
      });
    },

    refundV2(body) {
      const price = amountField(body, "price");
      const result = ledger.refundAmount(String(body.paymentId), price, clock.now(), refundContext(body));
      return success(body, {
        paymentId: result.payment.paymentId,
        price: minorToNumber(price),
        currency: result.payment.currency,
        authCode: authCode(ledger.refunds.length),
        hostReference: "mock00007iyzihostrfn",
        // Amount-based (v2) refund signature order: paymentId, price, currency, conversationId (docs,
        // "Refund Endpoints"; iyzipay-java model/Refund.java, which createV2 answers).
        signature: responseSignature(credentials.secretKey, [
          result.payment.paymentId,
          signedAmount(minorToNumber(price)),
          result.payment.currency,
          conversationIdOf(body) ?? "",
        ]),
      });
    },

    cancel(body) {
      const result = ledger.cancel(String(body.paymentId), clock.now(), conversationIdOf(body));
      return success(body, {
        paymentId: result.payment.paymentId,
        price: minorToNumber(result.cancel.amount),
        currency: result.payment.currency,
        authCode: authCode(ledger.cancels.length),
        hostReference: "mock00007iyzihostrfn",
      });
    },

    retrievePayment(body) {
      // The spec can't say "one of the two is required"; iyzico answers its own missing-field error.
      if (body.paymentId === undefined && body.paymentConversationId === undefined) {
        throw new IyzicoFailure("missingField", "paymentId");
      }
      const payment =
        typeof body.paymentId === "string"
          ? ledger.payment(body.paymentId)
          : ledger.paymentByConversationId(String(body.paymentConversationId));
      if (!payment) throw new IyzicoFailure("paymentNotFound", String(body.paymentId ?? body.paymentConversationId));
      return success(body, paymentResult(payment, conversationIdOf(body), credentials.secretKey));
    },

    retrieveReportingPaymentDetail(query) {
      // GET: the handler's input is the query string. One of the two ids is needed (iyzico docs).
      const byId = typeof query.paymentId === "string" && query.paymentId !== "" ? query.paymentId : undefined;
      const byConversation =
        typeof query.paymentConversationId === "string" && query.paymentConversationId !== "" ? query.paymentConversationId : undefined;
      if (byId === undefined && byConversation === undefined) throw new IyzicoFailure("invalidRequest", "paymentId");
      const found = byId !== undefined ? [ledger.payment(byId)].filter((p) => p !== undefined) : ledger.paymentsByConversationId(byConversation ?? "");
      const matching = byConversation === undefined ? found : found.filter((p) => p.conversationId === byConversation);
      if (matching.length === 0) throw new IyzicoFailure("paymentNotFound", byId ?? byConversation);
      return success(query, {
        payments: matching.map((p) => reportingPayment(p, ledger.cancels.filter((c) => c.paymentId === p.paymentId))),
      });
    },

    createPayment(body) {
      const payment = charge(body, {});
      return "reply" in payment ? payment.reply : success(body, paymentResult(payment, conversationIdOf(body), credentials.secretKey));
    },

    createPreAuthPayment(body) {
      const payment = charge(body, { phase: "PRE_AUTH" });
      return "reply" in payment ? payment.reply : success(body, paymentResult(payment, conversationIdOf(body), credentials.secretKey));
    },

    createPostAuthPayment(body) {
      const paidPrice = body.paidPrice === undefined ? undefined : amountField(body, "paidPrice");
      const payment = ledger.capture(String(body.paymentId), paidPrice);
      return success(body, paymentResult(payment, conversationIdOf(body), credentials.secretKey));
    },

    initializeThreeds: (body) => initializeThreeds(body, "AUTH"),
    initializeThreedsPreAuth: (body) => initializeThreeds(body, "PRE_AUTH"),

    createThreedsPayment(body) {
      const pending = threedsReady(body);
      if (typeof body.conversationData === "string" && body.conversationData !== pending.conversationData) {
        throw new IyzicoFailure("invalidRequest", "conversationData");
      }
      return completeThreeds(body, pending);
    },

    createThreedsPaymentV2(body) {
      const pending = threedsReady(body);
      const payment = ledger.payment(pending.paymentId);
      // v2 checks the amounts and basket against the initialize request (iyzico docs, 3DS v2).
      if (payment && amountField(body, "paidPrice") !== payment.paidPrice) throw new IyzicoFailure("invalidRequest", "paidPrice");
      if (payment && body.basketId !== (payment.basketId ?? body.basketId)) throw new IyzicoFailure("invalidRequest", "basketId");
      if (payment && body.currency !== payment.currency) throw new IyzicoFailure("invalidRequest", "currency");
      return completeThreeds(body, pending);
    },

    initializeCheckoutForm: (body) => initializeCheckoutForm(body, "AUTH"),
    initializeCheckoutFormPreAuth: (body) => initializeCheckoutForm(body, "PRE_AUTH"),

    retrieveCheckoutForm(body) {
      const form = forms.get(String(body.token));
      if (!form) throw new IyzicoFailure("invalidRequest", "token");
      const payment = form.paymentId === undefined ? undefined : ledger.payment(form.paymentId);
      // Before the buyer paid there is no payment to report (the code is the simulator's stand-in).
      if (!payment) throw new IyzicoFailure("paymentNotFound", form.token);
      const result = paymentResult(payment, form.conversationId, credentials.secretKey);
      return success(body, {
        ...result,
        token: form.token,
        callbackUrl: form.callbackUrl,
        // Checkout-form signature order: paymentStatus, paymentId, currency, basketId, conversationId,
        // paidPrice, price, token (docs.iyzico.com/en/advanced/response-signature-validation).
        signature: responseSignature(credentials.secretKey, [
          payment.status,
          payment.paymentId,
          payment.currency,
          payment.basketId ?? "",
          conversationIdOf(body) ?? "",
          String(minorToNumber(payment.paidPrice)),
          String(minorToNumber(payment.price)),
          form.token,
        ]),
      });
    },

    createCard(body) {
      const card = isObject(body.card) ? body.card : {};
      const cardNumber = String(card.cardNumber ?? "").replace(/\s/g, "");
      if (!luhnValid(cardNumber)) throw new IyzicoFailure("invalidCardNumber");
      const str = (v: JsonValue | undefined) => (typeof v === "string" ? v : undefined);
      const { user, card: stored } = cards.store({
        cardNumber,
        expireMonth: String(card.expireMonth),
        expireYear: String(card.expireYear),
        ...(str(body.cardUserKey) !== undefined ? { cardUserKey: str(body.cardUserKey) } : {}),
        ...(str(body.email) !== undefined ? { email: str(body.email) } : {}),
        ...(str(body.externalId) !== undefined ? { externalId: str(body.externalId) } : {}),
        ...(str(card.cardAlias) !== undefined ? { cardAlias: str(card.cardAlias) } : {}),
        ...(str(card.cardHolderName) !== undefined ? { cardHolderName: str(card.cardHolderName) } : {}),
      });
      return success(body, {
        ...(user.externalId !== undefined ? { externalId: user.externalId } : {}),
        ...(user.email !== undefined ? { email: user.email } : {}),
        ...storedCardFields(stored),
      });
    },

    retrieveCardList(body) {
      const key = String(body.cardUserKey);
      return success(body, { cardUserKey: key, cardDetails: cards.list(key).map(storedCardFields) });
    },

    deleteCard(body) {
      cards.remove(String(body.cardUserKey), String(body.cardToken));
      return success(body, {});
    },

    retrieveReportingTransactions(query) {
      const day = String(query.transactionDate);
      const page = Number(query.page);
      const all = dayTransactions(ledger, day);
      const size = 100;
      return success(query, {
        transactions: all.slice((page - 1) * size, page * size),
        currentPage: page,
        totalPageCount: Math.max(1, Math.ceil(all.length / size)),
      });
    },

    checkBin(body) {
      const card = lookupBin(String(body.binNumber));
      return success(body, { ...card });
    },

    retrieveInstallments(body) {
      const price = amountField(body, "price");
      const bins = typeof body.binNumber === "string" ? [body.binNumber] : knownBins();
      return success(body, {
        installmentDetails: bins.map((bin) => {
          const card = lookupBin(bin);
          return {
            binNumber: bin,
            price: minorToNumber(price),
            cardType: card.cardType,
            cardAssociation: card.cardAssociation,
            cardFamilyName: card.cardFamily,
            force3ds: 0,
            bankCode: card.bankCode,
            bankName: card.bankName,
            forceCvc: 0,
            commercial: card.commercial,
            installmentPrices: INSTALLMENT_PLANS.map(({ count, basisPoints }) => {
              // Round half up to the kuruş on the per-installment price; the total is a whole multiple of it.
              const each = Number((BigInt(price) * BigInt(10_000 + basisPoints) + BigInt(count * 5_000)) / BigInt(count * 10_000));
              return { installmentPrice: minorToNumber(each), totalPrice: minorToNumber(each * count), installmentNumber: count };
            }),
          };
        }),
      });
    },
  };

  return {
    notFound: (req) => failure(req, new IyzicoFailure("invalidRequest", `${req.method} ${req.path} bulunamadı`), 404),

    authenticate(req) {
      const result = verifyIyzwsV2(req.headers, req.path, req.rawBody, (apiKey) =>
        apiKey === credentials.apiKey ? credentials.secretKey : undefined,
      );
      if (result.ok) return undefined;
      // iyzico's message is exact ("Geçersiz imza"); the reason goes in a header, for debugging only.
      const reply = failure(req, new IyzicoFailure(result.reason));
      return { ...reply, headers: { "x-simulator-reason": result.detail } };
    },

    invalidRequest(req, issue) {
      const key = issue.keyword === "required" ? "missingField" : "invalidRequest";
      return failure(req, new IyzicoFailure(key, issue.field));
    },

    handle(req) {
      const handler = handlers[req.operation.operationId];
      try {
        const input = isObject(req.body) ? req.body : req.query;
        // Operations without behaviour of their own still answer, with the spec's success example:
        // the request was validated and its signature verified like any other.
        if (!handler) return signExample(req.operation.operationId, fromSpecExample(req.operation, meta(input)));
        return handler(input);
      } catch (error) {
        if (error instanceof IyzicoFailure) return { ...failure(req, error), applied: false };
        throw error;
      }
    },
  };
}

/** A stored card as iyzico's Card model answers it, with the BIN's bank and scheme. */
function storedCardFields(card: StoredCard): JsonObject {
  const bin = lookupBin(card.binNumber);
  return {
    cardUserKey: card.cardUserKey,
    cardToken: card.cardToken,
    ...(card.cardAlias !== undefined ? { cardAlias: card.cardAlias } : {}),
    binNumber: card.binNumber,
    lastFourDigits: card.lastFourDigits,
    cardType: bin.cardType,
    cardAssociation: bin.cardAssociation,
    cardFamily: bin.cardFamily,
    cardBankCode: bin.bankCode,
    cardBankName: bin.bankName,
  };
}

/**
 * A day's transactions (Istanbul calendar day) in iyzipay-java's TransactionDetail shape: one PAYMENT
 * per charged basket item, one REFUND per refunded part, one CANCEL per cancel. The numeric statuses
 * are the simulator's (1), like the reporting detail's.
 */
function dayTransactions(ledger: IyzicoLedger, day: string): JsonObject[] {
  const on = (d: Date) => calendarDay(d, IYZICO_TIME_ZONE) === day;
  const out: JsonObject[] = [];
  for (const p of ledger.payments.filter((x) => x.status === "SUCCESS")) {
    const common = {
      paymentId: Number(p.paymentId),
      ...(p.conversationId !== undefined ? { conversationId: p.conversationId } : {}),
      paymentPhase: p.phase,
      transactionCurrency: p.currency,
      installment: p.installment,
      threeDS: p.threeDS ? 1 : 0,
      ...(p.basketId !== undefined ? { basketId: p.basketId } : {}),
    };
    if (on(p.createdAt)) {
      for (const item of p.items) {
        out.push({ transactionType: "PAYMENT", transactionDate: istanbulDateTime(p.createdAt), transactionId: Number(item.paymentTransactionId), transactionStatus: 1, afterSettlement: 0, paymentTxId: Number(item.paymentTransactionId), ...common, price: minorToNumber(item.price), paidPrice: minorToNumber(item.paidPrice) });
      }
    }
    for (const item of p.items) {
      for (const r of item.refunds.filter((x) => on(x.at))) {
        out.push({ transactionType: "REFUND", transactionDate: istanbulDateTime(r.at), transactionId: Number(r.refundTxId), transactionStatus: 1, afterSettlement: 0, paymentTxId: Number(item.paymentTransactionId), ...common, price: minorToNumber(r.amount), paidPrice: minorToNumber(r.amount) });
      }
    }
  }
  for (const c of ledger.cancels.filter((x) => on(x.at))) {
    const p = ledger.payment(c.paymentId);
    out.push({ transactionType: "CANCEL", transactionDate: istanbulDateTime(c.at), transactionId: Number(c.cancelId), transactionStatus: 1, afterSettlement: 0, paymentId: Number(c.paymentId), ...(p?.conversationId !== undefined ? { conversationId: p.conversationId } : {}), transactionCurrency: p?.currency ?? "TRY", price: minorToNumber(c.amount), paidPrice: minorToNumber(c.amount) });
  }
  return out.sort((a, b) => String(a.transactionDate).localeCompare(String(b.transactionDate)));
}

/**
 * The spec's first success example for `op`, with this request's locale, time and conversationId
 * (the subscription API answers without locale, so only fields the example has are replaced).
 */
function fromSpecExample(op: SpecOperation, meta: JsonObject): HandledReply {
  const example = responseExamples(op).find((e) => isObject(e.value) && e.value.status === "success");
  if (!example || !isObject(example.value)) throw new IyzicoFailure("invalidRequest", `${op.operationId} is not simulated`);
  const body = structuredClone(example.value);
  for (const key of ["locale", "systemTime"] as const) if (key in body && meta[key] !== undefined) body[key] = meta[key] as JsonValue;
  if ("conversationId" in body || meta.conversationId !== undefined) {
    if (meta.conversationId !== undefined) body.conversationId = meta.conversationId as JsonValue;
    else delete body.conversationId;
  }
  return { applied: true, body };
}

/**
 * The body as an object, parsed leniently from the raw bytes: failure envelopes echo locale and
 * conversationId even for requests that failed auth or the schema, or matched no route.
 */
function requestObject(req: SimRequest): JsonObject {
  // A bodiless GET carries locale and conversationId in its query string.
  if (req.rawBody.length === 0) return { ...req.query };
  try {
    const parsed = JSON.parse(req.rawBody.toString("utf8")) as JsonValue;
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function localeOf(body: JsonObject): Locale {
  return body.locale === "en" ? "en" : "tr";
}

function conversationIdOf(body: JsonObject): string | undefined {
  return typeof body.conversationId === "string" ? body.conversationId : undefined;
}

/** A positive decimal amount field in kuruş; anything else is iyzico's invalid request naming the field. */
function amountField(body: JsonObject, field: string): number {
  const value = body[field.replace(/^.*\./, "")];
  if (value === undefined) throw new IyzicoFailure("missingField", field);
  try {
    const minor = parseMinor(String(value));
    if (minor > 0) return minor;
  } catch (error) {
    if (!(error instanceof MoneyFormatError)) throw error;
  }
  throw new IyzicoFailure("invalidRequest", field);
}

/** What a refund request says besides the amount, for the ledger. */
function refundContext(body: JsonObject): { conversationId?: string; currency?: string } {
  return {
    ...(typeof body.conversationId === "string" ? { conversationId: body.conversationId } : {}),
    ...(typeof body.currency === "string" ? { currency: body.currency } : {}),
  };
}

