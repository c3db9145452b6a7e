import { describe, expect, it } from "vitest";
import { createPayments, parseMoney, type Payments } from "../../src/index.ts";
import { fakeProvider, rejection, type FakeProvider, type Reply } from "../helpers/fake-fetch.ts";

const KEYS = { clientId: "sipay-client", clientSecret: "sipay-client-secret" };
// Beyond Number.MAX_SAFE_INTEGER: JSON.parse would turn it into 7440022202222222000.
const PAYMENT = "7440022202222222022";
const REFUND = "7440022202222229999";

const envelope = (payload: string, code = "100", status = 0, message = "İşlem başarılı"): Reply => ({
  text: `{"status":${status},"code":"${code}","message":"${message}","payload":${payload}}`,
  headers: { "content-type": "application/json" },
});

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
    "POST /v1/TransactionData/SummaryRecordByFilter": (call) => {
      const key = (call.body as { ext_transaction_id: string }).ext_transaction_id;
      return envelope(refunds.includes(key) ? `[{"id":${REFUND},"ext_transaction_id":"${key}","tx_correlation_id":${PAYMENT},"amount":10,"transaction_status_id":20}]` : "[]");
    },
  });
  return { provider, refunds };
}

function payments(provider: FakeProvider, extra: object = {}): Payments {
  return createPayments({ "sipay-wallet": { ...KEYS, baseUrl: "http://sipay.test", fetch: provider.fetch }, resendGraceMs: 60_000, ...extra });
}

const ref = { transactionId: PAYMENT };

describe("Sipay Wallet refund", () => {
  it("sends the 19-digit id as a string, the amount as an exact number, the key as ext_transaction_id", async () => {
    const { provider } = sipay();
    const result = await payments(provider).refund({ provider: "sipay-wallet", payment: ref, amount: parseMoney("10.50", "TRY"), idempotencyKey: "r-1" });
    expect(result).toMatchObject({ status: "succeeded", refundId: REFUND, providerOperation: "refundPaymentInstant" });
    const sent = provider.calls.find((c) => c.path === "/v1/Transaction/RefundPaymentInstant");
    expect(sent?.text).toBe(`{"tx_correlation_id":"${PAYMENT}","currency_code":"TRY","refund_amount":10.5,"ext_transaction_id":"r-1"}`);
    expect(sent?.headers.get("authorization")).toBe("Bearer tok-abc");
  });

  it("refunds the payment's amount from its receipt when none is given", async () => {
    const { provider } = sipay();
    const result = await payments(provider).refund({ provider: "sipay-wallet", payment: ref, idempotencyKey: "full" });
    expect(result.amount).toEqual(parseMoney("250.75", "TRY"));
  });

  it.each([
    ["Tam iade daha önce yapılmış", "already_refunded"],
    ["Full refund already done", "already_refunded"],
    ["Tutar 0.01'den küçük olamaz", "invalid_request"],
    ["İade tutarı geçersiz", "amount_exceeds_refundable"],
  ])("refines the ambiguous code 315 by its message (%s)", async (message, code) => {
    const { provider } = sipay();
    provider.on("POST /v1/Transaction/RefundPaymentInstant", envelope("null", "315", 2, message));
    const error = await rejection(() => payments(provider).refund({ provider: "sipay-wallet", payment: ref, amount: parseMoney("1", "TRY"), idempotencyKey: "e" }));
    expect(error).toMatchObject({ code, providerCode: "315", providerMessage: message, outcome: "rejected" });
  });

  it("rejects a transaction id that is not digits before anything is sent", async () => {
    const { provider } = sipay();
    const error = await rejection(() => payments(provider).refund({ provider: "sipay-wallet", payment: { transactionId: "XXX1234X" }, idempotencyKey: "e" }));
    expect(error).toMatchObject({ code: "invalid_request", field: "payment.transactionId" });
    expect(provider.calls).toHaveLength(0);
  });

  it("has no cancel: unsupported, without a request", async () => {
    const { provider } = sipay();
    const error = await rejection(() => payments(provider).cancel({ provider: "sipay-wallet", payment: ref, idempotencyKey: "c" } as never));
    expect(error).toMatchObject({ code: "unsupported", outcome: "not_sent" });
    expect(provider.calls).toHaveLength(0);
  });
});

describe("Sipay Wallet safe replay", () => {
  it("finds a refund whose answer was lost by ext_transaction_id", async () => {
    const { provider, refunds } = sipay();
    provider.on("POST /v1/Transaction/RefundPaymentInstant", (call) => (refunds.push((call.body as { ext_transaction_id: string }).ext_transaction_id), "reset"));
    const result = await payments(provider).refund({ provider: "sipay-wallet", payment: ref, amount: parseMoney("10", "TRY"), idempotencyKey: "lost" });
    expect(result).toMatchObject({ status: "succeeded", refundId: REFUND, replayed: false });
    expect(provider.calls.find((c) => c.path === "/v1/TransactionData/SummaryRecordByFilter")?.body).toEqual({ ext_transaction_id: "lost" });
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
    refunds.push("made-elsewhere");
    provider.on("POST /v1/Transaction/RefundPaymentInstant", envelope("null", "301", 2, "Duplicate"));
    const result = await payments(provider).refund({ provider: "sipay-wallet", payment: ref, amount: parseMoney("10", "TRY"), idempotencyKey: "made-elsewhere" });
    expect(result).toMatchObject({ status: "succeeded", refundId: REFUND });
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
