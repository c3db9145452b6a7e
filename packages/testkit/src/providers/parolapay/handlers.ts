/**
 * What each Parolapay operation does, and the behaviour the shared server runs: HTTP Basic, schema
 * rejections and every rule as the spec's inferred `{error: {code, message}}` on a 4xx.
 */
import type { SimulatorClock } from "../../clock.ts";
import { dispatch, type Handler } from "../../kit/behaviour.ts";
import type { ProviderBehaviour } from "../../server.ts";
import { isObject, type JsonObject } from "../../spec.ts";
import { basicAuthValid, type ParolapayCredentials } from "./auth.ts";
import { installmentsFor, lookupBin, maskCardNumber, PAYMENT_TYPES } from "./catalog.ts";
import { failureBody, parolapayFailure, type ParolapayErrorKey } from "./errors.ts";
import { cardPaymentInput, cardRef, optionalAmount, optionalTotal } from "./input.ts";
import type { ParolapayLedger } from "./ledger.ts";
import { cardPaymentResult, cardPaymentStatus, intentBody, refundBody, storedCard } from "./replies.ts";

export interface ParolapayState {
  credentials: ParolapayCredentials;
  clock: SimulatorClock;
  ledger: ParolapayLedger;
  otp: string;
}

export function parolapayBehaviour(state: ParolapayState): ProviderBehaviour {
  const { credentials, clock, ledger, otp } = state;
  const ok = (body: JsonObject) => ({ applied: true, body });
  const fail = (key: ParolapayErrorKey, detail?: string) => failureBody(parolapayFailure(key, detail));

  const handlers: Record<string, Handler> = {
    paymentTypes: () => ok({ payment_types: PAYMENT_TYPES.map((t) => ({ ...t })) }),

    healthCheck: () => ok({ status: "ok" }),

    // ---------------------------------------------------------------- card payments
    payWithCardNumber(body) {
      const cardNumber = String(body.card_number);
      const card = cardRef(cardNumber);
      return ok(cardPaymentResult(ledger.createCardPayment(cardPaymentInput(body, card, clock.now()))));
    },

    payWithCardToken(body) {
      const saved = ledger.savedCard(String(body.card_token));
      if (!saved) throw parolapayFailure("cardNotFound", String(body.card_token));
      return ok(cardPaymentResult(ledger.createCardPayment(cardPaymentInput(body, saved.card, clock.now()))));
    },

    cardPaymentStatus(body) {
      const payment = ledger.cardPayment(String(body.payment_reference));
      if (!payment) throw parolapayFailure("paymentNotFound", String(body.payment_reference));
      return ok(cardPaymentStatus(payment));
    },

    cardRefund: (body) =>
      ok(cardPaymentStatus(ledger.refundCardPayment(String(body.payment_reference), optionalAmount(body), clock.now()))),

    cardComplete: (body) =>
      ok(cardPaymentStatus(ledger.completeCardPayment(String(body.payment_reference), optionalAmount(body), clock.now()))),

    cardVoid: (body) => ok(cardPaymentStatus(ledger.voidCardPayment(String(body.payment_reference), clock.now()))),

    // ---------------------------------------------------------------- saved cards
    savedCardList(body) {
      const customer = isObject(body.customer) ? body.customer : {};
      return ok({ cards: ledger.savedCardsOf(String(customer.external_id)).map(storedCard) });
    },

    savedCardGet(body) {
      const card = ledger.savedCard(String(body.card_token));
      if (!card) throw parolapayFailure("cardNotFound", String(body.card_token));
      return ok(storedCard(card));
    },

    savedCardCreate(body) {
      const customer = isObject(body.customer) ? body.customer : {};
      if (typeof customer.external_id !== "string" || customer.external_id === "") {
        throw parolapayFailure("invalidRequest", "customer.external_id is required to save a card");
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
      if (!intent) throw parolapayFailure("intentNotFound", String(body.intent_id));
      return ok(intentBody(intent));
    },

    paymentStatus(_body, req) {
      const ref = String(req.query.merchant_ref);
      const intent = ledger.intentByMerchantRef(ref);
      if (!intent) throw parolapayFailure("merchantRefNotFound", ref);
      return ok(intentBody(intent));
    },
  };

  return {
    notFound: (req) => fail("routeNotFound", `${req.method} ${req.path}`),

    authenticate(req) {
      if (basicAuthValid(req.headers.authorization, credentials)) return undefined;
      const reply = fail("unauthorized");
      return { ...reply, headers: { "www-authenticate": 'Basic realm="Parolapay", charset="UTF-8"' } };
    },

    invalidRequest: (_req, issue) => fail("invalidRequest", `${issue.field}: ${issue.reason}`),

    handle: dispatch(handlers, {
      unhandled: (req) => {
        throw parolapayFailure("routeNotFound", `${req.operation.operationId} is not simulated`);
      },
      failure: failureBody,
    }),
  };
}
