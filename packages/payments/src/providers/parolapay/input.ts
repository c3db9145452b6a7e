/**
 * How a caller names a Parolapay payment, for each input, and the spec request fields each value
 * goes to (specs/parolapay.yaml, via the generated constraints table): checked before anything is sent.
 */
import { parolapayRequestConstraints } from "@odeme/parolapay";
import { amount, freeText, referenceString, specField } from "../../input/rules.ts";
import { idempotencyKey, oneWaySchemas, type ProviderSchemas } from "../../input/schemas.ts";

function parolapay(): ProviderSchemas {
  const t = parolapayRequestConstraints;
  const key = idempotencyKey([specField(t, "refund.body.merchant_ref"), specField(t, "cancel.body.merchant_ref")]);
  return oneWaySchemas({
    name: "Parolapay",
    by: "intentId",
    rule: referenceString('an intent id like "pi_" + 24 hex digits', [
      specField(t, "status.body.intent_id"),
      specField(t, "refund.body.intent_id"),
      specField(t, "cancel.body.intent_id"),
    ]),
    refund: {
      amount: amount({ sources: [specField(t, "refund.body.amount")], unit: "minor", currency: [specField(t, "refund.body.currency")] }),
      description: freeText([specField(t, "refund.body.description")]),
      idempotencyKey: key,
    },
    cancel: { description: freeText([specField(t, "cancel.body.description")]), idempotencyKey: key },
  });
}

/** Built once: a spec field the schema names but the spec lost fails at import, not at a refund. */
export const parolapayInput = parolapay();
