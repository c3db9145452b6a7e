/**
 * iyzico's envelope (HTTP 200 with status "success" or "failure", locale, systemTime and the echoed
 * conversationId) and the bodies the handlers build beside responses.ts's payment result and
 * reporting detail: stored cards, the day's transactions, the spec-example answers.
 */
import type { SimulatorClock } from "../../clock.ts";
import type { ProviderFailure } from "../../kit/failure.ts";
import { istanbulDay } from "../../kit/time.ts";
import { minorToNumber } from "../../money.ts";
import type { HandledReply, SimReply, SimRequest } from "../../server.ts";
import { isObject, responseExamples, type JsonObject, type JsonValue, type SpecOperation } from "../../spec.ts";
import type { StoredCard } from "./cards.ts";
import { lookupBin } from "./catalog.ts";
import { describeFailure, iyzicoFailure, type Locale } from "./errors.ts";
import type { IyzicoLedger } from "./ledger.ts";
import { istanbulDateTime } from "./responses.ts";

/** The envelope every iyzico answer shares, on the simulator clock. */
export function createEnvelope(clock: SimulatorClock) {
  /** Fields every iyzico answer carries after its status; conversationId is echoed from the request. */
  const meta = (body: JsonObject): JsonObject => {
    const out: JsonObject = { locale: localeOf(body), systemTime: clock.now().getTime() };
    if (typeof body.conversationId === "string") out.conversationId = body.conversationId;
    return out;
  };

  /** iyzico's failure envelope; key order as iyzico sends it. */
  const failure = (req: SimRequest, error: ProviderFailure, status = 200): SimReply => {
    const body = requestObject(req);
    const { errorCode, errorMessage } = describeFailure(error, localeOf(body));
    return { status, body: { status: "failure", errorCode, errorMessage, ...meta(body) } };
  };

  const success = (body: JsonObject, fields: JsonObject): HandledReply => ({
    applied: true,
    body: { status: "success", ...meta(body), ...fields },
  });

  return { meta, failure, success };
}

/** A stored card as iyzico's Card model answers it, with the BIN's bank and scheme. */
export function storedCardFields(card: StoredCard): JsonObject {
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
export function dayTransactions(ledger: IyzicoLedger, day: string): JsonObject[] {
  const on = (d: Date) => istanbulDay(d) === day;
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
        out.push({
          transactionType: "PAYMENT",
          transactionDate: istanbulDateTime(p.createdAt),
          transactionId: Number(item.paymentTransactionId),
          transactionStatus: 1,
          afterSettlement: 0,
          paymentTxId: Number(item.paymentTransactionId),
          ...common,
          price: minorToNumber(item.price),
          paidPrice: minorToNumber(item.paidPrice),
        });
      }
    }
    for (const item of p.items) {
      for (const r of item.refunds.filter((x) => on(x.at))) {
        out.push({
          transactionType: "REFUND",
          transactionDate: istanbulDateTime(r.at),
          transactionId: Number(r.refundTxId),
          transactionStatus: 1,
          afterSettlement: 0,
          paymentTxId: Number(item.paymentTransactionId),
          ...common,
          price: minorToNumber(r.amount),
          paidPrice: minorToNumber(r.amount),
        });
      }
    }
  }
  for (const c of ledger.cancels.filter((x) => on(x.at))) {
    const p = ledger.payment(c.paymentId);
    out.push({
      transactionType: "CANCEL",
      transactionDate: istanbulDateTime(c.at),
      transactionId: Number(c.cancelId),
      transactionStatus: 1,
      afterSettlement: 0,
      paymentId: Number(c.paymentId),
      ...(p?.conversationId !== undefined ? { conversationId: p.conversationId } : {}),
      transactionCurrency: p?.currency ?? "TRY",
      price: minorToNumber(c.amount),
      paidPrice: minorToNumber(c.amount),
    });
  }
  return out.sort((a, b) => String(a.transactionDate).localeCompare(String(b.transactionDate)));
}

/**
 * The spec's first success example for `op`, with this request's locale, time and conversationId
 * (the subscription API answers without locale, so only fields the example has are replaced).
 */
export function fromSpecExample(op: SpecOperation, meta: JsonObject): HandledReply {
  const example = responseExamples(op).find((e) => isObject(e.value) && e.value.status === "success");
  if (!example || !isObject(example.value)) throw iyzicoFailure("invalidRequest", `${op.operationId} is not simulated`);
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
export function requestObject(req: SimRequest): JsonObject {
  // A bodiless GET carries locale and conversationId in its query string.
  if (req.rawBody.length === 0) return { ...req.query };
  try {
    const parsed = JSON.parse(req.rawBody.toString("utf8")) as JsonValue;
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

export function localeOf(body: JsonObject): Locale {
  return body.locale === "en" ? "en" : "tr";
}
