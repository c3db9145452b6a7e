/**
 * What each Paywall operation does (both hosts' paths on one server), and the behaviour the shared
 * server runs: the header pair of the operation's set, schema rejections and every rule as
 * Paywall's 2 / rule codes in its HTTP 200 envelope.
 */
import type { SimulatorClock } from "../../clock.ts";
import { dispatch, type Handler } from "../../kit/behaviour.ts";
import { formatMinor, minorToNumber } from "../../money.ts";
import type { HandledReply, ProviderBehaviour, RoutedRequest } from "../../server.ts";
import { isObject, type JsonObject, type LoadedSpec } from "../../spec.ts";
import { authenticate, readAuthSets, type PaywallCredentials } from "./auth.ts";
import { COMMISSION_BASIS_POINTS, INSTALLMENT_PLANS, lookupBin } from "./catalog.ts";
import { paywallFailure } from "./errors.ts";
import { amountOf } from "./input.ts";
import type { PaymentRef, PaywallLedger } from "./ledger.ts";
import { envelope, failure, inquiry, ok, operationResult } from "./replies.ts";

export interface PaywallState {
  spec: LoadedSpec;
  credentials: PaywallCredentials;
  clock: SimulatorClock;
  ledger: PaywallLedger;
}

export function paywallBehaviour(state: PaywallState): ProviderBehaviour {
  const { spec, credentials, clock, ledger } = state;
  const authSets = readAuthSets(spec);

  const startPayment = (body: JsonObject, req: RoutedRequest, threeD: boolean): HandledReply => {
    const detail = isObject(body.PaymentDetail) ? body.PaymentDetail : {};
    const amount = amountOf(detail.Amount, "PaymentDetail.Amount");
    const products = Array.isArray(body.Products) ? body.Products.filter(isObject) : [];
    const productTotal = products.reduce((sum, p, i) => sum + amountOf(p.ProductAmount, `Products[${i}].ProductAmount`, true), 0);
    if (productTotal !== amount) {
      throw paywallFailure("productTotalMismatch", `${formatMinor(productTotal, 2)} != ${formatMinor(amount, 2)}`);
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

  const handlers: Record<string, Handler> = {
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
      if (!ref) throw paywallFailure("invalidRequest", "UniqueCode or MerchantUniqueCode is required");
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
    notFound: (req) => failure(paywallFailure("routeNotFound", `${req.method} ${req.path}`), 404),
    authenticate: (req) => authenticate(req, authSets, credentials),
    invalidRequest: (_req, issue) => failure(paywallFailure("invalidRequest", `${issue.field} ${issue.reason}`)),
    handle: dispatch(handlers, {
      unhandled: (req) => {
        throw paywallFailure("invalidRequest", `${req.operation.operationId} is not simulated`);
      },
      failure: (error) => failure(error),
    }),
  };
}
