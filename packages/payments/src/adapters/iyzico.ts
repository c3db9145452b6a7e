/**
 * iyzico (specs/iyzico.yaml). Refunds go through `refundV2` (an amount of the whole payment) or,
 * for one basket item, `refund` with its `paymentTransactionId`; cancel is `cancel`; lookups are
 * `retrievePayment`. The idempotency key is sent as `conversationId`, which iyzico does not
 * deduplicate (docs.iyzico.com: most services are not idempotent) but echoes on each refund of the
 * payment detail, so a lookup can tell whether a refund with this key exists.
 *
 * Refunds and cancels in the payment detail (`itemTransactions[].refunds`, `cancels`) are read
 * where present: the iyzico simulator sends them (names from iyzipay-java's payment detail), the
 * spec does not declare them yet. Without them the refunded amount is unknown, the facade leaves
 * the limits to iyzico, and a lost refund answer is reported as outcome_unknown.
 */
import {
  IyzicoClient,
  type CancelRequest,
  type IyzicoClientOptions,
  type RefundRequest,
  type RefundV2Request,
  type RetrievePaymentResponse,
} from "@odeme/iyzico";
import { precheckFailed } from "../errors.ts";
import { compare, money, moneyToJSON, subtract, type Currency, type Money } from "../money.ts";
import type { Capabilities, PaymentDetails, PaymentStatus, RefundEntry, RefundInput } from "../types.ts";
import type { JsonObject, ProviderAdapter, Reconciliation, SharedClientOptions, WritePlan } from "./adapter.ts";
import { describe, field, malformed, readAmount, readCurrency, refString, sumMoney, toDecimal } from "./wire.ts";

export interface IyzicoConfig extends IyzicoClientOptions {
  /** Language of iyzico's error messages; iyzico's default is `tr`. */
  locale?: "tr" | "en";
}

export const iyzicoCapabilities = {
  partialRefund: true,
  repeatedRefund: true,
  itemRefund: true,
  cancel: true,
  retrieve: true,
  refundedAmount: true,
  listsRefunds: true,
  lookupByMerchantReference: true,
  asyncRefund: false,
  idempotency: "lookup",
  // Read from refund lists that the spec does not declare (see the header of this file).
  unverified: ["refundedAmount", "listsRefunds"],
} as const satisfies Capabilities;

const P = "iyzico";

/** What the facade reads from a payment detail. */
interface Detail {
  currency: Currency;
  paid: Money;
  paymentStatus: string;
  items: { paymentTransactionId: string; paid: Money; refunds?: RefundEntry[] }[];
  /** Undefined when the detail carries no refund lists. */
  refunds?: RefundEntry[];
  /** Undefined when the detail carries no `cancels`. */
  cancelled?: boolean;
}

export function createIyzicoAdapter(config: IyzicoConfig, shared: SharedClientOptions): ProviderAdapter<"iyzico"> {
  const { locale, ...clientOptions } = config;
  const client = new IyzicoClient({ ...shared, ...clientOptions });
  const lang = locale !== undefined ? { locale } : {};

  async function detail(paymentId: string): Promise<Detail> {
    return readDetail(await client.retrievePayment({ paymentId, ...lang }));
  }

  function refunded(d: Detail): Money | undefined {
    return d.refunds === undefined ? undefined : sumMoney(d.refunds.map((r) => r.amount), d.currency);
  }

  return {
    provider: P,
    name: "iyzico",
    capabilities: iyzicoCapabilities,
    rejectsRepeatedKeys: false,

    async retrieve(ref) {
      const d = await detail(refString(P, "retrieve", ref, "paymentId"));
      return toDetails(d, refunded(d));
    },

    async planRefund(input: RefundInput<"iyzico">): Promise<WritePlan> {
      const paymentId = refString(P, "refund", input.payment, "paymentId");
      const itemId = input.payment.paymentTransactionId;
      if (itemId !== undefined) refString(P, "refund", input.payment, "paymentTransactionId");
      const d = await detail(paymentId);
      if (input.amount !== undefined && input.amount.currency !== d.currency) {
        throw precheckFailed(P, "refund", "invalid_request", `iyzico refund: amount is in ${input.amount.currency} but payment ${paymentId} is in ${d.currency}.`, "amount");
      }
      if (d.cancelled === true) throw precheckFailed(P, "refund", "already_cancelled", `iyzico refund: payment ${paymentId} was cancelled; there is nothing to refund.`);

      const item = itemId === undefined ? undefined : d.items.find((i) => i.paymentTransactionId === itemId);
      if (itemId !== undefined && item === undefined) {
        throw precheckFailed(P, "refund", "not_found", `iyzico refund: payment ${paymentId} has no basket item with paymentTransactionId ${describe(itemId)}.`, "payment.paymentTransactionId");
      }
      const what = item === undefined ? `payment ${paymentId}` : `basket item ${itemId}`;
      const cap = item?.paid ?? d.paid;
      const done = item === undefined ? refunded(d) : item.refunds && sumMoney(item.refunds.map((r) => r.amount), d.currency);
      // Without refund lists iyzico alone knows what is left; it refuses more than that itself.
      const left = done === undefined ? cap : subtract(cap, done);
      if (done !== undefined && left.minor <= 0n) throw precheckFailed(P, "refund", "already_refunded", `iyzico refund: ${what} is already fully refunded.`);
      const amount = input.amount ?? left;
      if (compare(amount, left) > 0) {
        throw precheckFailed(
          P,
          "refund",
          "amount_exceeds_refundable",
          `iyzico refund: ${toDecimal(amount)} ${amount.currency} is more than the ${toDecimal(left)} ${d.currency} left to refund on ${what}.`,
          "amount",
        );
      }
      const currency = d.currency as RefundV2Request["currency"];
      const request: RefundRequest | RefundV2Request =
        itemId !== undefined
          ? { paymentTransactionId: itemId, price: toDecimal(amount), currency, ...lang, ...(input.description !== undefined ? { description: input.description } : {}) }
          : { paymentId, price: toDecimal(amount), currency, ...lang };
      return {
        providerOperation: itemId !== undefined ? "refund" : "refundV2",
        request: request as JsonObject,
        amount: moneyToJSON(amount),
        // The payment's total, whatever was refunded from: reconcile compares totals.
        snapshot: { paymentId, refunded: refunded(d)?.minor.toString() ?? null },
      };
    },

    async planCancel(input) {
      const paymentId = refString(P, "cancel", input.payment, "paymentId");
      const d = await detail(paymentId);
      if (d.cancelled === true) throw precheckFailed(P, "cancel", "already_cancelled", `iyzico cancel: payment ${paymentId} is already cancelled.`);
      const done = refunded(d);
      if (done !== undefined && done.minor > 0n) {
        throw precheckFailed(P, "cancel", "already_refunded", `iyzico cancel: payment ${paymentId} has refunds, and iyzico cannot cancel it any more; refund what is left instead.`);
      }
      const request: CancelRequest = { paymentId, ...lang, ...(input.description !== undefined ? { description: input.description } : {}) };
      return { providerOperation: "cancel", request: request as JsonObject, amount: moneyToJSON(d.paid), snapshot: { paymentId } };
    },

    async send(operation, plan, key) {
      const body = { ...plan.request, conversationId: key };
      if (operation === "cancel") await client.cancel(body as CancelRequest);
      else if (plan.providerOperation === "refund") await client.refund(body as RefundRequest);
      else await client.refundV2(body as RefundV2Request);
      return { status: "succeeded" };
    },

    async reconcile(operation, plan, key): Promise<Reconciliation> {
      const paymentId = String(field(plan.snapshot, "paymentId"));
      const d = await detail(paymentId);
      if (operation === "cancel") {
        if (d.cancelled === undefined) return { state: "unknown", how: unlisted("cancels", paymentId, key) };
        return d.cancelled ? { state: "applied", status: "succeeded" } : { state: "not_applied" };
      }
      if (d.refunds === undefined) return { state: "unknown", how: unlisted("refunds", paymentId, key) };
      if (d.refunds.some((r) => r.reference === key)) return { state: "applied", status: "succeeded" };
      const before = field(plan.snapshot, "refunded");
      if (typeof before === "string" && refunded(d)?.minor.toString() === before) return { state: "not_applied" };
      return {
        state: "unknown",
        how: `Payment ${paymentId} has new refunds, but none carries conversationId "${key}"; check them in the iyzico merchant panel before refunding again.`,
      };
    },
  };
}

function unlisted(what: string, paymentId: string, key: string): string {
  return `iyzico's payment detail lists no ${what} for payment ${paymentId}; check the iyzico merchant panel for one with conversationId "${key}" before trying again.`;
}

function readDetail(r: RetrievePaymentResponse): Detail {
  const currency = readCurrency(P, "retrievePayment", r.currency ?? "TRY");
  const amount = (v: unknown, name: string) => readAmount(P, "retrievePayment", v, currency, name);
  const paid = amount(r.paidPrice ?? r.price, "paidPrice");
  if (paid === undefined) throw malformed(P, "retrievePayment", "the payment has no paidPrice");
  const items = (r.itemTransactions ?? []).map((item, i) => {
    const list = field(item, "refunds");
    return {
      paymentTransactionId: String(item.paymentTransactionId),
      paid: amount(item.paidPrice ?? item.price, `itemTransactions[${i}].paidPrice`) ?? paid,
      ...(Array.isArray(list)
        ? {
            refunds: list.map((x, j): RefundEntry => {
              const at = `itemTransactions[${i}].refunds[${j}]`;
              const value = amount(field(x, "refundPrice"), `${at}.refundPrice`);
              if (value === undefined) throw malformed(P, "retrievePayment", `${at} has no refundPrice`);
              return entry(value, x, String(item.paymentTransactionId));
            }),
          }
        : {}),
    };
  });
  const listed = items.length > 0 && items.every((i) => i.refunds !== undefined);
  const cancels = field(r, "cancels");
  return {
    currency,
    paid,
    paymentStatus: r.paymentStatus ?? "",
    items,
    ...(listed ? { refunds: items.flatMap((i) => i.refunds ?? []) } : {}),
    ...(Array.isArray(cancels) ? { cancelled: cancels.length > 0 } : {}),
  };
}

function entry(amount: Money, x: unknown, paymentTransactionId: string): RefundEntry {
  const id = field(x, "refundTxId");
  const reference = field(x, "refundConversationId");
  const createdAt = field(x, "createdDate");
  return {
    amount,
    paymentTransactionId,
    ...(id !== undefined ? { refundId: String(id) } : {}),
    ...(typeof reference === "string" ? { reference } : {}),
    ...(typeof createdAt === "string" ? { createdAt } : {}),
  };
}

function toDetails(d: Detail, done: Money | undefined): PaymentDetails<"iyzico"> {
  const base: PaymentStatus = STATUS[d.paymentStatus] ?? "pending";
  const status: PaymentStatus =
    d.cancelled === true
      ? "cancelled"
      : base === "succeeded" && done !== undefined && done.minor > 0n
        ? compare(done, d.paid) >= 0
          ? "refunded"
          : "partially_refunded"
        : base;
  return {
    provider: P,
    status,
    providerStatus: d.paymentStatus,
    amount: d.paid,
    ...(done !== undefined ? { refundedAmount: done, refundableAmount: d.cancelled === true ? money(0n, d.currency) : subtract(d.paid, done) } : {}),
    ...(d.refunds !== undefined ? { refunds: d.refunds } : {}),
  };
}

/** iyzico paymentStatus (dev.iyzipay.com payment result); anything else defaults to pending. */
const STATUS: Record<string, PaymentStatus> = {
  SUCCESS: "succeeded",
  FAILURE: "failed",
  INIT_THREEDS: "requires_action",
  CALLBACK_THREEDS: "requires_action",
  BKM_POS_SELECTED: "requires_action",
  CALLBACK_PECCO: "requires_action",
};
