/**
 * The DineroPay simulator: specs/dineropay.yaml served over HTTP, every body's `hash` verified as
 * DineroPay does (sha1(md5hex(UPPER(fields + password))) over the operation's x-odeme-hash-fields),
 * a ledger behind sessions, status, asynchronous refunds, void and recurring charges, and
 * DineroPay's HTTP 400 `{error_code: 0, error_message, errors[]}` for every rejection but a
 * declined void, which is HTTP 200 `{status: "FAIL", payment_status, reason, ...}` as documented.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { calendarDay, createClock, type SimulatorClock } from "../../clock.ts";
import { formatMinor, MoneyFormatError, parseMinor } from "../../money.ts";
import { createSimulatorServer, type HandledReply, type ProviderBehaviour, type RoutedRequest, type SimReply } from "../../server.ts";
import type { Simulator } from "../../simulator.ts";
import { isObject, loadSpec, type JsonObject, type JsonValue, type LoadedSpec } from "../../spec.ts";
import { DINEROPAY_MESSAGES as M, DineroPayFailure, errorBody } from "./errors.ts";
import { dineroPayHash, hashFieldValue, hashMatches } from "./hash.ts";
import { DINEROPAY_TIME_ZONE, DineroPayLedger, type DineroPayLedgerView, type DineroPayPayment, type DineroPayStatus } from "./ledger.ts";

/** Named as the generated client's options (createDineroPayClient). */
export interface DineroPayCredentials {
  merchantKey: string;
  password: string;
}

/** The credentials the simulator accepts unless told otherwise (also printed by the CLI). */
export const DINEROPAY_SANDBOX_CREDENTIALS: Readonly<DineroPayCredentials> = {
  merchantKey: "5d1c7a2e-9b34-4f0a-8e61-sim000000001",
  password: "sim-dineropay-password",
};

/** Default delay between a refund's "accepted" and its settlement, on the simulator clock. */
export const DEFAULT_REFUND_SETTLE_MS = 5_000;

export interface DineroPaySimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  credentials?: DineroPayCredentials;
  /** Freezes the clock at this time; default: follow real time. */
  now?: Date;
  /**
   * How long after the request a refund settles, measured on the simulator clock (default 5 000).
   * With a frozen clock refunds stay pending until `clock.advance` passes it or `settleRefunds()`;
   * `Infinity` leaves them pending until `settleRefunds()`.
   */
  refundSettleMs?: number;
  /** Serve this spec instead of specs/dineropay.yaml. */
  spec?: LoadedSpec;
}

export interface SeedDineroPayPaymentInput {
  /** Major units, e.g. "100.00". */
  amount: string | number;
  /** Default "TRY". */
  currency?: string;
  /** The merchant's order.number; default a fresh "sim-order-N". */
  orderNumber?: string;
  description?: string;
  /** When the payment was made (and settled); default the simulator clock's now. */
  date?: Date;
  /** Default "settled". */
  status?: DineroPayStatus;
  /** Issue a recurring_token, as a session with recurring_init: true does. */
  recurring?: boolean;
}

export interface SeededDineroPayPayment {
  /** DineroPay's payment_id (a UUID). */
  paymentId: string;
  orderNumber: string;
  /** Major units with two decimals, e.g. "100.00". */
  amount: string;
  currency: string;
  status: DineroPayStatus;
  /** Set when seeded with recurring: true. */
  recurringToken?: string;
}

export interface DineroPaySimulator extends Simulator {
  readonly credentials: Readonly<DineroPayCredentials>;
  /** Read access to payments and refunds (minor units); reading settles refunds that are due. */
  readonly ledger: DineroPayLedgerView;
  /** Records a payment, settled unless told otherwise. */
  seedPayment(input: SeedDineroPayPaymentInput): SeededDineroPayPayment;
  /** Settles every pending refund now; returns how many settled. */
  settleRefunds(): number;
  /** Ends a checkout session (status prepare) as the payer would: settled (default) or decline. */
  completeSession(paymentId: string, status?: "settled" | "decline"): void;
}

/** Starts a DineroPay simulator on 127.0.0.1. */
export async function startDineroPaySimulator(options: DineroPaySimulatorOptions = {}): Promise<DineroPaySimulator> {
  const credentials = { ...(options.credentials ?? DINEROPAY_SANDBOX_CREDENTIALS) };
  const refundSettleMs = options.refundSettleMs ?? DEFAULT_REFUND_SETTLE_MS;
  if (!(refundSettleMs >= 0)) throw new RangeError("refundSettleMs must be >= 0 (or Infinity)");
  const clock = createClock(options.now);
  const ledger = new DineroPayLedger(clock, refundSettleMs);
  const spec = options.spec ?? loadSpec("dineropay");
  const server = await createSimulatorServer({
    spec,
    behaviour: dineroPayBehaviour({ credentials, clock, ledger }),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return {
    provider: "dineropay",
    url: server.url,
    credentials,
    clock,
    faults: server.faults,
    requests: server.requests,
    ledger,
    seedPayment: (input) => seed(ledger, clock, input),
    settleRefunds: () => ledger.settleAll(),
    completeSession(paymentId, status = "settled") {
      ledger.complete(paymentId, status, clock.now());
    },
    close: () => server.close(),
  };
}

function seed(ledger: DineroPayLedger, clock: SimulatorClock, input: SeedDineroPayPaymentInput): SeededDineroPayPayment {
  let amount: number;
  try {
    amount = parseMinor(String(input.amount));
  } catch (error) {
    throw new RangeError(`seedPayment: amount ${error instanceof Error ? error.message : ""}`);
  }
  if (amount <= 0) throw new RangeError("seedPayment: amount must be positive");
  if (input.currency !== undefined && !/^[A-Z]{3}$/.test(input.currency)) throw new RangeError(`seedPayment: currency "${input.currency}" is not ISO 4217`);
  const payment = ledger.createPayment({
    amount,
    createdAt: input.date ?? clock.now(),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    ...(input.orderNumber !== undefined ? { orderNumber: input.orderNumber } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.recurring ? { recurring: true } : {}),
  });
  return {
    paymentId: payment.paymentId,
    orderNumber: payment.orderNumber,
    amount: formatMinor(payment.amount, 2),
    currency: payment.currency,
    status: payment.status,
    ...(payment.recurringToken !== undefined ? { recurringToken: payment.recurringToken } : {}),
  };
}

interface State {
  credentials: DineroPayCredentials;
  clock: SimulatorClock;
  ledger: DineroPayLedger;
}

function dineroPayBehaviour(state: State): ProviderBehaviour {
  const { credentials, clock, ledger } = state;

  const rejection = (failures: readonly { field: string; reason: string }[], status = 400): SimReply => ({ status, body: errorBody(failures) });

  const order = (p: DineroPayPayment): JsonObject => ({
    number: p.orderNumber,
    amount: formatMinor(p.amount, 2),
    currency: p.currency,
    description: p.description,
  });

  const statusOf = (p: DineroPayPayment): JsonObject => {
    const { settled } = ledger.refundTotals(p);
    return {
      payment_id: p.paymentId,
      date: dateTime(p.createdAt),
      status: p.status,
      reason: p.reason,
      recurring_token: p.recurringToken ?? null,
      shedule_id: p.scheduleId ?? null,
      order: order(p),
      customer: { ...(p.customer?.name !== undefined ? { name: p.customer.name } : {}), ...(p.customer?.email !== undefined ? { email: p.customer.email } : {}) },
      digital_wallet: null,
      // Not a DineroPay field: the simulator's proposal so a caller can tell a partial refund from a
      // full one (the status only says "refund"). Settled refunds only, like the status.
      refunded_amount: formatMinor(settled, 2),
    };
  };

  const handlers: Record<string, (body: JsonObject, req: RoutedRequest) => HandledReply> = {
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
      return { applied: true, body: statusOf(payment) };
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
        if (!(error instanceof DineroPayFailure)) throw error;
        return {
          applied: false,
          body: { status: "FAIL", payment_status: target.status, payment_id: target.paymentId, date: dateTime(clock.now()), reason: error.reason, order: order(target) },
        };
      }
      return {
        applied: true,
        body: { status: "SUCCESS", payment_status: "void", payment_id: payment.paymentId, date: dateTime(payment.voidedAt ?? clock.now()), reason: null, order: order(payment) },
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
        body: { status: "settled", payment_id: payment.paymentId, reason: null, date: dateTime(payment.createdAt), schedule_id: payment.scheduleId ?? null, order: order(payment) },
      };
    },
  };

  return {
    notFound: () => ({ status: 404, body: { error_code: 404, error_message: "Not found." } }),

    authenticate(req) {
      // A body that is not a JSON object is the schema's problem (answered by invalidRequest).
      if (!isObject(req.body)) return undefined;
      const fields = req.operation.raw["x-odeme-hash-fields"];
      const names = Array.isArray(fields) ? fields.map(String) : [];
      const knownMerchant = typeof req.body.merchant_key === "string" && constantTimeEqual(req.body.merchant_key, credentials.merchantKey);
      // The hash is computed even for an unknown merchant so both failures take the same time.
      const expected = dineroPayHash(names.map((n) => hashFieldValue(req.body, n)), credentials.password);
      const hashOk = hashMatches(req.body.hash, expected);
      if (knownMerchant && hashOk) return undefined;
      // Akurateco answers an unknown key the same way: the hash cannot be valid for it.
      return {
        ...rejection([{ field: "hash", reason: M.hashInvalid }]),
        headers: { "x-simulator-reason": knownMerchant ? "hash mismatch" : "unknown merchant_key" },
      };
    },

    invalidRequest(_req, issue) {
      return rejection([{ field: issue.field, reason: issue.reason }]);
    },

    handle(req) {
      ledger.settleDue();
      const handler = handlers[req.operation.operationId];
      try {
        if (!handler) throw new DineroPayFailure("operation", `${req.operation.operationId} is not simulated`);
        return handler(isObject(req.body) ? req.body : {}, req);
      } catch (error) {
        if (error instanceof DineroPayFailure) return { ...rejection([{ field: error.field, reason: error.reason }], error.status), applied: false };
        throw error;
      }
    },
  };
}

function constantTimeEqual(a: string, b: string): boolean {
  // Digests of both, so neither the length nor the first differing byte shows in the timing.
  return timingSafeEqual(createHash("sha256").update(a, "utf8").digest(), createHash("sha256").update(b, "utf8").digest());
}

/** A decimal string (or number) amount > 0 in minor units, or DineroPay's 400 on `field`. */
function positiveAmount(value: JsonValue | undefined, field: string): number {
  if (typeof value === "string" || typeof value === "number") {
    try {
      const minor = parseMinor(String(value));
      if (minor > 0) return minor;
      throw new DineroPayFailure(field, M.amountNotPositive);
    } catch (error) {
      if (!(error instanceof MoneyFormatError)) throw error;
    }
  }
  throw new DineroPayFailure(field, "The amount format is invalid.");
}

/** "YYYY-MM-DD hh:mm:ss" (DineroPay's format), in the simulator's financial-day time zone. */
function dateTime(date: Date): string {
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: DINEROPAY_TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(date);
  return `${calendarDay(date, DINEROPAY_TIME_ZONE)} ${time}`;
}
