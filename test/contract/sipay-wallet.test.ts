/**
 * Contract: the generated @odeme/sipay-wallet client against the Sipay Wallet simulator, over real
 * HTTP: OAuth2 client credentials (one token for concurrent calls, refresh after expiry through the
 * 401 path), every operation of specs/sipay-wallet.yaml, every business rule as the right
 * OdemeError, every injected fault, and 19-digit ids that never lose a digit.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSipayWalletClient,
  OdemeError,
  type sipayWalletOperations,
  sipayWalletProvider,
  type ErrorCode,
  type SipayWalletClient,
} from "../../packages/sipay-wallet/src/index.ts";
import { startSimulator } from "../../packages/testkit/src/index.ts";
import { startSipayWalletSimulator, type SipayWalletSimulator } from "../../packages/testkit/src/providers/sipay-wallet/index.ts";

const NOW = new Date("2024-06-12T07:00:00Z");

let sim: SipayWalletSimulator;
let client: SipayWalletClient;
beforeEach(async () => {
  sim = await startSipayWalletSimulator({ now: NOW });
  client = createSipayWalletClient({ ...sim.credentials, baseUrl: sim.url });
});
afterEach(() => sim.close());

/** A client that never retries reads, with a short time limit (for fault tests). */
const strictClient = (timeoutMs = 5_000) => createSipayWalletClient({ ...sim.credentials, baseUrl: sim.url, maxRetries: 0, timeoutMs });

async function odemeError(promise: Promise<unknown>): Promise<OdemeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OdemeError);
  return error as OdemeError;
}

/** A business failure: status 2 on HTTP 200, mapped by the spec's x-odeme-errors. */
async function expectBusiness(
  promise: Promise<unknown>,
  providerCode: string,
  code: ErrorCode,
  message?: string | RegExp,
): Promise<OdemeError> {
  const error = await odemeError(promise);
  expect(error).toMatchObject({ code, providerCode, status: 200, outcome: "rejected", retryable: false });
  if (message !== undefined) expect(error.providerMessage).toMatch(message);
  return error;
}

const paymentBody = (ext: string, amount: `${number}` = "25.50", extra: object = {}) => ({
  sender_account_number: sim.wallets.personal.accountNumber,
  sender_wallet_number: sim.wallets.personal.walletNumber,
  ext_transaction_id: ext,
  currency_code: "TRY",
  amount,
  receiver_wallet_number: sim.wallets.business.walletNumber,
  ...extra,
});

const refundBody = (txCorrelationId: string, ext: string, amount: `${number}` = "10.00") => ({
  tx_correlation_id: txCorrelationId,
  ext_transaction_id: ext,
  currency_code: "TRY",
  refund_amount: amount,
});

/** A 19-digit id beyond 2^53 that no double holds exactly: parsing it as a number would change it. */
function expectLongId(id: unknown): void {
  expect(id).toMatch(/^[1-9]\d{18}$/);
  expect(BigInt(id as string) > 2n ** 53n).toBe(true);
  expect(String(Number(id))).not.toBe(id);
}

type Success = () => Promise<void>;

/** One success per operation; typed so that an operation added to the spec without a case fails to compile. */
const SUCCESS: Record<keyof typeof sipayWalletOperations, Success> = {
  async getToken() {
    const token = await client.getToken({
      grant_type: "client_credentials",
      client_id: sim.credentials.clientId,
      client_secret: sim.credentials.clientSecret,
      scope: "sts_api",
    });
    expect(token).toMatchObject({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600, scope: "sts_api" });
  },
  async payment() {
    const result = await client.payment(paymentBody("P-1", "25.50", { description: "order 1", business_code: "B5001", hash_key: "" }));
    expect(result).toMatchObject({
      status: 0,
      code: "100",
      message: "İşlem başarılı",
      payload: { transaction_amount: 25.5, charged_amount: 25.5, business_code: "B5001" },
    });
    expectLongId(result.payload?.transaction_id);
    expect(sim.ledger.transaction(String(result.payload?.transaction_id))).toMatchObject({ extTransactionId: "P-1", amount: 2550 });
  },
  async refundPaymentInstant() {
    const payment = sim.seedPayment({ amount: "100.00" });
    const result = await client.refundPaymentInstant({ ...refundBody(payment.transactionId, "R-1", "10.50"), description: "iade" });
    expect(result.payload).toMatchObject({
      ext_transaction_id: "R-1",
      transaction_amount: 10.5,
      previous_amount: 0,
      wallet_info: { id: sim.wallets.personal.id },
    });
    expectLongId(result.payload?.transaction_id);
  },
  async refundPayment() {
    const payment = sim.seedPayment({ amount: "100.00" });
    await client.refundPayment(refundBody(payment.transactionId, "R-1", "40"));
    const result = await client.refundPayment(refundBody(payment.transactionId, "R-2", "60.00"));
    expect(result.payload).toMatchObject({ transaction_amount: 60, previous_amount: 40 });
    expect(sim.ledger.transaction(payment.transactionId)?.refunded).toBe(10_000);
  },
  async transactionReceipt() {
    const payment = sim.seedPayment({ amount: "100.00", extTransactionId: "PAY-1" });
    const result = await client.transactionReceipt({ id: payment.transactionId });
    expect(result.payload).toMatchObject({
      id: payment.transactionId,
      ext_transaction_id: "PAY-1",
      transaction_type_code: "PAYMENT",
      amount: 100,
      wallet_id: sim.wallets.personal.id,
    });
  },
  async summaryRecordByFilter() {
    const payment = sim.seedPayment({ amount: "100.00" });
    await client.refundPaymentInstant(refundBody(payment.transactionId, "R-1"));
    const result = await client.summaryRecordByFilter({ ext_transaction_id: "R-1" });
    // The documented shape: payload.results, records with tx_base_amount and an integer transaction_type_id.
    expect(result.payload?.results).toEqual([
      expect.objectContaining({
        ext_transaction_id: "R-1",
        tx_ref_correlation_id: payment.transactionId,
        tx_base_amount: 10,
        transaction_type_id: 2002,
        transaction_status_id: 20,
        currency_code: "TRY",
      }),
    ]);
  },
  async walletInfo() {
    const result = await client.walletInfo({
      wallet_number: sim.wallets.personal.walletNumber,
      account_number: sim.wallets.personal.accountNumber,
    });
    expect(result.payload).toMatchObject({
      id: sim.wallets.personal.id,
      number: "826282822",
      account_number: "EK2828",
      total_balance: 100_000,
    });
  },
};

describe("every operation succeeds against the simulator", () => {
  it.each(Object.entries(SUCCESS))("%s", async (operationId, run) => {
    await run();
    expect(sim.requests.some((r) => r.operationId === operationId && r.status === 200)).toBe(true);
  });
});

describe("OAuth2 client credentials", () => {
  it("5 concurrent calls share one token request, then the token is reused", async () => {
    const payment = sim.seedPayment({ amount: "100.00" });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => client.refundPaymentInstant(refundBody(payment.transactionId, `R-${i}`, "1.00"))),
    );
    expect(sim.tokenRequests).toBe(1);
    await client.walletInfo({ wallet_number: sim.wallets.personal.walletNumber });
    expect(sim.tokenRequests).toBe(1);
    expect(sim.ledger.transaction(payment.transactionId)?.refunded).toBe(500);
  });

  it("after the token expires by the simulator clock, the 401 refreshes it once and the write is applied once", async () => {
    const payment = sim.seedPayment({ amount: "100.00" });
    await client.walletInfo({ wallet_number: sim.wallets.personal.walletNumber });
    sim.clock.advance(sim.tokenTtlSeconds * 1000);
    const result = await client.refundPaymentInstant(refundBody(payment.transactionId, "R-after-expiry"));
    expect(result.status).toBe(0);
    expect(sim.tokenRequests).toBe(2);
    expect(sim.requests.slice(-3).map((r) => [r.operationId, r.status])).toEqual([
      ["refundPaymentInstant", 401],
      ["getToken", 200],
      ["refundPaymentInstant", 200],
    ]);
    expect(sim.ledger.transaction(payment.transactionId)?.refunded).toBe(1_000);
  });

  it("revoked tokens are refreshed the same way", async () => {
    await client.walletInfo({ wallet_number: sim.wallets.personal.walletNumber });
    sim.revokeTokens();
    await client.walletInfo({ wallet_number: sim.wallets.personal.walletNumber });
    expect(sim.tokenRequests).toBe(2);
  });

  it("a wrong client secret fails as authentication at the token step, without calling the API", async () => {
    const wrong = createSipayWalletClient({ clientId: sim.credentials.clientId, clientSecret: "nope", baseUrl: sim.url });
    const error = await odemeError(wrong.walletInfo({ wallet_number: "1" }));
    expect(error).toMatchObject({ code: "authentication", providerCode: "invalid_client", operation: "token", status: 400 });
    expect(sim.requests.map((r) => r.operationId)).toEqual(["getToken"]);
  });

  it("getToken called directly with a wrong secret is rejected with the OAuth error code", async () => {
    const error = await odemeError(
      client.getToken({ grant_type: "client_credentials", client_id: "x", client_secret: "y", scope: "sts_api" }),
    );
    // The generated getToken uses the spec's x-odeme-errors, which has no OAuth codes: a 400 is invalid_request today.
    expect(error).toMatchObject({
      code: sipayWalletProvider.errors.invalid_client ?? "invalid_request",
      providerCode: "invalid_client",
      status: 400,
    });
  });
});

describe("summaryRecordByFilter: the documented 3-day default window and paging", () => {
  const DAY = 24 * 3600 * 1000;

  it("without start_date/end_date only the last 3 days are searched; a range finds older records", async () => {
    const payment = sim.seedPayment({ amount: "100.00" });
    await client.refundPaymentInstant(refundBody(payment.transactionId, "R-old"));
    sim.clock.advance(3 * DAY + 1_000);
    expect((await client.summaryRecordByFilter({ ext_transaction_id: "R-old" })).payload?.results).toEqual([]);
    const range = { start_date: new Date(NOW.getTime() - DAY).toISOString(), end_date: sim.clock.now().toISOString() };
    expect((await client.summaryRecordByFilter({ ext_transaction_id: "R-old", ...range })).payload?.results).toEqual([
      expect.objectContaining({ ext_transaction_id: "R-old", tx_base_amount: 10 }),
    ]);
    // A range that ends before the record does not find it either.
    expect(
      (
        await client.summaryRecordByFilter({
          ext_transaction_id: "R-old",
          start_date: range.start_date,
          end_date: new Date(NOW.getTime() - 1).toISOString(),
        })
      ).payload?.results,
    ).toEqual([]);
  });

  it("page_index/page_size page through the results, in created_date order when asked for asc", async () => {
    const ids = [1, 2, 3, 4, 5].map(
      (n) => sim.seedPayment({ amount: `${n}.00`, date: new Date(NOW.getTime() - n * 60_000) }).transactionId,
    );
    const page = async (page_index: number) =>
      (
        await client.summaryRecordByFilter({
          transaction_type_code: 2001,
          order_column: "CreatedDateUtc",
          order_by: "asc",
          page_index,
          page_size: 2,
        })
      ).payload?.results.map((r) => r.id);
    expect([await page(0), await page(1), await page(2), await page(3)]).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]], []]);
  });
});

describe("OAuth2 scope", () => {
  it("the default scope is the spec's sts_api; the scope option asks for the Business API's sts_business_api", async () => {
    // Real HTTP to the simulator; the wrapper only reads the token requests' form bodies.
    const scopes: (string | null)[] = [];
    const fetch = async (request: Request) => {
      if (new URL(request.url).pathname === "/connect/token") scopes.push(new URLSearchParams(await request.clone().text()).get("scope"));
      return globalThis.fetch(request);
    };
    await createSipayWalletClient({ ...sim.credentials, baseUrl: sim.url, fetch }).walletInfo({
      wallet_number: sim.wallets.personal.walletNumber,
    });
    const business = createSipayWalletClient({ ...sim.credentials, baseUrl: sim.url, fetch, scope: "sts_business_api" });
    expect((await business.walletInfo({ wallet_number: sim.wallets.personal.walletNumber })).status).toBe(0);
    expect(scopes).toEqual(["sts_api", "sts_business_api"]);
  });

  it("a scope the identity server does not grant fails as authentication at the token step", async () => {
    const wrong = createSipayWalletClient({ ...sim.credentials, baseUrl: sim.url, scope: "sts_admin" });
    expect(await odemeError(wrong.walletInfo({ wallet_number: "1" }))).toMatchObject({
      code: "authentication",
      providerCode: "invalid_scope",
      operation: "token",
    });
    expect(sim.requests.map((r) => r.operationId)).toEqual(["getToken"]);
  });
});

describe("19-digit ids never lose a digit", () => {
  it("payment -> refund by tx_correlation_id -> ledger -> receipt and summary records", async () => {
    const paid = await client.payment(paymentBody("P-big", "100.00"));
    const paymentId = String(paid.payload?.transaction_id);
    expectLongId(paymentId);
    expect(sim.ledger.transaction(paymentId)?.id).toBe(paymentId);

    const refunded = await client.refundPaymentInstant(refundBody(paymentId, "R-big", "30.00"));
    const refundId = String(refunded.payload?.transaction_id);
    expectLongId(refundId);
    expect(sim.ledger.transaction(refundId)).toMatchObject({ id: refundId, txCorrelationId: paymentId });
    expect(refunded.payload?.wallet_info?.id).toBe(sim.wallets.personal.id);

    expect((await client.transactionReceipt({ id: refundId })).payload).toMatchObject({ id: refundId, tx_correlation_id: paymentId });
    expect((await client.summaryRecordByFilter({ id: paymentId })).payload?.results).toEqual([
      expect.objectContaining({ id: paymentId, ext_transaction_id: "P-big" }),
    ]);
    expect(
      (await client.summaryRecordByFilter({ wallet_id: sim.wallets.personal.id, transaction_type_code: 2002 })).payload?.results.map(
        (r) => r.id,
      ),
    ).toEqual([refundId]);
    expect(
      (
        await client.summaryRecordByFilter({ wallet_id: sim.wallets.personal.id, transaction_type_code_list: [2001, 2002] })
      ).payload?.results.map((r) => r.id),
    ).toEqual([refundId, paymentId]);
  });

  it("a neighbouring id (what a double would round to) is a different transaction: 312", async () => {
    const payment = sim.seedPayment({ amount: "10.00" });
    const rounded = BigInt(Number(payment.transactionId)).toString();
    expect(rounded).not.toBe(payment.transactionId);
    await expectBusiness(client.refundPaymentInstant(refundBody(rounded, "R-rounded")), "312", "not_found");
  });
});

describe("business rules -> OdemeError", () => {
  it("refund: more than is left (315), after a full refund (315), unknown transaction (312), reused ext_transaction_id (301)", async () => {
    const payment = sim.seedPayment({ amount: "100.00", extTransactionId: "PAY-1" });
    await client.refundPaymentInstant(refundBody(payment.transactionId, "R-1", "60.00"));
    await expectBusiness(
      client.refundPaymentInstant(refundBody(payment.transactionId, "R-2", "40.01")),
      "315",
      "amount_exceeds_refundable",
      /amount exceeds/,
    );
    await expectBusiness(
      client.refundPayment(refundBody(payment.transactionId, "R-2", "40.01")),
      "315",
      "amount_exceeds_refundable",
      /amount exceeds/,
    );
    await client.refundPayment(refundBody(payment.transactionId, "R-3", "40.00"));
    await expectBusiness(
      client.refundPaymentInstant(refundBody(payment.transactionId, "R-4", "0.01")),
      "315",
      "amount_exceeds_refundable",
      /full refund already done/,
    );
    await expectBusiness(client.refundPaymentInstant(refundBody("1234567890123456789", "R-5")), "312", "not_found");
    await expectBusiness(client.refundPaymentInstant(refundBody(payment.transactionId, "R-1")), "301", "duplicate");
    await expectBusiness(client.refundPayment(refundBody(payment.transactionId, "PAY-1")), "301", "duplicate");
    await expectBusiness(
      client.refundPaymentInstant(refundBody(payment.transactionId, "R-6", "0")),
      "315",
      "amount_exceeds_refundable",
      /< 0\.01/,
    );
    expect(sim.ledger.transaction(payment.transactionId)?.refunded).toBe(10_000);
  });

  it("refund validation: 999 (HTTP 400) with the FluentValidation message; a malformed tx_correlation_id is the ASP.NET 400", async () => {
    const payment = sim.seedPayment({ amount: "100.00" });
    const currency = await odemeError(client.refundPaymentInstant({ ...refundBody(payment.transactionId, "V-1"), currency_code: "" }));
    expect(currency).toMatchObject({
      code: "invalid_request",
      providerCode: "999",
      providerMessage: "'Currency Code' must not be empty.",
      status: 400,
      outcome: "rejected",
    });
    const big = await odemeError(client.refundPaymentInstant(refundBody(payment.transactionId, "V-2", "1000000000")));
    expect(big).toMatchObject({
      code: "invalid_request",
      providerCode: "999",
      providerMessage: "'Refund Amount' must be between 0 and 999999999. You entered 1000000000.",
    });
    const malformed = await odemeError(client.refundPaymentInstant(refundBody("XXX1234X", "V-3")));
    expect(malformed).toMatchObject({
      code: "invalid_request",
      status: 400,
      field: "tx_correlation_id",
      fieldErrors: [{ field: "tx_correlation_id", message: "The supplied value is invalid." }],
    });
    expect(malformed.providerCode).toBeUndefined();
    expect(sim.ledger.transactions).toHaveLength(1);
  });

  it("an amount with more than 2 decimals never leaves the client", async () => {
    const error = await odemeError(client.refundPaymentInstant(refundBody("1234567890123456789", "V-4", "10.005")));
    expect(error).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "refund_amount" });
    expect(sim.requests).toHaveLength(0);
  });

  it("payment: 301 duplicate, 300 wallet, 303 same wallet, 304 business, 311 balance, 999 currency", async () => {
    await client.payment(paymentBody("P-1"));
    await expectBusiness(client.payment(paymentBody("P-1")), "301", "duplicate");
    await expectBusiness(client.payment(paymentBody("P-2", "1.00", { sender_wallet_number: "1" })), "300", "not_found");
    await expectBusiness(
      client.payment(paymentBody("P-3", "1.00", { receiver_wallet_number: sim.wallets.personal.walletNumber })),
      "303",
      "invalid_request",
    );
    await expectBusiness(client.payment(paymentBody("P-4", "1.00", { receiver_wallet_number: "999" })), "304", "not_found");
    const poor = sim.seedWallet({ type: "personal", balance: "1.00" });
    await expectBusiness(
      client.payment(paymentBody("P-5", "1.01", { sender_wallet_number: poor.walletNumber, sender_account_number: poor.accountNumber })),
      "311",
      "provider_error",
    );
    const currency = await odemeError(client.payment({ ...paymentBody("P-6"), currency_code: "USD" }));
    expect(currency).toMatchObject({ code: "invalid_request", providerCode: "999", status: 400 });
    expect(sim.ledger.transactions).toHaveLength(1);
  });

  it("reads: unknown receipt (312), malformed id (ASP.NET 400), unknown wallet (300), no wallet given (999), bad page size (999)", async () => {
    await expectBusiness(client.transactionReceipt({ id: "1234567890123456789" }), "312", "not_found");
    expect(await odemeError(client.transactionReceipt({ id: "12x" }))).toMatchObject({ code: "invalid_request", field: "id" });
    await expectBusiness(client.walletInfo({ wallet_number: "1" }), "300", "not_found");
    expect(await odemeError(client.walletInfo({}))).toMatchObject({ code: "invalid_request", providerCode: "999" });
    expect(await odemeError(client.summaryRecordByFilter({ page_size: 0 }))).toMatchObject({
      code: "invalid_request",
      providerCode: "999",
    });
  });
});

describe("faults", () => {
  const WRITE = "/v1/Transaction/RefundPaymentInstant";
  const READ = "/v1/TransactionData/SummaryRecordByFilter";
  let paymentId: string;
  beforeEach(() => {
    paymentId = sim.seedPayment({ amount: "100.00" }).transactionId;
  });
  const write = (c: SipayWalletClient = client, ext = "R-F") => c.refundPaymentInstant(refundBody(paymentId, ext));
  const read = (c: SipayWalletClient) => c.summaryRecordByFilter({ ext_transaction_id: "R-F" });
  const refunded = () => sim.ledger.transaction(paymentId)?.refunded;

  it("reset-before on a write: outcome_unknown, nothing applied; a lookup shows no record", async () => {
    sim.faults.inject({ kind: "reset-before" }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "outcome_unknown", outcome: "unknown", retryable: false });
    expect(refunded()).toBe(0);
    expect((await client.summaryRecordByFilter({ ext_transaction_id: "R-F" })).payload?.results).toEqual([]);
  });

  it("reset-after on a write: outcome_unknown, applied; the lookup by ext_transaction_id finds it and a retry is 301", async () => {
    sim.faults.inject({ kind: "reset-after" }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
    expect(refunded()).toBe(1_000);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "refundPaymentInstant", applied: true, fault: "reset-after" });
    expect((await client.summaryRecordByFilter({ ext_transaction_id: "R-F" })).payload?.results).toEqual([
      expect.objectContaining({ tx_ref_correlation_id: paymentId, tx_base_amount: 10 }),
    ]);
    await expectBusiness(write(), "301", "duplicate");
    expect(refunded()).toBe(1_000);
  });

  it("reset on a read with maxRetries 0: network; with retries the read recovers", async () => {
    sim.faults.inject({ kind: "reset-before" }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "network", retryable: true });
    sim.faults.inject({ kind: "reset-after" }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "network" });
    sim.faults.inject({ kind: "reset-before" }, { route: READ });
    expect((await read(client)).status).toBe(0);
  });

  it("http-error 503: provider_unavailable on a write (nothing applied) and on a read", async () => {
    sim.faults.inject({ kind: "http-error", status: 503 }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "provider_unavailable", status: 503, retryable: true });
    expect(refunded()).toBe(0);
    sim.faults.inject({ kind: "http-error", status: 503 }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "provider_unavailable", status: 503 });
  });

  it("http-error 502 on a write: outcome_unknown; on a read: provider_unavailable", async () => {
    sim.faults.inject({ kind: "http-error", status: 502 }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "outcome_unknown", status: 502, outcome: "unknown" });
    sim.faults.inject({ kind: "http-error", status: 502 }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "provider_unavailable", status: 502 });
  });

  it("malformed JSON: outcome_unknown on a write (applied), malformed_response on a read", async () => {
    sim.faults.inject({ kind: "malformed-json" }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "outcome_unknown" });
    expect(refunded()).toBe(1_000);
    sim.faults.inject({ kind: "malformed-json" }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "malformed_response" });
  });

  it("truncated JSON: outcome_unknown on a write (applied), network on a read", async () => {
    sim.faults.inject({ kind: "truncated-json" }, { route: WRITE });
    expect(await odemeError(write())).toMatchObject({ code: "outcome_unknown" });
    expect(refunded()).toBe(1_000);
    sim.faults.inject({ kind: "truncated-json" }, { route: READ });
    expect(await odemeError(read(strictClient()))).toMatchObject({ code: "network" });
  });

  it("slow body past the time limit: outcome_unknown on a write (applied), timeout on a read", async () => {
    // Fetch the token first so the short time limit only measures the faulted call.
    const c = strictClient(300);
    await c.walletInfo({ wallet_number: sim.wallets.personal.walletNumber });
    sim.faults.inject({ kind: "slow-body", ms: 5_000 }, { route: WRITE });
    const started = Date.now();
    expect(await odemeError(write(c))).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
    expect(refunded()).toBe(1_000);
    sim.faults.inject({ kind: "slow-body", ms: 5_000 }, { route: READ });
    expect(await odemeError(read(c))).toMatchObject({ code: "timeout", retryable: true });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a fault on the token endpoint: the API call is never sent", async () => {
    sim.faults.inject({ kind: "http-error", status: 503 }, { route: "/connect/token" });
    expect(await odemeError(write())).toMatchObject({ code: "provider_unavailable", operation: "token" });
    expect(refunded()).toBe(0);
    expect(sim.requests.map((r) => r.operationId)).toEqual(["getToken"]);
  });
});

describe("registry", () => {
  it("startSimulator('sipay-wallet') serves the client with the credentials it was given", async () => {
    const other = await startSimulator("sipay-wallet", { credentials: { clientId: "id", clientSecret: "secret" } });
    try {
      const c = createSipayWalletClient({ ...other.credentials, baseUrl: other.url });
      const payment = other.seedPayment({ amount: "5.00" });
      expect((await c.transactionReceipt({ id: payment.transactionId })).payload).toMatchObject({ id: payment.transactionId, amount: 5 });
      expect(other.tokenRequests).toBe(1);
    } finally {
      await other.close();
    }
  });
});
