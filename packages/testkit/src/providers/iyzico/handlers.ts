/**
 * What each iyzico operation does against the ledger, the 3-D Secure and checkout-form sessions and
 * the card vault, and the behaviour the shared server runs: IYZWSv2 (auth.ts), schema rejections
 * and every rule as iyzico's failure envelope (HTTP 200, status "failure"); an operation without a
 * handler answers with the spec's success example.
 */
import type { SimulatorClock } from "../../clock.ts";
import { dispatch, type Handler } from "../../kit/behaviour.ts";
import { luhnValid } from "../../kit/cards.ts";
import { minorToNumber } from "../../money.ts";
import type { HandledReply, ProviderBehaviour } from "../../server.ts";
import { isObject, type JsonObject, type JsonValue } from "../../spec.ts";
import { EXAMPLE_SIGNED_FIELDS, responseSignature, signedAmount, signFields, verifyIyzwsV2 } from "./auth.ts";
import type { CardVault } from "./cards.ts";
import { DECLINED_CARDS, INSTALLMENT_PLANS, knownBins, lookupBin } from "./catalog.ts";
import { iyzicoFailure } from "./errors.ts";
import { threedsPage, type CheckoutFormSession, type PendingThreeds } from "./flows.ts";
import { amountField, conversationIdOf, refundContext } from "./input.ts";
import type { IyzicoLedger, LedgerPayment, LedgerPaymentStatus, LedgerPhase } from "./ledger.ts";
import { createEnvelope, dayTransactions, fromSpecExample, localeOf, storedCardFields } from "./replies.ts";
import { authCode, paymentResult, reportingPayment } from "./responses.ts";
import { IYZICO_SUBSCRIPTION_CATALOG_OPERATIONS, subscriptionCatalog } from "./subscriptions.ts";
import type { IyzicoCredentials } from "./simulator.ts";

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
  ...IYZICO_SUBSCRIPTION_CATALOG_OPERATIONS,
] as const;

export interface IyzicoState {
  credentials: IyzicoCredentials;
  clock: SimulatorClock;
  ledger: IyzicoLedger;
  threeds: Map<string, PendingThreeds>;
  forms: Map<string, CheckoutFormSession>;
  cards: CardVault;
}

export function iyzicoBehaviour(state: IyzicoState): ProviderBehaviour {
  const { credentials, clock, ledger, threeds, forms, cards } = state;

  const { meta, failure, success } = createEnvelope(clock);

  /**
   * A refund answer's signature, v1 and v2 alike: paymentId, price, currency, conversationId
   * (docs.iyzico.com/en/advanced/response-signature-validation, "Refund Endpoints"; iyzipay-java
   * model/Refund.java, which both createV1 and createV2 answer).
   */
  const refundSignature = (payment: LedgerPayment, price: number, body: JsonObject): string =>
    responseSignature(credentials.secretKey, [
      payment.paymentId,
      signedAmount(minorToNumber(price)),
      payment.currency,
      conversationIdOf(body) ?? "",
    ]);

  /** An example answer iyzico would sign, signed over this request's conversationId. */
  const signExample = (operationId: string, reply: HandledReply): HandledReply => {
    const fields = EXAMPLE_SIGNED_FIELDS[operationId];
    if (!fields || !isObject(reply.body)) return reply;
    return { ...reply, body: { ...reply.body, signature: signFields(credentials.secretKey, reply.body, fields) } };
  };

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
    if (items.reduce((sum, item) => sum + item.price, 0) !== price) throw iyzicoFailure("basketTotalMismatch");
    const card = isObject(body.paymentCard) ? body.paymentCard : {};
    const cardNumber = typeof card.cardNumber === "string" ? card.cardNumber.replace(/\s/g, "") : undefined;
    if (cardNumber !== undefined && !luhnValid(cardNumber)) throw iyzicoFailure("invalidCardNumber");
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
    if (!pending) throw iyzicoFailure("paymentNotFound", String(body.paymentId));
    if (pending.mdStatus !== 1) throw iyzicoFailure("invalidRequest", "paymentId");
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
    if (basket.reduce((sum, item, i) => sum + amountField(item, `basketItems[${i}].price`), 0) !== price)
      throw iyzicoFailure("basketTotalMismatch");
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

  // The catalog's handlers read the path parameters (a product's reference code) off the request.
  const catalog: Record<string, Handler> = Object.fromEntries(
    Object.entries(subscriptionCatalog(() => clock.now())).map(([id, handle]) => [id, (input, req) => handle(input, req.pathParams)]),
  );
  const handlers: Record<(typeof IYZICO_STATEFUL_OPERATIONS)[number], Handler> & Partial<Record<string, Handler>> = {
    ...(catalog as Record<(typeof IYZICO_SUBSCRIPTION_CATALOG_OPERATIONS)[number], Handler>),
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
        signature: refundSignature(result.payment, price, body),
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
        signature: refundSignature(result.payment, price, body),
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
        throw iyzicoFailure("missingField", "paymentId");
      }
      const payment =
        typeof body.paymentId === "string"
          ? ledger.payment(body.paymentId)
          : ledger.paymentByConversationId(String(body.paymentConversationId));
      if (!payment) throw iyzicoFailure("paymentNotFound", String(body.paymentId ?? body.paymentConversationId));
      return success(body, paymentResult(payment, conversationIdOf(body), credentials.secretKey));
    },

    retrieveReportingPaymentDetail(query) {
      // GET: the handler's input is the query string. One of the two ids is needed (iyzico docs).
      const byId = typeof query.paymentId === "string" && query.paymentId !== "" ? query.paymentId : undefined;
      const byConversation =
        typeof query.paymentConversationId === "string" && query.paymentConversationId !== "" ? query.paymentConversationId : undefined;
      if (byId === undefined && byConversation === undefined) throw iyzicoFailure("invalidRequest", "paymentId");
      const found =
        byId !== undefined ? [ledger.payment(byId)].filter((p) => p !== undefined) : ledger.paymentsByConversationId(byConversation ?? "");
      const matching = byConversation === undefined ? found : found.filter((p) => p.conversationId === byConversation);
      if (matching.length === 0) throw iyzicoFailure("paymentNotFound", byId ?? byConversation);
      return success(query, {
        payments: matching.map((p) =>
          reportingPayment(
            p,
            ledger.cancels.filter((c) => c.paymentId === p.paymentId),
          ),
        ),
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
        throw iyzicoFailure("invalidRequest", "conversationData");
      }
      return completeThreeds(body, pending);
    },

    createThreedsPaymentV2(body) {
      const pending = threedsReady(body);
      const payment = ledger.payment(pending.paymentId);
      // v2 checks the amounts and basket against the initialize request (iyzico docs, 3DS v2).
      if (payment && amountField(body, "paidPrice") !== payment.paidPrice) throw iyzicoFailure("invalidRequest", "paidPrice");
      if (payment && body.basketId !== (payment.basketId ?? body.basketId)) throw iyzicoFailure("invalidRequest", "basketId");
      if (payment && body.currency !== payment.currency) throw iyzicoFailure("invalidRequest", "currency");
      return completeThreeds(body, pending);
    },

    initializeCheckoutForm: (body) => initializeCheckoutForm(body, "AUTH"),
    initializeCheckoutFormPreAuth: (body) => initializeCheckoutForm(body, "PRE_AUTH"),

    retrieveCheckoutForm(body) {
      const form = forms.get(String(body.token));
      if (!form) throw iyzicoFailure("invalidRequest", "token");
      const payment = form.paymentId === undefined ? undefined : ledger.payment(form.paymentId);
      // Before the buyer paid there is no payment to report (the code is the simulator's stand-in).
      if (!payment) throw iyzicoFailure("paymentNotFound", form.token);
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
      if (!luhnValid(cardNumber)) throw iyzicoFailure("invalidCardNumber");
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
    notFound: (req) => failure(req, iyzicoFailure("invalidRequest", `${req.method} ${req.path} bulunamadı`), 404),

    authenticate(req) {
      const result = verifyIyzwsV2(req.headers, req.path, req.rawBody, (apiKey) =>
        apiKey === credentials.apiKey ? credentials.secretKey : undefined,
      );
      if (result.ok) return undefined;
      // iyzico's message is exact ("Geçersiz imza"); the reason goes in a header, for debugging only.
      const reply = failure(req, iyzicoFailure(result.reason));
      return { ...reply, headers: { "x-simulator-reason": result.detail } };
    },

    invalidRequest(req, issue) {
      const key = issue.keyword === "required" ? "missingField" : "invalidRequest";
      return failure(req, iyzicoFailure(key, issue.field));
    },

    handle: dispatch(handlers, {
      // iyzipay-node sends "{}" as the body of a GET or DELETE too; an operation without a
      // request body reads its query string.
      input: (req) => (isObject(req.body) && req.operation.requestSchema !== undefined ? req.body : req.query),
      // Operations without behaviour of their own still answer, with the spec's success example:
      // the request was validated and its signature verified like any other.
      unhandled: (req, input) => signExample(req.operation.operationId, fromSpecExample(req.operation, meta(input))),
      failure: (error, req) => failure(req, error),
    }),
  };
}
