/**
 * How a caller names a DineroPay payment, for each input, and the spec request fields each value
 * goes to (specs/dineropay.yaml, via the generated constraints table): checked before anything is sent.
 */
import { dineropayRequestConstraints } from "@odeme/dineropay";
import { amount, freeText, referenceString, specField } from "../../input/rules.ts";
import { oneWaySchemas, type ProviderSchemas } from "../../input/schemas.ts";

function dineropay(): ProviderSchemas {
  const t = dineropayRequestConstraints;
  return oneWaySchemas({
    name: "DineroPay",
    by: "paymentId",
    rule: referenceString("DineroPay's payment id", [
      specField(t, "getPaymentStatus.body.payment_id"),
      specField(t, "refund.body.payment_id"),
      specField(t, "void.body.payment_id"),
    ]),
    // DineroPay's refund and void take no text and no reference of ours.
    refund: { amount: amount({ sources: [specField(t, "refund.body.amount")], unit: "major" }), description: freeText([]) },
    cancel: { description: freeText([]) },
  });
}

/** Built once: a spec field the schema names but the spec lost fails at import, not at a refund. */
export const dineropayInput = dineropay();
