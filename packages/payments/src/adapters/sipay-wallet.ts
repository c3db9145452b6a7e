/**
 * Sipay Wallet (specs/sipay-wallet.yaml, WalletGate STS API). Refunds are
 * `refundPaymentInstant` with the payment's transaction_id as `tx_correlation_id`; there is no
 * void, so no cancel. The idempotency key is the refund's `ext_transaction_id`: Sipay rejects a
 * repeat with 301, and `summaryRecordByFilter` finds the refund by it after a lost answer.
 * Transaction ids are 19-digit numbers and stay strings end to end.
 */
import type { OdemeError } from "@odeme/core";
import {
  SipayWalletClient,
  type RefundPaymentInstantRequest,
  type SipayWalletClientOptions,
  type SummaryRecordByFilterResponse,
  type TransactionReceiptResponse,
} from "@odeme/sipay-wallet";
import { refined, withCode } from "../errors.ts";
import { moneyToJSON, type Money } from "../money.ts";
import type { Capabilities, PaymentDetails, RefundInput } from "../types.ts";
import type { ProviderAdapter, Reconciliation, Sent, SharedClientOptions, WritePlan } from "./adapter.ts";
import { malformed, readAmount, readCurrency, refString, toDecimal } from "./wire.ts";

export type SipayWalletConfig = SipayWalletClientOptions;

export const sipayWalletCapabilities = {
  partialRefund: true,
  repeatedRefund: true,
  itemRefund: false,
  cancel: false,
  retrieve: true,
  refundedAmount: false,
  listsRefunds: false,
  lookupByMerchantReference: true,
  asyncRefund: false,
  idempotency: "provider",
  // transactionReceipt and summaryRecordByFilter have inferred response shapes.
  unverified: ["retrieve", "lookupByMerchantReference"],
} as const satisfies Capabilities;

const P = "sipay-wallet";
const TRANSACTION_ID = /^[0-9]{1,19}$/;
/** "NormalCompleted" (Sipay Business API webhooks). */
const COMPLETED = 20;

export function createSipayWalletAdapter(config: SipayWalletConfig, shared: SharedClientOptions): ProviderAdapter<"sipay-wallet"> {
  const client = new SipayWalletClient({ ...shared, ...config });
  const transactionId = (ref: unknown, operation: string) =>
    refString(P, operation, ref, "transactionId", TRANSACTION_ID, "the payment's transaction_id, a string of up to 19 digits");

  async function receipt(id: string, operation: string): Promise<{ amount: Money; status: number | undefined; statusName: string }> {
    const r: TransactionReceiptResponse = await client.transactionReceipt({ id });
    const currency = readCurrency(P, operation, r.payload?.currency_code);
    const amount = readAmount(P, operation, r.payload?.amount, currency, "payload.amount");
    if (amount === undefined) throw malformed(P, operation, "the receipt has no amount");
    return { amount, status: r.payload?.transaction_status_id, statusName: r.payload?.transaction_status ?? "" };
  }

  /** The refund made with this ext_transaction_id, if any. */
  async function findRefund(key: string): Promise<Sent | undefined> {
    const r: SummaryRecordByFilterResponse = await client.summaryRecordByFilter({ ext_transaction_id: key });
    const record = (r.payload ?? []).find((x) => x.ext_transaction_id === key);
    if (record === undefined) return undefined;
    const done = record.transaction_status_id === undefined || record.transaction_status_id === COMPLETED;
    return { status: done ? "succeeded" : "pending", ...(record.id !== undefined ? { refundId: record.id } : {}) };
  }

  return {
    provider: P,
    name: "Sipay Wallet",
    capabilities: sipayWalletCapabilities,
    rejectsRepeatedKeys: true,

    async retrieve(ref): Promise<PaymentDetails<"sipay-wallet">> {
      const r = await receipt(transactionId(ref, "retrieve"), "retrieve");
      return {
        provider: P,
        status: r.status === COMPLETED ? "succeeded" : "pending",
        providerStatus: r.statusName || String(r.status ?? ""),
        amount: r.amount,
      };
    },

    async planRefund(input: RefundInput<"sipay-wallet">): Promise<WritePlan> {
      const id = transactionId(input.payment, "refund");
      // A full refund asks for the payment's amount; Sipay itself refuses more than is left (315).
      const amount = input.amount ?? (await receipt(id, "refund")).amount;
      const request: Omit<RefundPaymentInstantRequest, "ext_transaction_id"> = {
        tx_correlation_id: id,
        currency_code: amount.currency,
        refund_amount: toDecimal(amount),
        ...(input.description !== undefined ? { description: input.description } : {}),
      };
      return { providerOperation: "refundPaymentInstant", request: { ...request }, amount: moneyToJSON(amount) };
    },

    async send(_operation, plan, key) {
      const body = { ...(plan.request as Omit<RefundPaymentInstantRequest, "ext_transaction_id">), ext_transaction_id: key };
      try {
        const r = await refined(() => client.refundPaymentInstant(body), refine);
        return { status: "succeeded", ...(r.payload?.transaction_id !== undefined ? { refundId: r.payload.transaction_id } : {}) };
      } catch (error) {
        // 301: this key already made a transaction (a lost answer, another process): find it.
        if ((error as OdemeError).code === "duplicate") {
          const found = await findRefund(key);
          if (found !== undefined) return found;
        }
        throw error;
      }
    },

    async reconcile(_operation, _plan, key): Promise<Reconciliation> {
      const found = await findRefund(key);
      return found === undefined ? { state: "not_applied" } : { state: "applied", ...found };
    },
  };
}

/**
 * Sipay's 315 covers "amount exceeds what is left", "full refund already done" and "amount below
 * 0.01" (WalletGate test suite); only the message tells them apart. The texts seen are paraphrases,
 * so both English and Turkish wordings are matched; anything else stays amount_exceeds_refundable.
 */
function refine(e: OdemeError): OdemeError {
  if (e.providerCode !== "315") return e;
  const text = e.providerMessage ?? "";
  if (/full refund|fully refunded|already refunded|tam(amı|ami)? iade|iade (edilmiş|edilmis|yapılmış|yapilmis)/i.test(text)) {
    return withCode(e, "already_refunded", "Sipay 315: the payment is already fully refunded");
  }
  if (/0[.,]01|at least|less than|en az|küçük|kucuk/i.test(text)) {
    return withCode(e, "invalid_request", "Sipay 315: the amount is below the minimum");
  }
  return e;
}
