/**
 * iyzico (specs/iyzico.yaml). Refunds go through `refundV2` (an amount of the whole payment) or,
 * for one basket item, `refund` with its `paymentTransactionId`; cancel is `cancel`. The idempotency
 * key is sent as `conversationId`, which iyzico does not deduplicate (docs.iyzico.com: most services
 * are not idempotent) but records on each refund and cancel.
 *
 * Refund and cancel lists come from the reporting detail, GET /v2/reporting/payment/details
 * (`retrieveReportingPaymentDetail`; iyzipay-java `ReportingPaymentDetail`, models `PaymentDetail`,
 * `PaymentTxDetail.refunds` = `RefundTxDetail`, `PaymentDetail.cancels` = `RefundDetail`): every
 * refund of every basket item with its `refundConversationId`, every cancel with its
 * `cancelConversationId`, failed ones with `errorCode`. POST /payment/detail has no such lists; it is
 * read only for the payment status word (`retrieve`).
 *
 * Money safety, from those lists:
 * - a write is "applied" only when a successful refund (cancel) carries this key as its
 *   conversation id and, for a refund, those entries add up to the planned amount;
 * - "not applied" only when the payment shows no change at all since the plan: the same refund and
 *   cancel entries (ids, failed ones included) and the same refunded total;
 * - anything else is outcome_unknown with what to check;
 * - the planning read looks for the key first: a refund or cancel already made under it (a crash
 *   lost the store's record) is returned as already applied, and nothing is sent.
 * "Successful" means no `errorCode`/`errorGroup` on the entry: the numeric `refundStatus` has no
 * documented values, so it is never read.
 */
import {
  iyzicoProvider,
  IyzicoClient,
  type CancelRequest,
  type IyzicoClientOptions,
  type RefundRequest,
  type RefundV2Request,
} from "@odeme/iyzico";
import { precheckFailed } from "../../errors.ts";
import { compare, money, moneyToJSON, subtract } from "../../money.ts";
import type { PaymentDetails, PaymentStatus, RefundEntry, RefundInput } from "../../types.ts";
import type { JsonObject, ProviderAdapter, ProviderModule, Reconciliation, SharedClientOptions, WritePlan } from "../adapter.ts";
import { paymentDetails, refundAmount, statusOf } from "../refund.ts";
import { describe, planAmount, refString, sumMoney, toDecimal } from "../wire.ts";
import { iyzicoCapabilities } from "./capabilities.ts";
import { iyzicoInput } from "./input.ts";
import { iyzicoWebhook, type IyzicoWebhookEvent } from "./webhook.ts";
import { readReport, refundedTotal, snapshotOf, succeeded, unchanged, type Detail, type Listed, type Snapshot } from "./references.ts";

export interface IyzicoConfig extends IyzicoClientOptions {
  /** Language of iyzico's error messages; iyzico's default is `tr`. */
  locale?: "tr" | "en";
}

const P = "iyzico";

export function createIyzicoAdapter(config: IyzicoConfig, shared: SharedClientOptions): ProviderAdapter<"iyzico"> {
  const { locale, ...clientOptions } = config;
  const client = new IyzicoClient({ ...shared, ...clientOptions });
  const lang = locale !== undefined ? { locale } : {};

  async function report(paymentId: string): Promise<Detail> {
    return readReport(paymentId, await client.retrieveReportingPaymentDetail({ query: { paymentId, ...lang } }));
  }

  return {
    provider: P,
    name: "iyzico",
    capabilities: iyzicoCapabilities,
    rejectsRepeatedKeys: false,

    async retrieve(ref) {
      const paymentId = refString(P, "retrieve", ref, "paymentId");
      // The status word is /payment/detail's (the reporting detail's numeric paymentStatus has no
      // documented values); read first, so a failing lookup stops before the second request.
      const status = (await client.retrievePayment({ paymentId, ...lang })).paymentStatus ?? "";
      return toDetails(status, await report(paymentId));
    },

    async planRefund(input: RefundInput<"iyzico">, idempotencyKey: string): Promise<WritePlan> {
      const paymentId = refString(P, "refund", input.payment, "paymentId");
      const itemId = input.payment.paymentTransactionId;
      if (itemId !== undefined) refString(P, "refund", input.payment, "paymentTransactionId");
      const d = await report(paymentId);
      const providerOperation = itemId !== undefined ? "refund" : "refundV2";
      const snapshot = snapshotOf(d);

      // Before any check: a refund already made under this key must be returned, not refused as
      // "nothing left to refund", and never sent again.
      const mine = succeeded(d.refunds).filter((r) => r.reference === idempotencyKey);
      if (mine.length > 0) {
        const done = sumMoney(
          mine.map((r) => r.amount),
          d.currency,
        );
        return {
          providerOperation,
          request: {},
          amount: moneyToJSON(done),
          snapshot,
          alreadyApplied: { status: "succeeded", ...(mine[0] ? { refundId: mine[0].id } : {}) },
        };
      }

      const item = itemId === undefined ? undefined : d.items.find((i) => i.paymentTransactionId === itemId);
      // Without refund lists iyzico alone knows what is left; it refuses more than that itself.
      const refunded = refundedTotal(item === undefined ? d.refunds : item.refunds, d.currency);
      const amount = refundAmount(
        {
          provider: P,
          name: "iyzico",
          subject: `payment ${paymentId}`,
          ...(item !== undefined ? { part: `basket item ${itemId}` } : {}),
          currency: d.currency,
          paid: item?.paid ?? d.paid,
          ...(refunded !== undefined ? { refunded } : {}),
          ...(succeeded(d.cancels).length > 0 ? { cancelled: "was cancelled" } : {}),
          refusals: [
            () =>
              itemId !== undefined && item === undefined
                ? precheckFailed(
                    P,
                    "refund",
                    "not_found",
                    `iyzico refund: payment ${paymentId} has no basket item with paymentTransactionId ${describe(itemId)}.`,
                    "payment.paymentTransactionId",
                  )
                : undefined,
          ],
        },
        input.amount,
      );
      const currency = d.currency as RefundV2Request["currency"];
      const request: RefundRequest | RefundV2Request =
        itemId !== undefined
          ? {
              paymentTransactionId: itemId,
              price: toDecimal(amount),
              currency,
              ...lang,
              ...(input.description !== undefined ? { description: input.description } : {}),
            }
          : { paymentId, price: toDecimal(amount), currency, ...lang };
      return { providerOperation, request: request as JsonObject, amount: moneyToJSON(amount), snapshot };
    },

    async planCancel(input, idempotencyKey) {
      const paymentId = refString(P, "cancel", input.payment, "paymentId");
      const d = await report(paymentId);
      const snapshot = snapshotOf(d);
      const cancels = succeeded(d.cancels);
      const mine = cancels.find((c) => c.reference === idempotencyKey);
      if (mine !== undefined) {
        return {
          providerOperation: "cancel",
          request: {},
          amount: moneyToJSON(mine.amount),
          snapshot,
          alreadyApplied: { status: "succeeded" },
        };
      }
      if (cancels.length > 0)
        throw precheckFailed(P, "cancel", "already_cancelled", `iyzico cancel: payment ${paymentId} is already cancelled.`);
      const done = refundedTotal(d.refunds, d.currency);
      if (done !== undefined && done.minor > 0n) {
        throw precheckFailed(
          P,
          "cancel",
          "already_refunded",
          `iyzico cancel: payment ${paymentId} has refunds, and iyzico cannot cancel it any more; refund what is left instead.`,
        );
      }
      const request: CancelRequest = { paymentId, ...lang, ...(input.description !== undefined ? { description: input.description } : {}) };
      return { providerOperation: "cancel", request: request as JsonObject, amount: moneyToJSON(d.paid), snapshot };
    },

    async send(operation, plan, key) {
      const body = { ...plan.request, conversationId: key };
      if (operation === "cancel") await client.cancel(body as CancelRequest);
      else if (plan.providerOperation === "refund") await client.refund(body as RefundRequest);
      else await client.refundV2(body as RefundV2Request);
      return { status: "succeeded" };
    },

    async reconcile(operation, plan, key): Promise<Reconciliation> {
      const before = plan.snapshot as unknown as Snapshot;
      const paymentId = before.paymentId;
      const d = await report(paymentId);
      const list = operation === "cancel" ? d.cancels : d.refunds;
      const what = operation === "cancel" ? "cancel" : "refund";
      if (list === undefined) {
        return {
          state: "unknown",
          how: `iyzico's reporting detail lists no ${what}s for payment ${paymentId}; check the iyzico merchant panel for a ${what} with conversationId "${key}" before trying again.`,
        };
      }
      const mine = succeeded(list).filter((r) => r.reference === key);
      const expected = planAmount(plan);
      if (mine.length > 0) {
        const total = sumMoney(
          mine.map((r) => r.amount),
          d.currency,
        );
        // A cancel gives back the whole payment; a refund must add up to what was asked, or part of
        // it may have failed (v2 spreads an amount over the items).
        if (operation === "cancel" || expected === undefined || compare(total, expected) === 0) {
          return { state: "applied", status: "succeeded", ...(mine[0] ? { refundId: mine[0].id } : {}) };
        }
        return {
          state: "unknown",
          how: `iyzico lists refunds with conversationId "${key}" on payment ${paymentId} for ${toDecimal(total)} ${d.currency}, not the ${toDecimal(expected)} ${expected.currency} asked; check them in the iyzico merchant panel before refunding again.`,
        };
      }
      if (unchanged(before, d)) return { state: "not_applied" };
      const failedMine = list.find((r) => r.reference === key && r.failed !== undefined);
      if (failedMine !== undefined) {
        return {
          state: "unknown",
          how: `iyzico lists a failed ${what} with conversationId "${key}" on payment ${paymentId} (${failedMine.failed}); check the iyzico merchant panel that no other ${what} went through before trying again with a new key.`,
        };
      }
      return {
        state: "unknown",
        how: `Payment ${paymentId} changed since the ${what} was planned, but no successful ${what} carries conversationId "${key}"; check the iyzico merchant panel before trying again.`,
      };
    },
  };
}

function toDetails(paymentStatus: string, d: Detail): PaymentDetails<"iyzico"> {
  const done = refundedTotal(d.refunds, d.currency);
  const cancelled = succeeded(d.cancels).length > 0;
  const base = statusOf(STATUS, paymentStatus);
  const status: PaymentStatus = cancelled
    ? "cancelled"
    : base === "succeeded" && done !== undefined && done.minor > 0n
      ? compare(done, d.paid) >= 0
        ? "refunded"
        : "partially_refunded"
      : base;
  return paymentDetails(P, {
    status,
    providerStatus: paymentStatus,
    amount: d.paid,
    refundedAmount: done,
    refundableAmount: done === undefined ? undefined : cancelled ? money(0n, d.currency) : subtract(d.paid, done),
    refunds: d.refunds === undefined ? undefined : succeeded(d.refunds).map(toEntry),
  });
}

function toEntry(r: Listed): RefundEntry {
  return {
    amount: r.amount,
    refundId: r.id,
    ...(r.reference !== undefined ? { reference: r.reference } : {}),
    ...(r.paymentTransactionId !== undefined ? { paymentTransactionId: r.paymentTransactionId } : {}),
    ...(r.createdAt !== undefined ? { createdAt: r.createdAt } : {}),
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

/** iyzico as the registry lists it: its generated definition, capabilities, adapter and webhook check. */
export const iyzico = {
  id: "iyzico",
  definition: iyzicoProvider,
  capabilities: iyzicoCapabilities,
  input: iyzicoInput,
  createAdapter: createIyzicoAdapter,
  webhook: iyzicoWebhook,
} as const satisfies ProviderModule<"iyzico", IyzicoConfig, IyzicoWebhookEvent>;
