/**
 * How a caller names a Paywall payment, for each input, and the spec request fields each value
 * goes to (specs/paywall.yaml, via the generated constraints table): checked before anything is sent.
 */
import { paywallRequestConstraints } from "@odeme/paywall";
import { amount, freeText, referenceInteger, referenceString, specField } from "../../input/rules.ts";
import { CANCEL_HINTS, ITEM_REFUND, RETRIEVE_HINTS, type ProviderSchemas, type Variant } from "../../input/schemas.ts";

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
        sources: [
          specField(t, "partialRefund.body.Amount"),
          specField(t, "partialRefundByUniqueCode.body.Amount"),
          specField(t, "revertByPaymentId.body.Amount"),
        ],
        unit: "major",
      }),
      // Paywall's refunds have no description field: it is checked, not sent.
      description: freeText([]),
    },
    cancel: {
      payment: [
        byMerchant,
        byUnique,
        { ...byPaymentId, unsupported: "Paywall cancels only by { merchantUniqueCode, date } or { uniqueCode, date }." },
      ],
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

/** Built once: a spec field the schema names but the spec lost fails at import, not at a refund. */
export const paywallInput = paywall();
