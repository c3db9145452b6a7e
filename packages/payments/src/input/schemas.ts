/**
 * One schema per input (refund, cancel, retrieve) per provider. Each reference field lists the
 * spec request fields its value is passed to, by `operation.body|header.field` of the generated
 * constraints table, so the checks follow the specs: a new maxLength or pattern in a spec applies
 * here at the next `pnpm generate`. What the specs do not say (no maximum for an id, free text)
 * gets the facade's bounds from rules.ts, named as such.
 */
import { dineropayRequestConstraints } from "@odeme/dineropay";
import { iyzicoRequestConstraints } from "@odeme/iyzico";
import { parolapayRequestConstraints } from "@odeme/parolapay";
import { paywallRequestConstraints } from "@odeme/paywall";
import { sipayWalletRequestConstraints } from "@odeme/sipay-wallet";
import type { Money } from "../money.ts";
import type { ProviderId } from "../types.ts";
import { render } from "./render.ts";
import { amount, freeText, referenceInteger, referenceString, reject, specField, type Rule, type SpecSource, type Where } from "./rules.ts";

/** One way of naming a payment: the key that selects it, and every key it takes. */
export interface Variant {
  by: string;
  required: Readonly<Record<string, Rule>>;
  optional?: Readonly<Record<string, Rule>>;
  /** Set when this way exists but the operation cannot use it: the `unsupported` message. */
  unsupported?: string;
}

export interface OperationSchema {
  /** The ways to name the payment; exactly one may be used. */
  payment: readonly Variant[];
  /** Payment keys the provider cannot do at all for this operation (capabilities), with the message. */
  unsupportedKeys?: Readonly<Record<string, string>>;
  /** Hints for keys that are not inputs of this operation, top level and in `payment`. */
  hints?: Readonly<Record<string, string>>;
  paymentHints?: Readonly<Record<string, string>>;
  /** Refunds only. */
  amount?: (at: Where, field: string, value: unknown) => Money;
  description: Rule;
  /** Default: FACADE_KEY. */
  idempotencyKey?: Rule;
}

export interface ProviderSchemas {
  name: string;
  refund: OperationSchema;
  /** Absent: the provider has no cancel (the facade says `unsupported`). */
  cancel?: OperationSchema;
  retrieve: OperationSchema;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/**
 * The caller's idempotency key: 1 to 128 visible ASCII characters (the facade's rule, so a key
 * fits every provider's reference field and any store), and what the spec says of each field it
 * is sent to as the provider's own reference.
 */
function idempotencyKey(sources: readonly SpecSource[]): Rule {
  const spec = referenceString("an idempotency key", sources);
  return (at, field, value) => {
    if (typeof value !== "string" || !KEY_PATTERN.test(value)) {
      return reject(
        at,
        field,
        `${field} is required: 1 to 128 visible ASCII characters (e.g. "order-42-refund-1"); got ${render(value)}. Reuse it only to retry the same operation.`,
      );
    }
    return spec(at, field, value);
  };
}

/** For providers that get no key of ours (Paywall, DineroPay): the facade's rule alone. */
export const FACADE_KEY = idempotencyKey([]);

const CANCEL_HINTS = {
  amount: "A cancel voids the whole payment and takes no amount; to give back part of it, refund that amount instead.",
};
const RETRIEVE_HINTS = {
  idempotencyKey: "A lookup changes nothing and takes no idempotency key.",
  amount: "A lookup takes no amount.",
  description: "A lookup takes no description.",
};

const ITEM_REFUND = "cannot refund one basket item (paymentTransactionId); only iyzico can. Refund an amount instead.";

function iyzico(): ProviderSchemas {
  const t = iyzicoRequestConstraints;
  const paymentId = referenceString("iyzico's paymentId", [
    specField(t, "retrievePayment.body.paymentId"),
    specField(t, "refundV2.body.paymentId"),
    specField(t, "cancel.body.paymentId"),
  ]);
  const key = idempotencyKey([specField(t, "refundV2.body.conversationId"), specField(t, "refund.body.conversationId"), specField(t, "cancel.body.conversationId")]);
  return {
    name: "iyzico",
    refund: {
      payment: [
        {
          by: "paymentId",
          required: { paymentId },
          optional: { paymentTransactionId: referenceString("a basket item's paymentTransactionId (from itemTransactions)", [specField(t, "refund.body.paymentTransactionId")]) },
        },
      ],
      amount: amount({
        sources: [specField(t, "refundV2.body.price"), specField(t, "refund.body.price")],
        unit: "major",
        currency: [specField(t, "refundV2.body.currency"), specField(t, "refund.body.currency")],
      }),
      description: freeText([specField(t, "refund.body.description")]),
      idempotencyKey: key,
    },
    cancel: {
      payment: [{ by: "paymentId", required: { paymentId } }],
      paymentHints: {
        paymentTransactionId: "iyzico's cancel voids the whole payment, never one basket item; to give back one item, refund it with its paymentTransactionId.",
      },
      hints: CANCEL_HINTS,
      description: freeText([specField(t, "cancel.body.description")]),
      idempotencyKey: key,
    },
    retrieve: { payment: [{ by: "paymentId", required: { paymentId } }], hints: RETRIEVE_HINTS, description: freeText([]) },
  };
}

function paywall(): ProviderSchemas {
  const t = paywallRequestConstraints;
  const date = referenceString('the payment\'s date as "yyyy-MM-dd"', [
    specField(t, "refund.body.Date"),
    specField(t, "partialRefund.body.Date"),
    specField(t, "partialRefundByUniqueCode.body.Date"),
    specField(t, "cancel.body.Date"),
    specField(t, "cancelByUniqueCode.body.Date"),
  ]);
  const merchantUniqueCode = referenceString("your merchantUniqueCode of the payment", [
    specField(t, "refund.body.MerchantUniqueCode"),
    specField(t, "partialRefund.body.MerchantUniqueCode"),
    specField(t, "cancel.body.MerchantUniqueCode"),
    // The facade looks the payment up by it first, in a header.
    specField(t, "queryPayment.header.merchantuniquecode"),
  ]);
  const uniqueCode = referenceString("Paywall's uniqueCode (transaction id) of the payment", [
    specField(t, "partialRefundByUniqueCode.body.UniqueCode"),
    specField(t, "cancelByUniqueCode.body.UniqueCode"),
  ]);
  const paymentId = referenceInteger("Paywall's numeric PaymentId (a positive whole number)", [
    specField(t, "revertByPaymentId.body.PaymentId"),
    specField(t, "queryPaymentByPaymentId.header.paymentid"),
  ]);
  const byMerchant: Variant = { by: "merchantUniqueCode", required: { merchantUniqueCode, date } };
  const byUnique: Variant = { by: "uniqueCode", required: { uniqueCode, date } };
  const byPaymentId: Variant = { by: "paymentId", required: { paymentId } };
  const noItems = { paymentTransactionId: `Paywall ${ITEM_REFUND}` };
  return {
    name: "Paywall",
    refund: {
      payment: [byMerchant, byUnique, byPaymentId],
      unsupportedKeys: noItems,
      amount: amount({
        sources: [specField(t, "partialRefund.body.Amount"), specField(t, "partialRefundByUniqueCode.body.Amount"), specField(t, "revertByPaymentId.body.Amount")],
        unit: "major",
      }),
      // Paywall's refunds have no description field: it is checked, not sent.
      description: freeText([]),
    },
    cancel: {
      payment: [byMerchant, byUnique, { ...byPaymentId, unsupported: "Paywall cancels only by { merchantUniqueCode, date } or { uniqueCode, date }." }],
      hints: CANCEL_HINTS,
      description: freeText([]),
    },
    retrieve: {
      payment: [
        { by: "merchantUniqueCode", required: { merchantUniqueCode }, optional: { date } },
        byPaymentId,
        { ...byUnique, unsupported: "Paywall cannot look a payment up by uniqueCode; use { merchantUniqueCode } or { paymentId }." },
      ],
      hints: RETRIEVE_HINTS,
      description: freeText([]),
    },
  };
}

function dineropay(): ProviderSchemas {
  const t = dineropayRequestConstraints;
  const paymentId = referenceString("DineroPay's payment id", [
    specField(t, "getPaymentStatus.body.payment_id"),
    specField(t, "refund.body.payment_id"),
    specField(t, "void.body.payment_id"),
  ]);
  const payment = [{ by: "paymentId", required: { paymentId } }];
  return {
    name: "DineroPay",
    refund: {
      payment,
      unsupportedKeys: { paymentTransactionId: `DineroPay ${ITEM_REFUND}` },
      amount: amount({ sources: [specField(t, "refund.body.amount")], unit: "major" }),
      description: freeText([]),
    },
    cancel: { payment, hints: CANCEL_HINTS, description: freeText([]) },
    retrieve: { payment, hints: RETRIEVE_HINTS, description: freeText([]) },
  };
}

function parolapay(): ProviderSchemas {
  const t = parolapayRequestConstraints;
  const intentId = referenceString('an intent id like "pi_" + 24 hex digits', [
    specField(t, "status.body.intent_id"),
    specField(t, "refund.body.intent_id"),
    specField(t, "cancel.body.intent_id"),
  ]);
  const payment = [{ by: "intentId", required: { intentId } }];
  const key = idempotencyKey([specField(t, "refund.body.merchant_ref"), specField(t, "cancel.body.merchant_ref")]);
  return {
    name: "Parolapay",
    refund: {
      payment,
      unsupportedKeys: { paymentTransactionId: `Parolapay ${ITEM_REFUND}` },
      amount: amount({ sources: [specField(t, "refund.body.amount")], unit: "minor", currency: [specField(t, "refund.body.currency")] }),
      description: freeText([specField(t, "refund.body.description")]),
      idempotencyKey: key,
    },
    cancel: { payment, hints: CANCEL_HINTS, description: freeText([specField(t, "cancel.body.description")]), idempotencyKey: key },
    retrieve: { payment, hints: RETRIEVE_HINTS, description: freeText([]) },
  };
}

function sipayWallet(): ProviderSchemas {
  const t = sipayWalletRequestConstraints;
  const transactionId = referenceString("the payment's transaction_id, a string of up to 19 digits", [
    specField(t, "refundPaymentInstant.body.tx_correlation_id"),
    specField(t, "transactionReceipt.body.id"),
  ]);
  const payment = [{ by: "transactionId", required: { transactionId } }];
  return {
    name: "Sipay Wallet",
    refund: {
      payment,
      unsupportedKeys: { paymentTransactionId: `Sipay Wallet ${ITEM_REFUND}` },
      amount: amount({ sources: [specField(t, "refundPaymentInstant.body.refund_amount")], unit: "major", currency: [specField(t, "refundPaymentInstant.body.currency_code")] }),
      description: freeText([specField(t, "refundPaymentInstant.body.description")]),
      idempotencyKey: idempotencyKey([specField(t, "refundPaymentInstant.body.ext_transaction_id"), specField(t, "summaryRecordByFilter.body.ext_transaction_id")]),
    },
    retrieve: { payment, hints: RETRIEVE_HINTS, description: freeText([]) },
  };
}

/** Built once: a spec field a schema names but the spec lost fails at import, not at a refund. */
export const SCHEMAS: Readonly<Record<ProviderId, ProviderSchemas>> = Object.freeze({
  iyzico: iyzico(),
  paywall: paywall(),
  dineropay: dineropay(),
  parolapay: parolapay(),
  "sipay-wallet": sipayWallet(),
});
