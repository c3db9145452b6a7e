/**
 * Sipay Wallet (specs/sipay-wallet.yaml, WalletGate STS API). Refunds are
 * `refundPaymentInstant` with the payment's transaction_id as `tx_correlation_id`; there is no
 * void, so no cancel. The idempotency key is the refund's `ext_transaction_id`: Sipay rejects a
 * repeat with 301, and `summaryRecordByFilter` finds the refund by it after a lost answer.
 * Transaction ids are 19-digit numbers and stay strings end to end.
 *
 * The search returns only the last 3 days unless it is given start_date/end_date (Sipay Business
 * API, Summary Record By Filter), so every search here names a range: from the plan's time (kept
 * in the plan) for a reconcile, from `lookbackDays` ago for the check before the first send, the
 * payment's amount of a full refund, and after a 301; and it reads every page
 * (page_index/page_size) before concluding anything. Only `retrieve` reads the receipt, whose
 * payload is inferred (hence unverified in the capabilities).
 */
import { OdemeError } from "@odeme/core";
import {
  sipayWalletProvider,
  SipayWalletClient,
  type RefundPaymentInstantRequest,
  type SipayWalletClientOptions,
  type SummaryRecordByFilterRequest,
  type SummaryRecordByFilterResponse,
  type TransactionReceiptResponse,
} from "@odeme/sipay-wallet";
import { invalidRequest, refined, withCode } from "../../errors.ts";
import { formatDecimal, moneyToJSON, type Money } from "../../money.ts";
import type { PaymentDetails, RefundInput } from "../../types.ts";
import type { ProviderAdapter, ProviderModule, Reconciliation, Sent, SharedClientOptions, WritePlan } from "../adapter.ts";
import { malformed, planAmount, readAmount, readCurrency, refString, toDecimal } from "../wire.ts";
import { sipayWalletCapabilities } from "./capabilities.ts";
import { sipayWalletInput } from "./input.ts";

export interface SipayWalletConfig extends SipayWalletClientOptions {
  /**
   * How far back the check before the first send (and the lookup after a 301 Duplicate) searches
   * for a refund already made under the idempotency key, and a full refund for the payment's
   * amount. Default 90 days. Sipay itself rejects a repeated ext_transaction_id, so a refund older
   * than this is still never made twice; it is only reported as outcome_unknown instead of found.
   * A full refund of an older payment needs its amount.
   */
  lookbackDays?: number;
  /** The clock the search ranges are computed with (tests with a simulator clock). Default real time. */
  now?: () => Date;
}

const P = "sipay-wallet";
const TRANSACTION_ID = /^[0-9]{1,19}$/;
/** "NormalCompleted" (Sipay's summary-record example and Business API webhooks). */
const COMPLETED = 20;
const DAY_MS = 24 * 3600 * 1000;
/** Our clock and Sipay's may disagree; every range is widened by this on both ends. */
const CLOCK_SLACK_MS = DAY_MS;
/** Sipay's own example asks for 100 records a page. */
const PAGE_SIZE = 100;
/** A search by one ext_transaction_id finds at most a few records; more pages than this is a bug or a misbehaving API. */
const MAX_PAGES = 20;
const DEFAULT_LOOKBACK_DAYS = 90;

/** What a plan keeps: when it was made, where a reconcile's search starts. */
interface Snapshot {
  plannedAt: string;
}

interface Range {
  start: Date;
  end: Date;
}

/** What a search by this key's ext_transaction_id says about this write. */
/** `payment`: the one transaction under the key is the refunded payment itself (the key is its order id). */
type KeyLookup = { found: "none" } | { found: "this"; sent: Sent } | { found: "other"; how: string; payment?: true };

export function createSipayWalletAdapter(config: SipayWalletConfig, shared: SharedClientOptions): ProviderAdapter<"sipay-wallet"> {
  const { lookbackDays = DEFAULT_LOOKBACK_DAYS, now = () => new Date(), ...clientOptions } = config;
  if (!Number.isFinite(lookbackDays) || lookbackDays <= 0) {
    throw new OdemeError({
      code: "invalid_request",
      message: `Sipay Wallet: the option lookbackDays must be a positive number of days, got ${String(lookbackDays)}.`,
      provider: P,
      operation: "createPayments",
      outcome: "not_sent",
      field: "lookbackDays",
    });
  }
  const client = new SipayWalletClient({ ...shared, ...clientOptions });
  const transactionId = (ref: unknown, operation: string) =>
    refString(P, operation, ref, "transactionId", TRANSACTION_ID, "the payment's transaction_id, a string of up to 19 digits");

  async function receipt(id: string, operation: string): Promise<{ amount: Money; status: number | undefined; statusName: string }> {
    const r: TransactionReceiptResponse = await client.transactionReceipt({ id });
    const currency = readCurrency(P, operation, r.payload?.currency_code);
    const amount = readAmount(P, operation, r.payload?.amount, currency, "payload.amount");
    if (amount === undefined) throw malformed(P, operation, "the receipt has no amount");
    return { amount, status: r.payload?.transaction_status_id, statusName: r.payload?.transaction_status ?? "" };
  }

  const lookback = (): Range => ({
    start: new Date(now().getTime() - lookbackDays * DAY_MS),
    end: new Date(now().getTime() + CLOCK_SLACK_MS),
  });
  const sincePlan = (plan: WritePlan): Range | undefined => {
    const at = Date.parse(String((plan.snapshot as Partial<Snapshot> | undefined)?.plannedAt));
    return Number.isNaN(at) ? undefined : { start: new Date(at - CLOCK_SLACK_MS), end: new Date(now().getTime() + CLOCK_SLACK_MS) };
  };
  const describeRange = (r: Range) => `${r.start.toISOString()} to ${r.end.toISOString()}`;

  /** Every record matching `by` (an ext_transaction_id or a transaction id) in the range, reading page after page. */
  async function records(by: { ext_transaction_id: string } | { id: string }, range: Range, operation: string) {
    const found: NonNullable<SummaryRecordByFilterResponse["payload"]>["results"] = [];
    const matches = (x: (typeof found)[number]) => ("id" in by ? x.id === by.id : x.ext_transaction_id === by.ext_transaction_id);
    for (let page = 0; page < MAX_PAGES; page++) {
      const filter: SummaryRecordByFilterRequest = {
        ...by,
        start_date: range.start.toISOString(),
        end_date: range.end.toISOString(),
        order_column: "CreatedDateUtc",
        order_by: "asc",
        page_index: page,
        page_size: PAGE_SIZE,
      };
      const r: SummaryRecordByFilterResponse = await client.summaryRecordByFilter(filter);
      const results: unknown = r.payload?.results;
      // A success without a results list is not "nothing found": it is an answer we cannot read.
      if (!Array.isArray(results)) throw malformed(P, operation, "the search answered without payload.results");
      found.push(...(results as typeof found).filter(matches));
      if (results.length < PAGE_SIZE) return found;
    }
    throw malformed(P, operation, `the search for ${JSON.stringify(by)} did not end after ${MAX_PAGES} pages`);
  }

  /**
   * A full refund asks for the payment's amount: read from its documented summary record
   * (`tx_base_amount`), not from the receipt, whose payload is inferred.
   */
  async function paymentAmount(id: string): Promise<Money> {
    const range = lookback();
    const [payment, ...more] = await records({ id }, range, "refund");
    if (payment === undefined || more.length > 0) {
      throw invalidRequest(
        P,
        "refund",
        "amount",
        `Sipay Wallet refund: ${payment === undefined ? "no" : "more than one"} transaction ${id} in Sipay's records from ${describeRange(range)}, so the amount of a full refund is not known; pass amount (or raise lookbackDays).`,
      );
    }
    const currency = readCurrency(P, "refund", payment.currency_code);
    const amount = readAmount(P, "refund", payment.tx_base_amount, currency, "tx_base_amount");
    if (amount === undefined) throw malformed(P, "refund", `transaction ${id} has no tx_base_amount`);
    return amount;
  }

  /**
   * Whether THIS write (the key's ext_transaction_id, the plan's amount) is in the range. A record
   * under the key that is the refunded payment itself (a key reused from the order), moved another
   * amount, is not completed, or points at another payment, is not taken as this refund.
   */
  async function lookUpKey(key: string, plan: WritePlan, range: Range, operation: string): Promise<KeyLookup> {
    const found = await records({ ext_transaction_id: key }, range, operation);
    if (found.length === 0) return { found: "none" };
    const check = `Check ext_transaction_id ${key} in Sipay's panel.`;
    if (found.length > 1)
      return { found: "other", how: `Sipay lists ${found.length} transactions under ext_transaction_id ${key}. ${check}` };
    const [record] = found as [(typeof found)[number]];
    const paymentId = (plan.request as Partial<RefundPaymentInstantRequest>).tx_correlation_id;
    if (paymentId !== undefined && record.id === paymentId) {
      return {
        found: "other",
        payment: true,
        how: `The transaction under ext_transaction_id ${key} is the payment ${paymentId} itself, not a refund of it. ${check}`,
      };
    }
    // Which payment a refund's record links is inferred (spec SummaryRecord.tx_ref_correlation_id),
    // so a match proves nothing; but a record that names another payment is not this refund.
    const linked = record.tx_ref_correlation_id;
    if (paymentId !== undefined && typeof linked === "string" && linked !== "" && linked !== "0" && linked !== paymentId) {
      return {
        found: "other",
        how: `Sipay's transaction ${record.id ?? "?"} under ext_transaction_id ${key} refers to transaction ${linked}, not to the payment ${paymentId}. ${check}`,
      };
    }
    const amount = planAmount(plan);
    const currency = record.currency_code === undefined ? amount?.currency : readCurrency(P, operation, record.currency_code);
    const moved = currency === undefined ? undefined : readAmount(P, operation, record.tx_base_amount, currency, "tx_base_amount");
    if (amount === undefined || moved === undefined || moved.currency !== amount.currency || moved.minor !== amount.minor) {
      const what = moved === undefined ? "an amount it does not show" : `${formatDecimal(moved)} ${moved.currency}`;
      return {
        found: "other",
        how: `Sipay's transaction ${record.id ?? "?"} under ext_transaction_id ${key} moved ${what}, not this refund's amount. ${check}`,
      };
    }
    if (record.transaction_status_id !== COMPLETED) {
      const status = record.transaction_status ?? String(record.transaction_status_id ?? "none");
      return {
        found: "other",
        how: `Sipay's transaction ${record.id ?? "?"} under ext_transaction_id ${key} has status ${status}, not NormalCompleted. ${check}`,
      };
    }
    return { found: "this", sent: { status: "succeeded", ...(record.id !== undefined ? { refundId: record.id } : {}) } };
  }

  const unknownOutcome = (operation: string, message: string) =>
    new OdemeError({
      code: "outcome_unknown",
      message: `Sipay Wallet ${operation}: ${message}`,
      provider: P,
      operation,
      outcome: "unknown",
    });

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

    async planRefund(input: RefundInput<"sipay-wallet">, key: string): Promise<WritePlan> {
      const id = transactionId(input.payment, "refund");
      const plannedAt = now();
      // A full refund asks for the payment's amount; Sipay itself refuses more than is left (315).
      const amount = input.amount ?? (await paymentAmount(id));
      const request: Omit<RefundPaymentInstantRequest, "ext_transaction_id"> = {
        tx_correlation_id: id,
        currency_code: amount.currency,
        refund_amount: toDecimal(amount),
        ...(input.description !== undefined ? { description: input.description } : {}),
      };
      const plan: WritePlan = {
        providerOperation: "refundPaymentInstant",
        request: { ...request },
        amount: moneyToJSON(amount),
        snapshot: { plannedAt: plannedAt.toISOString() } satisfies Snapshot,
      };
      // Before the first send: a refund under this key (a crash lost the store's record) is returned, not made again.
      const earlier = await lookUpKey(key, plan, lookback(), "refund");
      if (earlier.found === "this") return { ...plan, alreadyApplied: earlier.sent };
      // Nothing sent, and Sipay would refuse the key anyway (301: an ext_transaction_id is used once).
      if (earlier.found === "other" && earlier.payment)
        throw invalidRequest(
          P,
          "refund",
          "idempotencyKey",
          `Sipay Wallet refund: idempotencyKey "${key}" is the ext_transaction_id of the payment being refunded. Sipay takes an ext_transaction_id once, so give the refund a key of its own (e.g. "${key}-refund-1"). Nothing was sent.`,
        );
      if (earlier.found === "other")
        throw unknownOutcome(
          "refund",
          `idempotencyKey "${key}" was already used at Sipay, for a transaction that is not this refund. ${earlier.how}`,
        );
      return plan;
    },

    async send(_operation, plan, key) {
      const body = { ...(plan.request as Omit<RefundPaymentInstantRequest, "ext_transaction_id">), ext_transaction_id: key };
      try {
        const r = await refined(() => client.refundPaymentInstant(body), refine);
        return { status: "succeeded", ...(r.payload?.transaction_id !== undefined ? { refundId: r.payload.transaction_id } : {}) };
      } catch (error) {
        // 301: this key already made a transaction (a lost answer, another process): find it.
        if (error instanceof OdemeError && error.code === "duplicate") {
          const range = lookback();
          const found = await lookUpKey(key, plan, range, "refund");
          if (found.found === "this") return found.sent;
          // Sipay says the key was used, so something was made: never report it as rejected.
          throw unknownOutcome(
            "refund",
            found.found === "other"
              ? `Sipay rejects ext_transaction_id ${key} as already used (301). ${found.how}`
              : `Sipay rejects ext_transaction_id ${key} as already used (301), but its search finds no transaction under it from ${describeRange(range)}. Check ext_transaction_id ${key} in Sipay's panel.`,
          );
        }
        throw error;
      }
    },

    async reconcile(_operation, plan, key): Promise<Reconciliation> {
      const range = sincePlan(plan);
      if (range === undefined)
        return { state: "unknown", how: `The plan has no time to search from; check ext_transaction_id ${key} in Sipay's panel.` };
      const found = await lookUpKey(key, plan, range, "reconcile");
      if (found.found === "this") return { state: "applied", ...found.sent };
      if (found.found === "other") return { state: "unknown", how: found.how };
      // Every page of a range from before the plan to now holds nothing under this key. A
      // re-send carries the same ext_transaction_id, which Sipay rejects (301) if the first one
      // was made after all, so reading this as "not applied" cannot refund twice.
      return { state: "not_applied" };
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

/** Sipay Wallet as the registry lists it: its generated definition, capabilities, adapter. It documents no webhook signature. */
export const sipayWallet = {
  id: "sipay-wallet",
  definition: sipayWalletProvider,
  capabilities: sipayWalletCapabilities,
  input: sipayWalletInput,
  createAdapter: createSipayWalletAdapter,
} as const satisfies ProviderModule<"sipay-wallet", SipayWalletConfig>;
