import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  startSipayWalletSimulator,
  type SipayWalletSeededPayment,
  type SipayWalletSimulator,
} from "../../../src/providers/sipay-wallet/index.ts";
import { api, paymentBody, token } from "./http.ts";

let sim: SipayWalletSimulator;
let bearer: string;
const NOW = new Date("2024-06-12T07:00:00Z");
beforeEach(async () => {
  sim = await startSipayWalletSimulator({ now: NOW });
  bearer = await token(sim);
});
afterEach(() => sim.close());

const post = (path: string, body: object | string) => api(sim, path, body, bearer);
const refund = (
  txCorrelationId: string,
  amount: number | string,
  ext: string,
  extra: object = {},
  path = "/v1/Transaction/RefundPaymentInstant",
) => post(path, { tx_correlation_id: txCorrelationId, ext_transaction_id: ext, currency_code: "TRY", refund_amount: amount, ...extra });
const business = (json: Record<string, unknown>) => ({ status: json.status, code: json.code, message: json.message });

/** A 19-digit id beyond 2^53 that no double represents exactly. */
function expectLongId(id: string): void {
  expect(id).toMatch(/^[1-9]\d{18}$/);
  expect(BigInt(id) > 2n ** 53n).toBe(true);
  expect(BigInt(Number(id))).not.toBe(BigInt(id));
  expect(BigInt(id) <= 9_223_372_036_854_775_807n).toBe(true);
}

describe("seedPayment and seedWallet", () => {
  it("returns a 19-digit transaction_id beyond 2^53, the ext_transaction_id and the amount", () => {
    const seeded = sim.seedPayment({ amount: "100.00", extTransactionId: "ORDER-1" });
    expect(seeded).toEqual<SipayWalletSeededPayment>({ transactionId: expect.any(String), extTransactionId: "ORDER-1", amount: "100.00" });
    expectLongId(seeded.transactionId);
    expect(sim.ledger.transaction(seeded.transactionId)).toMatchObject({ kind: "payment", amount: 10000, createdAt: NOW });
    expect(sim.ledger.wallet(sim.wallets.personal.walletNumber)?.balance).toBe(10_000_000 - 10000);
    expect(sim.ledger.wallet(sim.wallets.business.walletNumber)?.balance).toBe(10000);
    expectLongId(sim.wallets.personal.id);
  });

  it("refuses a reused ext_transaction_id and sub-kuruş amounts; tops up a short payer", () => {
    sim.seedPayment({ amount: "1", extTransactionId: "E" });
    expect(() => sim.seedPayment({ amount: "1", extTransactionId: "E" })).toThrow(/already used/);
    expect(() => sim.seedPayment({ amount: "1.005" })).toThrow(/decimals/);
    const poor = sim.seedWallet({ type: "personal", balance: "1.00" });
    expect(sim.seedPayment({ amount: "50.00", senderWalletNumber: poor.walletNumber }).amount).toBe("50.00");
  });
});

describe("payment (POST /v1/Transaction/Payment)", () => {
  it("moves money from the personal wallet to the business and answers the payload", async () => {
    const { status, json } = await post("/v1/Transaction/Payment", paymentBody(sim, 25.5, "P-1", { description: "order 1" }));
    expect(status).toBe(200);
    expect(json).toMatchObject({
      status: 0,
      code: "100",
      message: "İşlem başarılı",
      payload: {
        transaction_id: expect.any(String),
        transaction_amount: 25.5,
        transaction_fee: 0,
        charged_amount: 25.5,
        business_code: "B5001",
        receiver_wallet_number: sim.wallets.business.walletNumber,
        sender_wallet_info: {
          id: sim.wallets.personal.id,
          number: sim.wallets.personal.walletNumber,
          total_balance: 99974.5,
          monthly_outgoing_total: 25.5,
        },
      },
    });
    const id = String((json.payload as Record<string, unknown>).transaction_id);
    expectLongId(id);
    expect(sim.ledger.transaction(id)).toMatchObject({ extTransactionId: "P-1", amount: 2550, description: "order 1" });
  });

  it("a reused ext_transaction_id is 301 (status 2, HTTP 200), nothing written", async () => {
    await post("/v1/Transaction/Payment", paymentBody(sim, 1, "P-1"));
    const again = await post("/v1/Transaction/Payment", paymentBody(sim, 1, "P-1"));
    expect(again.status).toBe(200);
    expect(again.json).toEqual({
      status: 2,
      code: "301",
      message: "Duplicate: ext_transaction_id has already been used (P-1)",
      payload: null,
    });
    expect(sim.ledger.transactions).toHaveLength(1);
    expect(sim.requests.at(-1)).toMatchObject({ applied: false, status: 200 });
  });

  it("wallet rules: 300 unknown sender (or account mismatch), 303 same wallet, 304 no such business, 311 balance", async () => {
    const cases: [object, string][] = [
      [{ sender_wallet_number: "1" }, "300"],
      [{ sender_account_number: "XX" }, "300"],
      [{ receiver_wallet_number: sim.wallets.personal.walletNumber }, "303"],
      [{ receiver_wallet_number: "999" }, "304"],
      [{ business_code: "B-other" }, "304"],
    ];
    for (const [i, [extra, code]] of cases.entries()) {
      expect(
        business((await post("/v1/Transaction/Payment", paymentBody(sim, 1, `W-${i}`, extra))).json),
        JSON.stringify(extra),
      ).toMatchObject({ status: 2, code });
    }
    const poor = sim.seedWallet({ type: "personal", balance: "5.00" });
    const short = await post(
      "/v1/Transaction/Payment",
      paymentBody(sim, 5.01, "W-poor", { sender_wallet_number: poor.walletNumber, sender_account_number: poor.accountNumber }),
    );
    expect(business(short.json)).toEqual({ status: 2, code: "311", message: "Insufficient wallet balance" });
    expect(sim.ledger.transactions).toHaveLength(0);
  });
});

describe("refunds (RefundPaymentInstant, RefundPayment)", () => {
  let payment: SipayWalletSeededPayment;
  beforeEach(() => {
    payment = sim.seedPayment({ amount: "100.00", extTransactionId: "PAY-1" });
  });

  it("refunds part of a payment and answers the docs' payload shape", async () => {
    const { status, json } = await refund(payment.transactionId, 10, "R-1", { description: "iade" });
    expect(status).toBe(200);
    expect(json).toEqual({
      status: 0,
      code: "100",
      message: "İşlem başarılı",
      payload: {
        transaction_id: expect.any(String),
        ext_transaction_id: "R-1",
        transaction_amount: 10,
        transaction_fee_amount: 0,
        previous_amount: 0,
        wallet_info: expect.objectContaining({
          id: sim.wallets.personal.id,
          account_number: "EK2828",
          account_type: "Bireysel",
          total_balance: 99910,
          tenant_id: "5",
        }),
      },
    });
    const refundId = String((json.payload as Record<string, unknown>).transaction_id);
    expectLongId(refundId);
    expect(sim.ledger.transaction(refundId)).toMatchObject({
      kind: "refund-instant",
      amount: 1000,
      txCorrelationId: payment.transactionId,
    });
    expect(sim.ledger.transaction(payment.transactionId)?.refunded).toBe(1000);
  });

  it("several partial refunds up to the payment; previous_amount is what was refunded before", async () => {
    await refund(payment.transactionId, 40, "R-1");
    const second = await refund(payment.transactionId, 59.99, "R-2", {}, "/v1/Transaction/RefundPayment");
    expect(second.json.payload).toMatchObject({ transaction_amount: 59.99, previous_amount: 40 });
    expect(business((await refund(payment.transactionId, 0.01, "R-3")).json)).toMatchObject({ status: 0 });
    expect(sim.ledger.transaction(payment.transactionId)?.refunded).toBe(10000);
    expect(sim.ledger.transactions.map((t) => t.kind)).toEqual(["payment", "refund-instant", "refund", "refund-instant"]);
  });

  it("more than is left is 315 'amount exceeds'; after a full refund 315 'full refund already done'", async () => {
    await refund(payment.transactionId, 60, "R-1");
    const over = await refund(payment.transactionId, 40.01, "R-2");
    expect(over.status).toBe(200);
    expect(over.json).toEqual({ status: 2, code: "315", message: "Invalid amount: amount exceeds the refundable amount", payload: null });
    await refund(payment.transactionId, 40, "R-3", {}, "/v1/Transaction/RefundPayment");
    const done = await refund(payment.transactionId, 0.01, "R-4", {}, "/v1/Transaction/RefundPayment");
    expect(business(done.json)).toEqual({ status: 2, code: "315", message: "Invalid amount: full refund already done" });
    expect(sim.ledger.transactions).toHaveLength(3);
  });

  it("the 'exceeds' text never carries a figure that could read as the '< 0.01' case", async () => {
    const odd = sim.seedPayment({ amount: "10.01" });
    expect((await refund(odd.transactionId, 10.02, "R-odd")).json.message).toBe("Invalid amount: amount exceeds the refundable amount");
  });

  it("an amount below 0.01 is 315 'amount can't be < 0.01'", async () => {
    expect(business((await refund(payment.transactionId, 0, "R-0")).json)).toEqual({
      status: 2,
      code: "315",
      message: "Invalid amount: amount can't be < 0.01",
    });
  });

  it("a reused ext_transaction_id (of a payment or a refund) is 301", async () => {
    await refund(payment.transactionId, 1, "R-1");
    expect(business((await refund(payment.transactionId, 1, "R-1")).json)).toMatchObject({ status: 2, code: "301" });
    expect(business((await refund(payment.transactionId, 1, "PAY-1")).json)).toMatchObject({ status: 2, code: "301" });
    expect(sim.ledger.transaction(payment.transactionId)?.refunded).toBe(100);
  });

  it("an unknown transaction, or a refund's id, is 312", async () => {
    expect(business((await refund("1234567890123456789", 1, "R-1")).json)).toEqual({
      status: 2,
      code: "312",
      message: "Transaction record not found (tx_correlation_id 1234567890123456789)",
    });
    const refunded = await refund(payment.transactionId, 1, "R-2");
    const refundId = String((refunded.json.payload as Record<string, unknown>).transaction_id);
    expect(business((await refund(refundId, 1, "R-3")).json)).toMatchObject({ code: "312" });
  });

  it("the 19-digit tx_correlation_id is matched exactly: a neighbour id is not the payment", async () => {
    const neighbour = (BigInt(payment.transactionId) + 1n).toString();
    expect(business((await refund(neighbour, 1, "R-n")).json)).toMatchObject({ code: "312" });
    // Leading zeros bind to the same long.
    expect(business((await refund(`00${payment.transactionId}`, 1, "R-z")).json)).toMatchObject({ status: 0 });
  });

  it("a malformed, empty or too large tx_correlation_id is the ASP.NET model-binding 400", async () => {
    for (const [i, bad] of ["XXX1234X", "", "9223372036854775808", "-5"].entries()) {
      const { status, json } = await refund(bad, 1, `R-${i}`);
      expect(status, bad).toBe(400);
      expect(json, bad).toEqual({
        type: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
        title: "One or more validation errors occurred.",
        status: 400,
        traceId: expect.any(String),
        errors: { tx_correlation_id: ["The supplied value is invalid."] },
      });
    }
    // Binding comes before validation: a malformed id wins over a missing currency.
    const both = await post("/v1/Transaction/RefundPaymentInstant", {
      tx_correlation_id: "abc",
      ext_transaction_id: "x",
      refund_amount: 1,
    });
    expect(both.json.errors).toEqual({ tx_correlation_id: ["The supplied value is invalid."] });
  });

  it("validation errors are status 1, code 999, HTTP 400 with FluentValidation messages", async () => {
    const expect999 = async (body: object, message: string) => {
      const { status, json } = await post("/v1/Transaction/RefundPaymentInstant", body);
      expect(status, message).toBe(400);
      expect(json, message).toEqual({ status: 1, code: "999", message, payload: null });
    };
    const base = { tx_correlation_id: payment.transactionId, ext_transaction_id: "V", currency_code: "TRY", refund_amount: 1 };
    await expect999({ ...base, currency_code: undefined }, "'Currency Code' must not be empty.");
    await expect999({ ...base, currency_code: "" }, "'Currency Code' must not be empty.");
    await expect999({ ...base, currency_code: "USD" }, "'Currency Code' must be equal to 'TRY'.");
    await expect999({ ...base, ext_transaction_id: " " }, "'Ext Transaction Id' must not be empty.");
    await expect999({ ...base, tx_correlation_id: "0" }, "'Tx Correlation Id' must not be empty.");
    await expect999({ ...base, refund_amount: -10 }, "'Refund Amount' must be between 0 and 999999999. You entered -10.");
    await expect999({ ...base, refund_amount: 1000000000 }, "'Refund Amount' must be between 0 and 999999999. You entered 1000000000.");
    await expect999(
      { ...base, refund_amount: 10.005 },
      "'Refund Amount' must not be more than 11 digits in total, with allowance for 2 decimals. 5 digits and 3 decimals were found.",
    );
    expect(sim.ledger.transactions).toHaveLength(1);
  });

  it("a wrong JSON type or a body that is not JSON is an ASP.NET binding 400", async () => {
    const typed = await post("/v1/Transaction/RefundPaymentInstant", {
      tx_correlation_id: payment.transactionId,
      ext_transaction_id: "T",
      currency_code: "TRY",
      refund_amount: "ten",
    });
    expect([typed.status, typed.json.errors]).toEqual([400, { refund_amount: ["The supplied value is invalid."] }]);
    const notJson = await post("/v1/Transaction/RefundPaymentInstant", "{nope");
    expect(notJson.status).toBe(400);
    expect(Object.keys(notJson.json.errors as object)).toEqual(["$"]);
  });
});

describe("transaction data: receipt and summary records reflect payments and refunds", () => {
  it("transactionReceipt finds a payment or refund by its id; an unknown id is 312", async () => {
    const payment = sim.seedPayment({ amount: "100.00", extTransactionId: "PAY-1", description: "d" });
    const receipt = await post("/v1/TransactionData/TransactionReceipt", { id: payment.transactionId });
    expect(receipt.json).toEqual({
      status: 0,
      code: "100",
      message: "İşlem başarılı",
      payload: {
        id: payment.transactionId,
        ext_transaction_id: "PAY-1",
        tenant_id: "5",
        wallet_id: sim.wallets.personal.id,
        tx_correlation_id: null,
        transaction_type_code: "PAYMENT",
        transaction_type: "Payment",
        transaction_status_id: 20,
        transaction_status: "NormalCompleted",
        amount: 100,
        fee_amount: 0,
        currency_code: "TRY",
        sender_wallet_number: sim.wallets.personal.walletNumber,
        receiver_wallet_number: sim.wallets.business.walletNumber,
        description: "d",
        created_date_utc: "2024-06-12T07:00:00.000+00:00",
      },
    });
    expect((await post("/v1/TransactionData/TransactionReceipt", { id: "1234567890123456789" })).json).toMatchObject({
      status: 2,
      code: "312",
      payload: null,
    });
    expect((await post("/v1/TransactionData/TransactionReceipt", { id: "12x" })).json.errors).toEqual({
      id: ["The supplied value is invalid."],
    });
  });

  it("summaryRecordByFilter by ext_transaction_id tells whether a refund happened", async () => {
    const payment = sim.seedPayment({ amount: "100.00" });
    const none = await post("/v1/TransactionData/SummaryRecordByFilter", { ext_transaction_id: "R-lost" });
    expect(none.json).toEqual({
      status: 0,
      code: "100",
      message: "İşlem başarılı",
      payload: { results: [], page_index: 0, page_size: 20, total_count: 0 },
    });
    await refund(payment.transactionId, 10, "R-lost");
    const found = await post("/v1/TransactionData/SummaryRecordByFilter", { ext_transaction_id: "R-lost" });
    expect((found.json.payload as { results: unknown[] }).results).toEqual([
      expect.objectContaining({
        ext_transaction_id: "R-lost",
        tx_ref_correlation_id: payment.transactionId,
        transaction_type_id: 2002,
        transaction_type: "RefundPaymentInstant",
        tx_base_amount: 10,
      }),
    ]);
  });

  it("summary records have the documented fields (Sipay's SummaryRecordResponse)", async () => {
    const payment = sim.seedPayment({ amount: "100.00", extTransactionId: "PAY-doc" });
    const found = await post("/v1/TransactionData/SummaryRecordByFilter", { ext_transaction_id: "PAY-doc" });
    const [record] = (found.json.payload as { results: Record<string, unknown>[] }).results;
    expect(record).toMatchObject({
      id: payment.transactionId,
      tenant_id: "5",
      tx_group_correlation_id: "0",
      tx_ref_correlation_id: "0",
      wallet_id: sim.wallets.personal.id,
      transaction_type_id: 2001,
      transaction_status_id: 20,
      transaction_status: "NormalCompleted",
      result_code: "Success",
      created_date_utc: "2024-06-12T07:00:00.000+00:00",
      tx_base_amount: 100,
      tx_amount_with_additional_fee: 100,
      currency_code: "TRY",
      from_wallet_number: sim.wallets.personal.walletNumber,
      to_wallet_number: sim.wallets.business.walletNumber,
      ext_transaction_id: "PAY-doc",
    });
    expect(typeof record?.transaction_type_id).toBe("number");
  });

  it("without start_date/end_date only the last 3 days are searched (the documented default)", async () => {
    const search = async (filter: object) =>
      (
        (await post("/v1/TransactionData/SummaryRecordByFilter", filter)).json.payload as { results: { tx_base_amount: number }[] }
      ).results.map((r) => r.tx_base_amount);
    sim.seedPayment({ amount: "1.00", date: new Date(NOW.getTime() - 3 * 24 * 3600 * 1000 - 1) });
    sim.seedPayment({ amount: "2.00", date: new Date(NOW.getTime() - 3 * 24 * 3600 * 1000 + 1) });
    expect(await search({})).toEqual([2]);
    expect(await search({ start_date: "2024-06-01T00:00:00Z", end_date: NOW.toISOString() })).toEqual([2, 1]);
    // One bound alone is a range too: the other end is open.
    expect(await search({ start_date: "2024-06-01T00:00:00Z" })).toEqual([2, 1]);
  });

  it("filters combine: id, wallet, type, dates; newest first; paged", async () => {
    const a = sim.seedPayment({ amount: "1.00", date: new Date("2024-06-10T00:00:00Z") });
    sim.seedPayment({ amount: "2.00", date: new Date("2024-06-11T00:00:00Z") });
    await refund(a.transactionId, 0.5, "R-a");
    const other = sim.seedWallet({ type: "personal", balance: "10" });
    sim.seedPayment({ amount: "3.00", senderWalletNumber: other.walletNumber });
    const search = async (filter: object) =>
      (
        (await post("/v1/TransactionData/SummaryRecordByFilter", filter)).json.payload as {
          results: { tx_base_amount: number; id: string }[];
        }
      ).results.map((r) => ({ amount: r.tx_base_amount, id: r.id }));
    expect((await search({ id: a.transactionId })).map((r) => r.id)).toEqual([a.transactionId]);
    expect((await search({ wallet_id: sim.wallets.personal.id })).map((r) => r.amount)).toEqual([0.5, 2, 1]);
    expect((await search({ wallet_id: other.id })).map((r) => r.amount)).toEqual([3]);
    expect((await search({ transaction_type_code: 2001 })).map((r) => r.amount)).toEqual([3, 2, 1]);
    expect((await search({ start_date: "2024-06-10T12:00:00Z", end_date: "2024-06-11T12:00:00Z" })).map((r) => r.amount)).toEqual([2]);
    expect((await search({ transaction_type_code: 2001, page_index: 1, page_size: 2 })).map((r) => r.amount)).toEqual([1]);
    expect((await search({ page_index: 1, page_size: 2 })).map((r) => r.amount)).toEqual([2, 1]);
    expect((await search({ tenant_id: "6" })).length).toBe(0);
    expect((await post("/v1/TransactionData/SummaryRecordByFilter", { page_size: 0 })).json).toMatchObject({
      status: 1,
      code: "999",
      message: "'Page Size' must be greater than or equal to '1'.",
    });
  });
});

describe("wallet info", () => {
  it("answers a wallet by number (and account number); an unknown one is 300; neither is a 999", async () => {
    const info = await post("/v1/wallet/info", {
      wallet_number: sim.wallets.business.walletNumber,
      account_number: sim.wallets.business.accountNumber,
    });
    expect(info.json.payload).toMatchObject({
      id: sim.wallets.business.id,
      account_type: "Kurumsal",
      number: "500000001",
      total_balance: 0,
    });
    expect((await post("/v1/wallet/info", { account_number: "EK2828" })).json.payload).toMatchObject({
      number: "826282822",
      total_balance: 100000,
    });
    expect(business((await post("/v1/wallet/info", { wallet_number: "826282822", account_number: "BK5001" })).json)).toMatchObject({
      status: 2,
      code: "300",
    });
    expect(business((await post("/v1/wallet/info", { wallet_number: "1" })).json)).toMatchObject({ status: 2, code: "300" });
    expect((await post("/v1/wallet/info", {})).json).toEqual({
      status: 1,
      code: "999",
      message: "'Wallet Number' must not be empty.",
      payload: null,
    });
  });

  it("an unknown path is a 404 problem", async () => {
    const { status, json } = await post("/v1/Nope", {});
    expect(status).toBe(404);
    expect(json).toMatchObject({ title: "Not Found", status: 404 });
  });
});
