/**
 * The Paywall simulator: specs/paywall.yaml served over HTTP (both hosts' paths on one server),
 * the public or private header pair checked per operation, a ledger behind start / refund / cancel /
 * revert / inquiry, and Paywall's envelope `{ErrorCode, Result, Message, Body}` in HTTP 200 for
 * every answer, failures included.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { calendarDay, createClock, type SimulatorClock } from "../../clock.ts";
import { formatMinor, minorToNumber, MoneyFormatError, parseMinor } from "../../money.ts";
import { createSimulatorServer, type HandledReply, type ProviderBehaviour, type RoutedRequest, type SimReply } from "../../server.ts";
import type { Simulator } from "../../simulator.ts";
import { isObject, loadSpec, type JsonObject, type JsonValue, type LoadedSpec } from "../../spec.ts";
import { COMMISSION_BASIS_POINTS, INSTALLMENT_PLANS, lookupBin } from "./catalog.ts";
import { PaywallFailure } from "./errors.ts";
import {
  CURRENCY_NAMES,
  PAYWALL_TIME_ZONE,
  PaywallLedger,
  paywallDate,
  type ActivityType,
  type PaymentRef,
  type PaywallActivity,
  type PaywallLedgerView,
  type PaywallPayment,
} from "./ledger.ts";

/** Named as the generated client's options (createPaywallClient). */
export interface PaywallCredentials {
  apiKeyPublic: string;
  apiClientPublic: string;
  apiKeyPrivate: string;
  apiClientPrivate: string;
}

/** The credentials the simulator accepts unless told otherwise (also printed by the CLI). */
export const PAYWALL_SANDBOX_CREDENTIALS: Readonly<PaywallCredentials> = {
  apiKeyPublic: "sim-paywall-apikey-public",
  apiClientPublic: "sim-paywall-apiclient-public",
  apiKeyPrivate: "sim-paywall-apikey-private",
  apiClientPrivate: "sim-paywall-apiclient-private",
};

export interface PaywallSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  credentials?: PaywallCredentials;
  /** Freezes the clock at this time; default: follow real time. */
  now?: Date;
  /** Serve this spec instead of specs/paywall.yaml. */
  spec?: LoadedSpec;
}

/** A decimal amount in major units: "100.00" (preferred, exact) or a JSON-style number. */
export type PaywallDecimalInput = string | number;

export interface SeedPaywallPaymentInput {
  amount: PaywallDecimalInput;
  /** Default: a fresh "sim-order-N". */
  merchantUniqueCode?: string;
  /** When the payment was made; default the simulator clock's now. */
  date?: Date;
  /** 1 TRY (default), 2 USD, 3 EUR, 4 BAM, 5 MKD, 6 ALL, 7 GBP. */
  currencyId?: number;
  installment?: number;
  /** The card charged; default Paywall's docs test card 4022774022774026. */
  cardNumber?: string;
}

/** A seeded payment's references, as the private operations take them. */
export interface SeededPaywallPayment {
  paymentId: number;
  uniqueCode: string;
  merchantUniqueCode: string;
  /** Major units with two decimals, e.g. "100.00". */
  amount: string;
  /** The payment's day as the `Date` field of refund and cancel requests wants it ("2024-06-12"). */
  date: string;
  currencyId: number;
}

export interface PaywallSimulator extends Simulator {
  readonly credentials: Readonly<PaywallCredentials>;
  /** Read access to payments and their activities; amounts in kuruş. */
  readonly ledger: PaywallLedgerView;
  /** Records a successful payment, as if payment/startdirect had been called. */
  seedPayment(input: SeedPaywallPaymentInput): SeededPaywallPayment;
  /** Finishes a 3-D payment started with start3d, as the payer's bank would (default: success). */
  complete3dPayment(paymentId: number, succeeded?: boolean): void;
}

/** Starts a Paywall simulator on 127.0.0.1. */
export async function startPaywallSimulator(options: PaywallSimulatorOptions = {}): Promise<PaywallSimulator> {
  const credentials = { ...(options.credentials ?? PAYWALL_SANDBOX_CREDENTIALS) };
  const clock = createClock(options.now);
  const ledger = new PaywallLedger();
  const spec = options.spec ?? loadSpec("paywall");
  const server = await createSimulatorServer({
    spec,
    behaviour: paywallBehaviour({ spec, credentials, clock, ledger }),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return {
    provider: "paywall",
    url: server.url,
    credentials,
    clock,
    faults: server.faults,
    requests: server.requests,
    ledger,
    seedPayment: (input) => seed(ledger, clock, input),
    complete3dPayment(paymentId, succeeded = true) {
      const payment = ledger.payment(paymentId);
      if (!payment) throw new RangeError(`complete3dPayment: no payment ${paymentId}`);
      ledger.complete3d(payment, succeeded, clock.now());
    },
    close: () => server.close(),
  };
}

function seed(ledger: PaywallLedger, clock: SimulatorClock, input: SeedPaywallPaymentInput): SeededPaywallPayment {
  let amount: number;
  try {
    amount = parseMinor(String(input.amount));
  } catch (error) {
    throw new RangeError(`seedPayment: amount ${error instanceof Error ? error.message : ""}`);
  }
  if (amount <= 0) throw new RangeError("seedPayment: amount must be positive");
  if (input.currencyId !== undefined && CURRENCY_NAMES[input.currencyId] === undefined) {
    throw new RangeError(`seedPayment: unknown currencyId ${input.currencyId}`);
  }
  let payment: PaywallPayment;
  try {
    payment = ledger.createPayment({
      amount,
      createdAt: input.date ?? clock.now(),
      ...(input.merchantUniqueCode !== undefined ? { merchantUniqueCode: input.merchantUniqueCode } : {}),
      ...(input.currencyId !== undefined ? { currencyId: input.currencyId } : {}),
      ...(input.installment !== undefined ? { installment: input.installment } : {}),
      ...(input.cardNumber !== undefined ? { card: { number: input.cardNumber } } : {}),
    });
  } catch (error) {
    if (error instanceof PaywallFailure) throw new RangeError(`seedPayment: ${error.text}`);
    throw error;
  }
  return {
    paymentId: payment.paymentId,
    uniqueCode: payment.uniqueCode,
    merchantUniqueCode: payment.merchantUniqueCode,
    amount: formatMinor(payment.amount, 2),
    date: paywallDate(payment.createdAt),
    currencyId: payment.currencyId,
  };
}

interface State {
  spec: LoadedSpec;
  credentials: PaywallCredentials;
  clock: SimulatorClock;
  ledger: PaywallLedger;
}

/** The simulator's own TypeId / StatusId values: Paywall does not publish its lists (UNKNOWN). */
const TYPE_IDS: Record<ActivityType, number> = { Sale: 1, Refund: 2, PartialRefund: 3, Cancel: 4 };
const STATUS: Record<PaywallPayment["state"], { id: number; name: string }> = {
  succeeded: { id: 1, name: "Successful" },
  pending: { id: 0, name: "Pending" },
  failed: { id: 2, name: "Unsuccessful" },
};
const CHANNELS: Record<number, string> = { 0: "Unspecified", 1: "Web", 2: "Android", 3: "iOS", 4: "Custom" };

function paywallBehaviour(state: State): ProviderBehaviour {
  const { spec, credentials, clock, ledger } = state;
  const authSets = readAuthSets(spec);

  const envelope = (body: JsonValue): JsonObject => ({ ErrorCode: 0, Result: true, Message: "", Body: body });
  const failure = (error: PaywallFailure, status = 200): SimReply => ({
    status,
    body: { ErrorCode: error.code, Result: false, Message: error.text, Body: null },
  });
  const ok = (body: JsonValue): HandledReply => ({ applied: true, body: envelope(body) });

  /** What a refund / cancel / revert answers in its open `Body` (the docs publish no field list). */
  const operationResult = (payment: PaywallPayment, activity: PaywallActivity): HandledReply =>
    ok({
      PaymentId: payment.paymentId,
      ActivityId: activity.activityId,
      UniqueCode: payment.uniqueCode,
      MerchantUniqueCode: payment.merchantUniqueCode,
      TypeName: activity.type,
      Amount: minorToNumber(activity.amount),
    });

  const startPayment = (body: JsonObject, req: RoutedRequest, threeD: boolean): HandledReply => {
    const detail = isObject(body.PaymentDetail) ? body.PaymentDetail : {};
    const amount = amountOf(detail.Amount, "PaymentDetail.Amount");
    const products = Array.isArray(body.Products) ? body.Products.filter(isObject) : [];
    const productTotal = products.reduce((sum, p, i) => sum + amountOf(p.ProductAmount, `Products[${i}].ProductAmount`, true), 0);
    if (productTotal !== amount) {
      throw new PaywallFailure("productTotalMismatch", `${formatMinor(productTotal, 2)} != ${formatMinor(amount, 2)}`);
    }
    const card = isObject(body.Card) ? body.Card : {};
    const payment = ledger.createPayment({
      amount,
      merchantUniqueCode: String(detail.MerchantUniqueCode),
      currencyId: Number(detail.CurrencyId),
      installment: Number(detail.Installment),
      channelId: Number(detail.ChannelId),
      createdAt: clock.now(),
      state: threeD ? "pending" : "succeeded",
      card: {
        ...(typeof card.Number === "string" ? { number: card.Number } : {}),
        ...(typeof card.OwnerName === "string" ? { ownerName: card.OwnerName } : {}),
      },
      ...(typeof detail.ClientIP === "string" ? { ip: detail.ClientIP } : {}),
    });
    const result = {
      PaymentId: payment.paymentId,
      ActivityId: payment.activities[0]?.activityId ?? 0,
      UniqueCode: payment.uniqueCode,
      MerchantUniqueKey: payment.merchantUniqueCode,
      Products: [],
    };
    if (!threeD) return ok({ Payment: result, Error: null });
    const host = req.headers.host ?? "127.0.0.1";
    return ok({ RedirectUrl: `http://${host}/api/paywall/3d/redirect/${payment.uniqueCode}`, Message: null, Payment: result, Error: null });
  };

  const handlers: Record<string, (body: JsonObject, req: RoutedRequest) => HandledReply> = {
    refund(body) {
      const payment = ledger.findOnDate({ merchantUniqueCode: String(body.MerchantUniqueCode) }, String(body.Date));
      const { activity } = ledger.refundFull(payment, clock.now(), { operation: "refund" });
      return operationResult(payment, activity);
    },
    refundByUniqueCode(body) {
      const payment = ledger.findOnDate({ uniqueCode: String(body.UniqueCode) }, String(body.Date));
      const { activity } = ledger.refundFull(payment, clock.now(), {
        completePartialRefund: body.CompletePartialRefund === true,
        operation: "refundByUniqueCode",
      });
      return operationResult(payment, activity);
    },
    partialRefund(body) {
      const payment = ledger.findOnDate({ merchantUniqueCode: String(body.MerchantUniqueCode) }, String(body.Date));
      const { activity } = ledger.refundPartial(payment, amountOf(body.Amount, "Amount"), clock.now(), "partialRefund");
      return operationResult(payment, activity);
    },
    partialRefundByPaymentId(body) {
      const payment = ledger.findOnDate({ paymentId: Number(body.PaymentId) }, String(body.Date));
      const { activity } = ledger.refundPartial(payment, amountOf(body.Amount, "Amount"), clock.now(), "partialRefundByPaymentId");
      return operationResult(payment, activity);
    },
    partialRefundByUniqueCode(body) {
      const payment = ledger.findOnDate({ uniqueCode: String(body.UniqueCode) }, String(body.Date));
      const { activity } = ledger.refundPartial(payment, amountOf(body.Amount, "Amount"), clock.now(), "partialRefundByUniqueCode");
      return operationResult(payment, activity);
    },
    cancel(body) {
      const payment = ledger.findOnDate({ merchantUniqueCode: String(body.MerchantUniqueCode) }, String(body.Date));
      const { activity } = ledger.cancel(payment, clock.now(), "cancel");
      return operationResult(payment, activity);
    },
    cancelByUniqueCode(body) {
      const payment = ledger.findOnDate({ uniqueCode: String(body.UniqueCode) }, String(body.Date));
      const { activity } = ledger.cancel(payment, clock.now(), "cancelByUniqueCode");
      return operationResult(payment, activity);
    },
    revert(body) {
      // The spec can't say "at least one of UniqueCode / MerchantUniqueCode"; Paywall's 2 does.
      const ref: PaymentRef | undefined =
        typeof body.UniqueCode === "string"
          ? { uniqueCode: body.UniqueCode }
          : typeof body.MerchantUniqueCode === "string"
            ? { merchantUniqueCode: body.MerchantUniqueCode }
            : undefined;
      if (!ref) throw new PaywallFailure("invalidRequest", "UniqueCode or MerchantUniqueCode is required");
      const payment = ledger.find(ref);
      const { activity } = ledger.revert(payment, amountOf(body.Amount, "Amount", true), clock.now(), "revert");
      return operationResult(payment, activity);
    },
    revertByPaymentId(body) {
      const payment = ledger.find({ paymentId: Number(body.PaymentId) });
      const { activity } = ledger.revert(payment, amountOf(body.Amount, "Amount", true), clock.now(), "revertByPaymentId");
      return operationResult(payment, activity);
    },
    queryPayment(_body, req) {
      return ok({ Paywall: inquiry(ledger.find({ merchantUniqueCode: req.headers.merchantuniquecode ?? "" })) });
    },
    queryPaymentByPaymentId(_body, req) {
      return ok({ Paywall: inquiry(ledger.find({ paymentId: Number(req.headers.paymentid) })) });
    },
    startDirectPayment: (body, req) => startPayment(body, req, false),
    start3dPayment: (body, req) => startPayment(body, req, true),
    binInquiry(_body, req) {
      const bin = req.headers.binnumber ?? "";
      const { bin: _, ...card } = lookupBin(bin);
      return { applied: true, body: { ...envelope({ BinNumber: bin, ...card }), ErrorCodeType: null, ErrorMessage: null } };
    },
    getInstallments(_body, req) {
      const amount = amountOf(req.headers.amount, "amount", true);
      const { bin: _, ...card } = lookupBin(req.headers.binnumber ?? "");
      const plans = card.CardType === "Debit" ? INSTALLMENT_PLANS.slice(0, 1) : INSTALLMENT_PLANS;
      return ok({
        ...card,
        Options: plans.map(({ installment, basisPoints }) => {
          // Round half up to the kuruş.
          const interest = Number((BigInt(amount) * BigInt(basisPoints) + 5_000n) / 10_000n);
          return {
            Installment: installment,
            Commission: COMMISSION_BASIS_POINTS / 100,
            Interest: basisPoints / 100,
            RawAmount: minorToNumber(amount),
            InterestAmount: minorToNumber(interest),
          };
        }),
      });
    },
  };

  return {
    notFound: (req) => failure(new PaywallFailure("routeNotFound", `${req.method} ${req.path}`), 404),

    authenticate(req) {
      const setName = typeof req.operation.raw["x-odeme-auth-set"] === "string" ? req.operation.raw["x-odeme-auth-set"] : Object.keys(authSets)[0];
      const set = setName !== undefined ? authSets[setName] : undefined;
      if (!set) return undefined;
      for (const [header, option] of Object.entries(set)) {
        const expected = credentials[option as keyof PaywallCredentials];
        const given = req.headers[header.toLowerCase()];
        if (expected === undefined || given === undefined || !constantTimeEqual(given, expected)) {
          const reply = failure(new PaywallFailure("authentication"));
          // The reason is for debugging only; Paywall's message does not say which header was wrong.
          return { ...reply, headers: { "x-simulator-reason": `${given === undefined ? "missing" : "wrong"} ${header} (${setName} set)` } };
        }
      }
      return undefined;
    },

    invalidRequest(_req, issue) {
      return failure(new PaywallFailure("invalidRequest", `${issue.field} ${issue.reason}`));
    },

    handle(req) {
      const handler = handlers[req.operation.operationId];
      try {
        if (!handler) throw new PaywallFailure("invalidRequest", `${req.operation.operationId} is not simulated`);
        return handler(isObject(req.body) ? req.body : {}, req);
      } catch (error) {
        if (error instanceof PaywallFailure) return { ...failure(error), applied: false };
        throw error;
      }
    },
  };

  /** Body.Paywall of the inquiry (SDK QueryResult.cs), built from the ledger. */
  function inquiry(payment: PaywallPayment): JsonObject {
    const last = payment.activities.at(-1);
    const card = lookupBin(payment.card.maskedNumber.slice(0, 6));
    const status = STATUS[payment.state];
    return {
      PaymentId: payment.paymentId,
      ActivityId: last?.activityId ?? 0,
      PaymentGatewayId: 12,
      PaymentGatewayName: "Test POS",
      PaymentGatewayProviderName: "TestBank",
      AnySuccessPayment: payment.state === "succeeded",
      AnySuccessRefund: payment.anyFullRefund,
      AnySuccessPartialRefund: payment.anyPartialRefund,
      AnySuccessCancel: payment.cancelledAt !== undefined,
      Status: payment.state === "succeeded",
      StatusName: status.name,
      StatusId: status.id,
      TypeName: last?.type ?? "Sale",
      TypeId: TYPE_IDS[last?.type ?? "Sale"],
      Installment: payment.installment,
      CurrencyId: payment.currencyId,
      CurrencyName: CURRENCY_NAMES[payment.currencyId] ?? null,
      PaymentMethodId: 1,
      PaymentMethodName: "Card",
      PaymentChannelId: payment.channelId,
      PaymentChannelName: CHANNELS[payment.channelId] ?? null,
      PaymentTagId: 0,
      PaymentTagName: null,
      CardNumber: payment.card.maskedNumber,
      CardOwnerName: payment.card.ownerName,
      CardBankName: card.CardBank,
      CardBrandName: card.CardBrand,
      CardTypeName: card.CardType,
      CardFamilyName: card.CardFamily,
      LastActivityDateTime: istanbulDateTime(last?.at ?? payment.createdAt),
      PaymentAmount: minorToNumber(payment.amount),
      ActivityAmount: minorToNumber(last?.amount ?? payment.amount),
      IP: payment.ip,
      AppliedInterest: false,
      InterestRate: 0,
      CommissionRate: null,
      OriginalAmount: minorToNumber(payment.amount),
      InterestAmount: 0,
      CommissionAmount: null,
      // Not a Paywall field (QueryResult.cs has only the Any* flags): the simulator's proposal so a
      // caller can know how much is left after partial refunds. See the testkit README / report.
      RefundedAmount: minorToNumber(payment.refunded),
    };
  }
}

/** x-odeme-auth.sets: set name -> { header: client option }. */
function readAuthSets(spec: LoadedSpec): Record<string, Record<string, string>> {
  const auth = spec.document["x-odeme-auth"];
  const sets = isObject(auth) && isObject(auth.sets) ? auth.sets : {};
  const out: Record<string, Record<string, string>> = {};
  for (const [name, set] of Object.entries(sets)) {
    if (!isObject(set)) continue;
    out[name] = Object.fromEntries(Object.entries(set).map(([header, option]) => [header, String(option)]));
  }
  return out;
}

/** Compares two secrets without leaking where they differ or (through the digest) their lengths. */
function constantTimeEqual(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/**
 * A money field (a JSON number, or a header's text) in kuruş. More than two decimals, or zero where
 * a positive amount is needed, is Paywall's 2 "unexpected parameters" naming the field.
 */
function amountOf(value: JsonValue | undefined, field: string, zeroAllowed = false): number {
  if (typeof value === "number" || typeof value === "string") {
    try {
      const minor = parseMinor(String(value));
      if (minor > 0 || (zeroAllowed && minor === 0)) return minor;
    } catch (error) {
      if (!(error instanceof MoneyFormatError)) throw error;
    }
  }
  throw new PaywallFailure("invalidRequest", `${field} must be a positive amount with at most two decimals`);
}

/** "2023-02-07T14:03:12": .NET DateTime in Istanbul time, as the inquiry shows it. */
function istanbulDateTime(date: Date): string {
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: PAYWALL_TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(date);
  return `${calendarDay(date, PAYWALL_TIME_ZONE)}T${time}`;
}
