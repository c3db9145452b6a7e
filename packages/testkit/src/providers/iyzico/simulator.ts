/**
 * The iyzico simulator: specs/iyzico.yaml served over HTTP, IYZWSv2 verified, a ledger behind
 * refunds, cancels, the payment detail and the reporting detail (which alone lists refunds and
 * cancels, by the conversationId each was sent with), and iyzico's failure envelope (HTTP 200,
 * status "failure") for every broken rule.
 */
import { createClock, type SimulatorClock } from "../../clock.ts";
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
import { responseSignature, verifyIyzwsV2 } from "./auth.ts";
import { DECLINED_CARDS, INSTALLMENT_PLANS, knownBins, lookupBin, luhnValid } from "./catalog.ts";
import { describeFailure, IyzicoFailure, type Locale } from "./errors.ts";
import { IyzicoLedger, type IyzicoLedgerView } from "./ledger.ts";
import { authCode, paymentResult, reportingPayment } from "./responses.ts";

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
}

/** Starts an iyzico simulator on 127.0.0.1. */
export async function startIyzicoSimulator(options: IyzicoSimulatorOptions = {}): Promise<IyzicoSimulator> {
  const credentials = { ...(options.credentials ?? IYZICO_SANDBOX_CREDENTIALS) };
  const clock = createClock(options.now);
  const ledger = new IyzicoLedger();
  const spec = options.spec ?? loadSpec("iyzico");
  const server = await createSimulatorServer({
    spec,
    behaviour: iyzicoBehaviour({ credentials, clock, ledger }),
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
  "checkBin",
  "retrieveInstallments",
] as const;

type Handler = (body: JsonObject) => HandledReply;

interface State {
  credentials: IyzicoCredentials;
  clock: SimulatorClock;
  ledger: IyzicoLedger;
}

function iyzicoBehaviour(state: State): ProviderBehaviour {
  const { credentials, clock, ledger } = state;

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

  const success = (body: JsonObject, fields: JsonObject): HandledReply => ({
    applied: true,
    body: { status: "success", ...meta(body), ...fields },
  });

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
        // No signature: iyzico's parameter order for the v1 refund signature is not documented.
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
        // Refund v2 signature order: paymentId, conversationId (iyzipay-node IyziPayRefundV2Samples).
        signature: responseSignature(credentials.secretKey, [result.payment.paymentId, conversationIdOf(body) ?? ""]),
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
      const price = amountField(body, "price");
      const paidPrice = amountField(body, "paidPrice");
      const basket = Array.isArray(body.basketItems) ? body.basketItems.filter(isObject) : [];
      const items = basket.map((item, i) => ({ itemId: String(item.id), price: amountField(item, `basketItems[${i}].price`) }));
      if (items.reduce((sum, item) => sum + item.price, 0) !== price) throw new IyzicoFailure("basketTotalMismatch");
      const card = isObject(body.paymentCard) ? body.paymentCard : {};
      const cardNumber = typeof card.cardNumber === "string" ? card.cardNumber.replace(/\s/g, "") : undefined;
      if (cardNumber !== undefined && !luhnValid(cardNumber)) throw new IyzicoFailure("invalidCardNumber");
      const declined = cardNumber !== undefined ? DECLINED_CARDS[cardNumber] : undefined;
      if (declined) {
        return { applied: false, body: { status: "failure", ...declined, ...meta(body) } };
      }
      const payment = ledger.createPayment({
        items,
        paidPrice,
        currency: typeof body.currency === "string" ? body.currency : "TRY",
        installment: typeof body.installment === "number" ? body.installment : 1,
        ...(conversationIdOf(body) !== undefined ? { conversationId: conversationIdOf(body) } : {}),
        ...(typeof body.basketId === "string" ? { basketId: body.basketId } : {}),
        ...(cardNumber ? { card: { binNumber: cardNumber.slice(0, 6), lastFourDigits: cardNumber.slice(-4) } } : {}),
        createdAt: clock.now(),
      });
      return success(body, paymentResult(payment, conversationIdOf(body), credentials.secretKey));
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
        if (!handler) return fromSpecExample(req.operation, meta(input));
        return handler(input);
      } catch (error) {
        if (error instanceof IyzicoFailure) return { ...failure(req, error), applied: false };
        throw error;
      }
    },
  };
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

