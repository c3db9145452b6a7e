/**
 * How a caller names a Sipay Wallet payment, for each input, and the spec request fields each value
 * goes to (specs/sipay-wallet.yaml, via the generated constraints table): checked before anything is sent.
 */
import { sipayWalletRequestConstraints } from "@odeme/sipay-wallet";
import { amount, freeText, referenceString, specField } from "../../input/rules.ts";
import { idempotencyKey, oneWaySchemas, type ProviderSchemas } from "../../input/schemas.ts";

function sipayWallet(): ProviderSchemas {
  const t = sipayWalletRequestConstraints;
  // No cancel: Sipay Wallet has no void (the facade says `unsupported`).
  return oneWaySchemas({
    name: "Sipay Wallet",
    by: "transactionId",
    rule: referenceString("the payment's transaction_id, a string of up to 19 digits", [
      specField(t, "refundPaymentInstant.body.tx_correlation_id"),
      specField(t, "transactionReceipt.body.id"),
    ]),
    refund: {
      amount: amount({
        sources: [specField(t, "refundPaymentInstant.body.refund_amount")],
        unit: "major",
        currency: [specField(t, "refundPaymentInstant.body.currency_code")],
      }),
      description: freeText([specField(t, "refundPaymentInstant.body.description")]),
      idempotencyKey: idempotencyKey([
        specField(t, "refundPaymentInstant.body.ext_transaction_id"),
        specField(t, "summaryRecordByFilter.body.ext_transaction_id"),
      ]),
    },
  });
}

/** Built once: a spec field the schema names but the spec lost fails at import, not at a refund. */
export const sipayWalletInput = sipayWallet();
