import { afterEach, describe, expect, it } from "vitest";
import { createSipayWalletClient } from "@odeme/sipay-wallet";
import { startSipayWalletSimulator, type SipayWalletSimulator } from "../../../../testkit/src/providers/sipay-wallet/index.ts";
import { createPayments, MemoryIdempotencyStore, parseMoney, type Payments } from "../../../src/index.ts";
import { fakeProvider, rejection, type Call, type FakeProvider, type Reply } from "../../helpers/fake-fetch.ts";

const KEYS = { clientId: "sipay-client", clientSecret: "sipay-client-secret" };
// Beyond Number.MAX_SAFE_INTEGER: JSON.parse would turn it into 7440022202222222000.
const PAYMENT = "7440022202222222022";
const REFUND = "7440022202222229999";

const envelope = (payload: string, code = "100", status = 0, message = "İşlem başarılı"): Reply => ({
  text: `{"status":${status},"code":"${code}","message":"${message}","payload":${payload}}`,
  headers: { "content-type": "application/json" },
});

type Filter = { ext_transaction_id?: string; id?: string; start_date?: string; end_date?: string; page_index?: number; page_size?: number };
const searches = (provider: FakeProvider) =>
  provider.calls.filter((c) => c.path === "/v1/TransactionData/SummaryRecordByFilter").map((c) => c.body as Filter);
/** One documented summary record (Sipay's SummaryRecordResponse field names). */
const record = (key: string, amount = 10, status = 20) =>
  `{"id":"${REFUND}","ext_transaction_id":"${key}","tx_ref_correlation_id":"${PAYMENT}","tx_base_amount":${amount},"currency_code":"TRY","transaction_type_id":2002,"transaction_status_id":${status},"transaction_status":"${status === 20 ? "NormalCompleted" : "Pending"}"}`;
const page = (records: string[]) => envelope(`{"results":[${records.join(",")}]}`);

function sipay() {
  const refunds: string[] = [];
  const provider = fakeProvider({
    "POST /connect/token": { json: { access_token: "tok-abc", token_type: "Bearer", expires_in: 3600 } },
    "POST /v1/Transaction/RefundPaymentInstant": (call) => {
      refunds.push((call.body as { ext_transaction_id: string }).ext_transaction_id);
      return envelope(`{"transaction_id":${REFUND},"ext_transaction_id":"x","transaction_amount":10.00}`);
    },
    "POST /v1/TransactionData/TransactionReceipt": () =>
      envelope(`{"id":${PAYMENT},"amount":250.75,"currency_code":"TRY","transaction_status_id":20,"transaction_status":"NormalCompleted"}`),
    "POST /v1/TransactionData/SummaryRecordByFilter": (call: Call) => {
      const filter = call.body as Filter;
      // The payment itself, by its transaction id (a full refund reads its amount here).
      if (filter.id === PAYMENT)
        return page([
          `{"id":"${PAYMENT}","ext_transaction_id":"order-1","tx_base_amount":250.75,"currency_code":"TRY","transaction_type_id":2001,"transaction_status_id":20}`,
        ]);
      const key = String(filter.ext_transaction_id);
      return page(refunds.includes(key) ? [record(key)] : []);
    },
  });
  return { provider, refunds };
}

function payments(provider: FakeProvider, extra: object = {}): Payments {
  return createPayments({
    "sipay-wallet": { ...KEYS, baseUrl: "http://sipay.test", fetch: provider.fetch },
    resendGraceMs: 60_000,
    ...extra,
  });
}

const ref = { transactionId: PAYMENT };

describe("Sipay Wallet refund", () => {
  it("sends the 19-digit id as a string, the amount as an exact number, the key as ext_transaction_id", async () => {
    const { provider } = sipay();
    const result = await payments(provider).refund({
      provider: "sipay-wallet",
      payment: ref,
      amount: parseMoney("10.50", "TRY"),
      idempotencyKey: "r-1",
    });
    expect(result).toMatchObject({ status: "succeeded", refundId: REFUND, providerOperation: "refundPaymentInstant" });
    const sent = provider.calls.find((c) => c.path === "/v1/Transaction/RefundPaymentInstant");
    expect(sent?.text).toBe(`{"tx_correlation_id":"${PAYMENT}","currency_code":"TRY","refund_amount":10.5,"ext_transaction_id":"r-1"}`);
    expect(sent?.headers.get("authorization")).toBe("Bearer tok-abc");
  });

  it("refunds the payment's amount from its documented summary record when none is given (not the inferred receipt)", async () => {
    const { provider } = sipay();
    const result = await payments(provider).refund({ provider: "sipay-wallet", payment: ref, idempotencyKey: "full" });
    expect(result.amount).toEqual(parseMoney("250.75", "TRY"));
    expect(provider.calls.find((c) => c.path === "/v1/Transaction/RefundPaymentInstant")?.body).toMatchObject({ refund_amount: 250.75 });
    expect(searches(provider)[0]).toMatchObject({ id: PAYMENT, page_index: 0 });
    expect(provider.count("/v1/TransactionData/TransactionReceipt")).toBe(0);
  });

  it("a full refund of a payment not in Sipay's records of the lookback window asks for the amount, before any write", async () => {
    const { provider } = sipay();
    provider.on("POST /v1/TransactionData/SummaryRecordByFilter", page([]));
    const error = await rejection(() => payments(provider).refund({ provider: "sipay-wallet", payment: ref, idempotencyKey: "full-old" }));
    expect(error).toMatchObject({ code: "invalid_request", field: "amount", outcome: "not_sent" });
    expect(error.message).toContain("lookbackDays");
    expect(provider.count("/v1/Transaction/RefundPaymentInstant")).toBe(0);
  });

  it.each([
    ["Tam iade daha önce yapılmış", "already_refunded"],
    ["Full refund already done", "already_refunded"],
    ["Tutar 0.01'den küçük olamaz", "invalid_request"],
    ["İade tutarı geçersiz", "amount_exceeds_refundable"],
  ])("refines the ambiguous code 315 by its message (%s)", async (message, code) => {
    const { provider } = sipay();
    provider.on("POST /v1/Transaction/RefundPaymentInstant", envelope("null", "315", 2, message));
    const error = await rejection(() =>
      payments(provider).refund({ provider: "sipay-wallet", payment: ref, amount: parseMoney("1", "TRY"), idempotencyKey: "e" }),
    );
    expect(error).toMatchObject({ code, providerCode: "315", providerMessage: message, outcome: "rejected" });
  });

  it("rejects a transaction id that is not digits before anything is sent", async () => {
    const { provider } = sipay();
    const error = await rejection(() =>
      payments(provider).refund({ provider: "sipay-wallet", payment: { transactionId: "XXX1234X" }, idempotencyKey: "e" }),
    );
    expect(error).toMatchObject({ code: "invalid_request", field: "payment.transactionId" });
    expect(provider.calls).toHaveLength(0);
  });

  it("has no cancel: unsupported, without a request", async () => {
    const { provider } = sipay();
    const error = await rejection(() =>
      payments(provider).cancel({ provider: "sipay-wallet", payment: ref, idempotencyKey: "c" } as never),
    );
    expect(error).toMatchObject({ code: "unsupported", outcome: "not_sent" });
    expect(provider.calls).toHaveLength(0);
  });
});

describe("Sipay Wallet safe replay", () => {
  it("finds a refund whose answer was lost by ext_transaction_id", async () => {
    const { provider, refunds } = sipay();
    provider.on(
      "POST /v1/Transaction/RefundPaymentInstant",
      (call) => (refunds.push((call.body as { ext_transaction_id: string }).ext_transaction_id), "reset"),
    );
    const before = Date.now();
    const result = await payments(provider).refund({
      provider: "sipay-wallet",
      payment: ref,
      amount: parseMoney("10", "TRY"),
      idempotencyKey: "lost",
    });
    expect(result).toMatchObject({ status: "succeeded", refundId: REFUND, replayed: false });
    // The check before the send, then the reconcile: both by the key, with a range (never the 3-day default), from page 0.
    const [check, reconcile] = searches(provider);
    for (const filter of [check, reconcile]) {
      expect(filter).toMatchObject({
        ext_transaction_id: "lost",
        order_column: "CreatedDateUtc",
        order_by: "asc",
        page_index: 0,
        page_size: 100,
      });
      expect(Date.parse(String(filter?.end_date))).toBeGreaterThanOrEqual(before);
    }
    // The reconcile searches from before the plan; the check looks back 90 days by default.
    expect(Date.parse(String(reconcile?.start_date))).toBeLessThan(before);
    const checkStart = Date.parse(String(check?.start_date));
    expect(checkStart).toBeGreaterThanOrEqual(before - 90 * 24 * 3600 * 1000);
    expect(checkStart).toBeLessThanOrEqual(Date.now() - 90 * 24 * 3600 * 1000);
  });

  it("re-sends at once when the lookup finds nothing, since Sipay rejects a repeated key itself", async () => {
    const { provider } = sipay();
    provider.on("POST /v1/Transaction/RefundPaymentInstant", (_c, n) =>
      n === 1 ? "reset" : envelope(`{"transaction_id":${REFUND},"transaction_amount":10}`),
    );
    const p = payments(provider);
    const input = { provider: "sipay-wallet", payment: ref, amount: parseMoney("10", "TRY"), idempotencyKey: "lost2" } as const;
    const error = await rejection(() => p.refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: true });
    expect(error.message).toContain("rejects a repeated key");
    expect(await p.refund(input)).toMatchObject({ status: "succeeded" });
  });

  it("answers a 301 duplicate with the refund that key already made", async () => {
    const { provider, refunds } = sipay();
    // Another process makes the refund between this one's check and its send.
    provider.on(
      "POST /v1/Transaction/RefundPaymentInstant",
      () => (refunds.push("made-elsewhere"), envelope("null", "301", 2, "Duplicate")),
    );
    const result = await payments(provider).refund({
      provider: "sipay-wallet",
      payment: ref,
      amount: parseMoney("10", "TRY"),
      idempotencyKey: "made-elsewhere",
    });
    expect(result).toMatchObject({ status: "succeeded", refundId: REFUND });
  });

  it("a 301 whose transaction the search cannot find is outcome_unknown, never rejected", async () => {
    const { provider } = sipay();
    provider.on("POST /v1/Transaction/RefundPaymentInstant", envelope("null", "301", 2, "Duplicate"));
    const error = await rejection(() =>
      payments(provider).refund({ provider: "sipay-wallet", payment: ref, amount: parseMoney("10", "TRY"), idempotencyKey: "ghost" }),
    );
    expect(error).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
    expect(error.message).toContain("301");
  });

  it("the check before the first send finds a refund under this key (a crash lost the store): nothing is sent", async () => {
    const { provider, refunds } = sipay();
    refunds.push("crashed");
    const result = await payments(provider).refund({
      provider: "sipay-wallet",
      payment: ref,
      amount: parseMoney("10", "TRY"),
      idempotencyKey: "crashed",
    });
    expect(result).toMatchObject({ status: "succeeded", refundId: REFUND, replayed: true });
    expect(provider.count("/v1/Transaction/RefundPaymentInstant")).toBe(0);
  });

  it.each([
    ["another amount", record("used", 99)],
    ["a status other than NormalCompleted", record("used", 10, 10)],
    ["two transactions", `${record("used")},${record("used")}`],
  ])("a record under the key with %s is not this refund: outcome_unknown, nothing sent", async (_what, records) => {
    const { provider } = sipay();
    provider.on("POST /v1/TransactionData/SummaryRecordByFilter", envelope(`{"results":[${records}]}`));
    const error = await rejection(() =>
      payments(provider).refund({ provider: "sipay-wallet", payment: ref, amount: parseMoney("10", "TRY"), idempotencyKey: "used" }),
    );
    expect(error).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
    expect(error.message).toContain("ext_transaction_id used");
    expect(provider.count("/v1/Transaction/RefundPaymentInstant")).toBe(0);
  });

  it("pages through the results until a short page", async () => {
    const { provider } = sipay();
    const others = Array.from({ length: 100 }, (_, i) => record(`other-${i}`));
    provider.on("POST /v1/TransactionData/SummaryRecordByFilter", (call) =>
      (call.body as Filter).page_index === 0 ? page(others) : page([record("deep")]),
    );
    const result = await payments(provider).refund({
      provider: "sipay-wallet",
      payment: ref,
      amount: parseMoney("10", "TRY"),
      idempotencyKey: "deep",
    });
    expect(result).toMatchObject({ status: "succeeded", replayed: true });
    expect(searches(provider).map((f) => f.page_index)).toEqual([0, 1]);
    expect(provider.count("/v1/Transaction/RefundPaymentInstant")).toBe(0);
  });

  it("a search answer without payload.results is not 'nothing found': the lookup is unknown", async () => {
    const { provider } = sipay();
    provider.on("POST /v1/TransactionData/SummaryRecordByFilter", (_c, n) => (n === 1 ? page([]) : envelope("[]")));
    provider.on("POST /v1/Transaction/RefundPaymentInstant", "reset");
    const error = await rejection(() =>
      payments(provider).refund({ provider: "sipay-wallet", payment: ref, amount: parseMoney("10", "TRY"), idempotencyKey: "odd" }),
    );
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: true });
    expect(error.message).toContain("payload.results");
  });
});

describe("Sipay Wallet retrieve", () => {
  it("reads the receipt; refunds are not reported", async () => {
    const { provider } = sipay();
    expect(await payments(provider).retrieve({ provider: "sipay-wallet", payment: ref })).toEqual({
      provider: "sipay-wallet",
      status: "succeeded",
      providerStatus: "NormalCompleted",
      amount: parseMoney("250.75", "TRY"),
    });
  });
});

describe("Sipay Wallet against the simulator: lost answers, old refunds, lost stores", () => {
  const NOW = new Date("2024-06-12T07:00:00Z");
  const DAY = 24 * 3600 * 1000;
  const REFUND_PATH = "/v1/Transaction/RefundPaymentInstant";
  const SEARCH_PATH = "/v1/TransactionData/SummaryRecordByFilter";
  let sim: SipayWalletSimulator;
  afterEach(() => sim.close());

  /**
   * Real HTTP to the simulator. The wrapper can take the search down after the refund went out,
   * so the first lookup fails and the refund's outcome stays unknown.
   */
  function network() {
    const state = { searchDownAfterRefund: false, searchDown: false };
    const fetch = async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (state.searchDown && path === SEARCH_PATH)
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
      if (path === REFUND_PATH && state.searchDownAfterRefund) state.searchDown = true;
      return globalThis.fetch(request);
    };
    return { state, fetch };
  }
  const facade = (fetch: (request: Request) => Promise<Response>, store = new MemoryIdempotencyStore(), extra: object = {}) =>
    createPayments({
      "sipay-wallet": { ...sim.credentials, baseUrl: sim.url, fetch, now: () => sim.clock.now(), maxRetries: 0, ...extra },
      idempotencyStore: store,
      now: () => sim.clock.now(),
    });
  const refundsOf = (paymentId: string) => sim.ledger.transactions.filter((t) => t.txCorrelationId === paymentId);
  const refundRequests = () => sim.requests.filter((r) => r.operationId === "refundPaymentInstant").length;

  it("a refund whose answer was lost is still found by its key more than 3 days later (the search's default window), not sent again", async () => {
    sim = await startSipayWalletSimulator({ now: NOW });
    const payment = sim.seedPayment({ amount: "100.00" });
    const net = network();
    const payments = facade(net.fetch);
    const input = {
      provider: "sipay-wallet",
      payment: { transactionId: payment.transactionId },
      amount: parseMoney("40.00", "TRY"),
      idempotencyKey: "old-1",
    } as const;
    sim.faults.inject({ kind: "reset-after" }, { route: REFUND_PATH });
    net.state.searchDownAfterRefund = true;
    expect(await rejection(() => payments.refund(input))).toMatchObject({ code: "outcome_unknown", retryable: true });
    expect(refundsOf(payment.transactionId)).toHaveLength(1);

    net.state.searchDownAfterRefund = false;
    net.state.searchDown = false;
    sim.clock.advance(4 * DAY);
    // What the old lookup (no range) would have seen: nothing, and it would have sent again.
    const plain = createSipayWalletClient({ ...sim.credentials, baseUrl: sim.url });
    expect((await plain.summaryRecordByFilter({ ext_transaction_id: "old-1" })).payload?.results).toEqual([]);

    const retried = await payments.refund(input);
    expect(retried).toMatchObject({ status: "succeeded", replayed: true, refundId: refundsOf(payment.transactionId)[0]?.id });
    expect(refundsOf(payment.transactionId)).toHaveLength(1);
    expect(refundRequests()).toBe(1);
    expect(sim.ledger.transaction(payment.transactionId)?.refunded).toBe(4_000);
  });

  it("a crash that lost the store: a new process retrying the key days later finds the refund before sending", async () => {
    sim = await startSipayWalletSimulator({ now: NOW });
    const payment = sim.seedPayment({ amount: "100.00" });
    const input = {
      provider: "sipay-wallet",
      payment: { transactionId: payment.transactionId },
      amount: parseMoney("25.50", "TRY"),
      idempotencyKey: "crash-1",
    } as const;
    // First process: the answer is lost and the lookup fails, then the process dies with its memory store.
    const net = network();
    sim.faults.inject({ kind: "reset-after" }, { route: REFUND_PATH });
    net.state.searchDownAfterRefund = true;
    expect(await rejection(() => facade(net.fetch).refund(input))).toMatchObject({ code: "outcome_unknown" });

    sim.clock.advance(5 * DAY);
    const restarted = facade(network().fetch, new MemoryIdempotencyStore());
    expect(await restarted.refund(input)).toMatchObject({ status: "succeeded", replayed: true });
    expect(await restarted.refund(input)).toMatchObject({ status: "succeeded", replayed: true });
    expect(refundsOf(payment.transactionId)).toHaveLength(1);
    expect(refundRequests()).toBe(1);
  });

  it.each([
    ["a full refund", undefined],
    ["a partial refund", "40.00"],
  ])("%s whose key is the payment's own ext_transaction_id is refused before sending, never taken as done", async (_what, amount) => {
    sim = await startSipayWalletSimulator({ now: NOW });
    const payment = sim.seedPayment({ amount: "100.00", extTransactionId: "order-77" });
    const input = {
      provider: "sipay-wallet",
      payment: { transactionId: payment.transactionId },
      ...(amount !== undefined ? { amount: parseMoney(amount, "TRY") } : {}),
      idempotencyKey: "order-77",
    } as const;
    const payments = facade(network().fetch);
    const error = await rejection(() => payments.refund(input));
    expect(error).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "idempotencyKey" });
    expect(error.message).toContain("is the ext_transaction_id of the payment being refunded");
    expect(refundRequests()).toBe(0);
    expect(refundsOf(payment.transactionId)).toHaveLength(0);
    // The key was refused, not used: the same refund under a key of its own goes through once.
    expect(await payments.refund({ ...input, idempotencyKey: "order-77-refund-1" })).toMatchObject({
      status: "succeeded",
      replayed: false,
    });
    expect(refundsOf(payment.transactionId)).toHaveLength(1);
  });

  it("a key already used for a refund of another payment is not taken as this payment's refund", async () => {
    sim = await startSipayWalletSimulator({ now: NOW });
    const a = sim.seedPayment({ amount: "100.00" });
    const b = sim.seedPayment({ amount: "100.00" });
    const refundOf = (transactionId: string) =>
      ({ provider: "sipay-wallet", payment: { transactionId }, amount: parseMoney("30.00", "TRY"), idempotencyKey: "shared-key" }) as const;
    expect(await facade(network().fetch).refund(refundOf(a.transactionId))).toMatchObject({ status: "succeeded" });
    // Another process (its own store) refunds B under the same key, same amount: the record under
    // the key names payment A, so it is not B's refund, and nothing is sent.
    const error = await rejection(() => facade(network().fetch, new MemoryIdempotencyStore()).refund(refundOf(b.transactionId)));
    expect(error).toMatchObject({ code: "outcome_unknown" });
    // The ids themselves are not asserted: a 19-digit id that passes the Luhn check is masked as a card number.
    expect(error.message).toMatch(/refers to transaction [0-9*]{19}, not to the payment [0-9*]{19}\./);
    expect(refundsOf(b.transactionId)).toHaveLength(0);
    expect(refundRequests()).toBe(1);
  });

  it("a full refund of a payment older than 3 days reads its amount over the lookback window", async () => {
    sim = await startSipayWalletSimulator({ now: NOW });
    const payment = sim.seedPayment({ amount: "123.45", date: new Date(NOW.getTime() - 10 * DAY) });
    const result = await facade(network().fetch).refund({
      provider: "sipay-wallet",
      payment: { transactionId: payment.transactionId },
      idempotencyKey: "full-10d",
    });
    expect(result).toMatchObject({ status: "succeeded", amount: parseMoney("123.45", "TRY") });
    expect(sim.ledger.transaction(payment.transactionId)?.refunded).toBe(12_345);
  });

  it("a lost store and a refund older than lookbackDays: the re-send is refused by Sipay (301) and reported unknown, never made twice", async () => {
    sim = await startSipayWalletSimulator({ now: NOW });
    const payment = sim.seedPayment({ amount: "100.00" });
    const input = {
      provider: "sipay-wallet",
      payment: { transactionId: payment.transactionId },
      amount: parseMoney("10.00", "TRY"),
      idempotencyKey: "ancient",
    } as const;
    expect(await facade(network().fetch).refund(input)).toMatchObject({ status: "succeeded", replayed: false });

    sim.clock.advance(10 * DAY);
    const restarted = facade(network().fetch, new MemoryIdempotencyStore(), { lookbackDays: 2 });
    const error = await rejection(() => restarted.refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown" });
    expect(error.message).toContain("301");
    expect(refundsOf(payment.transactionId)).toHaveLength(1);
    expect(sim.ledger.transaction(payment.transactionId)?.refunded).toBe(1_000);
  });
});
