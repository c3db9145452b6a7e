/**
 * What each DineroPay operation does, and the behaviour the shared server runs: hash check, schema
 * rejections and every rule as DineroPay's 400, but a declined void as its documented HTTP 200
 * `{status: "FAIL", payment_status, reason, ...}`.
 */
import type { SimulatorClock } from "../../clock.ts";
import { dispatch, type Handler } from "../../kit/behaviour.ts";
import { ProviderFailure } from "../../kit/failure.ts";
import type { ProviderBehaviour } from "../../server.ts";
import { isObject } from "../../spec.ts";
import { authenticate, type DineroPayCredentials } from "./auth.ts";
import { dineroPayFailure, dineroPayReason } from "./errors.ts";
import { positiveAmount } from "./input.ts";
import type { DineroPayLedger, DineroPayPayment } from "./ledger.ts";
import { dateTime, notFound, order, paymentStatus, rejection } from "./replies.ts";

export interface DineroPayState {
  credentials: DineroPayCredentials;
  clock: SimulatorClock;
  ledger: DineroPayLedger;
}

export function dineroPayBehaviour(state: DineroPayState): ProviderBehaviour {
  const { credentials, clock, ledger } = state;

  const handlers: Record<string, Handler> = {
    createSession(body, req) {
      const o = isObject(body.order) ? body.order : {};
      const customer = isObject(body.customer) ? body.customer : undefined;
      const payment = ledger.createPayment({
        amount: positiveAmount(o.amount, "order.amount"),
        currency: String(o.currency),
        orderNumber: String(o.number),
        description: String(o.description),
        status: "prepare",
        createdAt: clock.now(),
        ...(customer
          ? {
              customer: {
                ...(typeof customer.name === "string" ? { name: customer.name } : {}),
                ...(typeof customer.email === "string" ? { email: customer.email } : {}),
              },
            }
          : {}),
        ...(body.recurring_init === true ? { recurring: true } : {}),
        ...(typeof body.schedule_id === "string" ? { scheduleId: body.schedule_id } : {}),
      });
      const host = req.headers.host ?? "127.0.0.1";
      return { applied: true, body: { redirect_url: `http://${host}/auth/${payment.paymentId}` } };
    },

    getPaymentStatus(body) {
      const payment = typeof body.payment_id === "string" ? ledger.find(body.payment_id) : ledger.findByOrder(String(body.order_id));
      return { applied: true, body: paymentStatus(payment, ledger) };
    },

    refund(body) {
      const amount = body.amount === undefined ? undefined : positiveAmount(body.amount, "amount");
      const refund = ledger.refund(String(body.payment_id), amount);
      return { applied: true, body: { payment_id: refund.paymentId, result: "accepted" } };
    },

    void(body) {
      // An unknown payment is a 400 like any other request; a payment that cannot be voided is
      // DineroPay's documented declined void: HTTP 200, status FAIL, payment_status unchanged, a
      // reason (Algol22/gitbook §Void, "Example Response: Void failed").
      const target = ledger.find(String(body.payment_id));
      let payment: DineroPayPayment;
      try {
        payment = ledger.void(target.paymentId);
      } catch (error) {
        if (!(error instanceof ProviderFailure)) throw error;
        return {
          applied: false,
          body: {
            status: "FAIL",
            payment_status: target.status,
            payment_id: target.paymentId,
            date: dateTime(clock.now()),
            reason: dineroPayReason(error),
            order: order(target),
          },
        };
      }
      return {
        applied: true,
        body: {
          status: "SUCCESS",
          payment_status: "void",
          payment_id: payment.paymentId,
          date: dateTime(payment.voidedAt ?? clock.now()),
          reason: null,
          order: order(payment),
        },
      };
    },

    recurring(body) {
      const o = isObject(body.order) ? body.order : {};
      const payment = ledger.recurring(
        String(body.recurring_init_trans_id),
        String(body.recurring_token),
        { number: String(o.number), amount: positiveAmount(o.amount, "order.amount"), description: String(o.description) },
        typeof body.schedule_id === "string" ? body.schedule_id : undefined,
      );
      return {
        applied: true,
        body: {
          status: "settled",
          payment_id: payment.paymentId,
          reason: null,
          date: dateTime(payment.createdAt),
          schedule_id: payment.scheduleId ?? null,
          order: order(payment),
        },
      };
    },
  };

  const handle = dispatch(handlers, {
    unhandled: (req) => {
      throw dineroPayFailure("operation", "asGiven", `${req.operation.operationId} is not simulated`);
    },
    failure: rejection,
  });

  return {
    notFound,
    authenticate: (req) => authenticate(req, credentials),
    invalidRequest: (_req, issue) => rejection(dineroPayFailure(issue.field, "asGiven", issue.reason)),
    handle(req) {
      // Refunds settle by the simulator clock; every request first settles those that are due.
      ledger.settleDue();
      return handle(req);
    },
  };
}
