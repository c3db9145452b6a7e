/**
 * How a caller names an iyzico payment, for each input, and the spec request fields each value
 * goes to (specs/iyzico.yaml, via the generated constraints table): checked before anything is sent.
 */
import { iyzicoRequestConstraints } from "@odeme/iyzico";
import { amount, freeText, referenceString, specField } from "../../input/rules.ts";
import { CANCEL_HINTS, idempotencyKey, RETRIEVE_HINTS, type ProviderSchemas } from "../../input/schemas.ts";

function iyzico(): ProviderSchemas {
  const t = iyzicoRequestConstraints;
  const paymentId = referenceString("iyzico's paymentId", [
    specField(t, "retrievePayment.body.paymentId"),
    specField(t, "refundV2.body.paymentId"),
    specField(t, "cancel.body.paymentId"),
  ]);
  const key = idempotencyKey([
    specField(t, "refundV2.body.conversationId"),
    specField(t, "refund.body.conversationId"),
    specField(t, "cancel.body.conversationId"),
  ]);
  return {
    name: "iyzico",
    refund: {
      payment: [
        {
          by: "paymentId",
          required: { paymentId },
          optional: {
            paymentTransactionId: referenceString("a basket item's paymentTransactionId (from itemTransactions)", [
              specField(t, "refund.body.paymentTransactionId"),
            ]),
          },
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
        paymentTransactionId:
          "iyzico's cancel voids the whole payment, never one basket item; to give back one item, refund it with its paymentTransactionId.",
      },
      hints: CANCEL_HINTS,
      description: freeText([specField(t, "cancel.body.description")]),
      idempotencyKey: key,
    },
    retrieve: { payment: [{ by: "paymentId", required: { paymentId } }], hints: RETRIEVE_HINTS, description: freeText([]) },
  };
}

/** Built once: a spec field the schema names but the spec lost fails at import, not at a refund. */
export const iyzicoInput = iyzico();
