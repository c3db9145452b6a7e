/**
 * The facade's input checks, case by case: each bad input the issue found reaching the provider
 * on main, refused before any request with the field named; the boundaries that must still pass.
 */
import { describe, expect, it } from "vitest";
import { createPayments, parseMoney, type OdemeError } from "../../src/index.ts";
import { checkRetrieve, checkWrite } from "../../src/input/index.ts";
import { fakeProvider, rejection } from "../helpers/fake-fetch.ts";

const CONFIG = {
  iyzico: { apiKey: "iyzico-api-key-0001", secretKey: "iyzico-secret-key-0001", baseUrl: "http://127.0.0.1:9" },
  paywall: {
    apiKeyPublic: "pw-a-0001",
    apiClientPublic: "pw-b-0001",
    apiKeyPrivate: "pw-c-0001",
    apiClientPrivate: "pw-d-0001",
    baseUrl: "http://127.0.0.1:9",
  },
  dineropay: { merchantKey: "dp-merchant-0001", password: "dp-password-0001", baseUrl: "http://127.0.0.1:9" },
  parolapay: { username: "parola-user-0001", password: "parola-pass-0001", baseUrl: "http://127.0.0.1:9" },
  "sipay-wallet": { clientId: "sipay-client-0001", clientSecret: "sipay-secret-0001", baseUrl: "http://127.0.0.1:9" },
} as const;

function facade() {
  const wire = fakeProvider();
  return { wire, payments: createPayments({ ...CONFIG, fetch: wire.fetch }) };
}

const TRY = (s: string) => parseMoney(s, "TRY");
const UUID = "0b9c7a52-3f8e-4d1a-9c2b-5e6f7a8b9c0d";
const INTENT = "pi_f6c993ad890e49d4859c8c17";

type Op = "refund" | "cancel" | "retrieve";

/** Runs one call that must be refused before the wire, and returns the error. */
async function refused(op: Op, input: unknown): Promise<OdemeError> {
  const { wire, payments } = facade();
  const run =
    op === "refund"
      ? () => payments.refund(input as never)
      : op === "cancel"
        ? () => payments.cancel(input as never)
        : () => payments.retrieve(input as never);
  const error = await rejection(run);
  expect(wire.calls).toHaveLength(0);
  expect(error.outcome).toBe("not_sent");
  expect(error.message).not.toContain("[object Object]");
  return error;
}

describe("what reached the provider on main is refused before any request", () => {
  it.each<[string, Op, unknown, string, string?]>([
    [
      "a bigint description",
      "refund",
      { provider: "iyzico", payment: { paymentId: "1" }, idempotencyKey: "k1", description: 5n },
      "description",
      "got 5n (a bigint)",
    ],
    [
      "an object description",
      "cancel",
      { provider: "parolapay", payment: { intentId: INTENT }, idempotencyKey: "k1", description: { a: 1 } },
      "description",
      "got an object with key a",
    ],
    [
      "a description of 256 characters",
      "refund",
      { provider: "sipay-wallet", payment: { transactionId: "1" }, idempotencyKey: "k1", description: "d".repeat(256) },
      "description",
      "got a string of 256 characters",
    ],
    [
      "an iyzico cancel of one basket item",
      "cancel",
      { provider: "iyzico", payment: { paymentId: "1", paymentTransactionId: "2" }, idempotencyKey: "k1" },
      "payment.paymentTransactionId",
      "never one basket item",
    ],
    [
      "a cancel with an amount",
      "cancel",
      { provider: "iyzico", payment: { paymentId: "1" }, idempotencyKey: "k1", amount: TRY("1.00") },
      "amount",
      "takes no amount",
    ],
    [
      "a Paywall payment named two ways",
      "refund",
      { provider: "paywall", payment: { merchantUniqueCode: "o-1", uniqueCode: UUID, date: "2024-02-01" }, idempotencyKey: "k1" },
      "payment",
      "got merchantUniqueCode and uniqueCode together",
    ],
    [
      "a Paywall date that does not exist",
      "refund",
      { provider: "paywall", payment: { merchantUniqueCode: "o-1", date: "2024-02-30" }, idempotencyKey: "k1" },
      "payment.date",
      'got "2024-02-30"',
    ],
    [
      "a Paywall date in another format",
      "cancel",
      { provider: "paywall", payment: { uniqueCode: UUID, date: "01.02.2024" }, idempotencyKey: "k1" },
      "payment.date",
    ],
    [
      "a Paywall date beside a paymentId",
      "refund",
      { provider: "paywall", payment: { paymentId: 7, date: "2024-02-01" }, idempotencyKey: "k1" },
      "payment.date",
    ],
    [
      "a Paywall merchantUniqueCode over the spec's 250",
      "retrieve",
      { provider: "paywall", payment: { merchantUniqueCode: "m".repeat(251) } },
      "payment.merchantUniqueCode",
      "at most 250",
    ],
    [
      "a Paywall merchantUniqueCode a header cannot carry",
      "retrieve",
      { provider: "paywall", payment: { merchantUniqueCode: "sipariş-1" } },
      "payment.merchantUniqueCode",
      "HTTP header",
    ],
    [
      "a Sipay amount above the spec's maximum",
      "refund",
      { provider: "sipay-wallet", payment: { transactionId: "1" }, idempotencyKey: "k1", amount: TRY("999999999.01") },
      "amount",
      "at most 999999999.00 TRY",
    ],
    [
      "a Sipay id above the largest signed 64-bit integer",
      "refund",
      { provider: "sipay-wallet", payment: { transactionId: "9223372036854775808" }, idempotencyKey: "k1" },
      "payment.transactionId",
      "9223372036854775807",
    ],
    [
      "a DineroPay id that is not a UUID",
      "retrieve",
      { provider: "dineropay", payment: { paymentId: "12345" } },
      "payment.paymentId",
      "(a UUID)",
    ],
    [
      "an iyzico amount in a currency iyzico does not take",
      "refund",
      { provider: "iyzico", payment: { paymentId: "1" }, idempotencyKey: "k1", amount: parseMoney("1", "JPY") },
      "amount.currency",
    ],
    [
      "a DineroPay amount with 3 decimals",
      "refund",
      { provider: "dineropay", payment: { paymentId: UUID }, idempotencyKey: "k1", amount: parseMoney("1.005", "KWD") },
      "amount",
    ],
    [
      "an amount with an extra key",
      "refund",
      { provider: "parolapay", payment: { intentId: INTENT }, idempotencyKey: "k1", amount: { ...TRY("1"), fee: 1n } },
      "amount.fee",
    ],
    [
      "a lookup with an idempotency key",
      "retrieve",
      { provider: "iyzico", payment: { paymentId: "1" }, idempotencyKey: "k1" },
      "idempotencyKey",
      "takes no idempotency key",
    ],
  ])("%s", async (_what, op, input, field, says) => {
    const error = await refused(op, input);
    expect(error).toMatchObject({ code: "invalid_request", field });
    if (says !== undefined) expect(error.message).toContain(says);
  });

  it("refund(null) and retrieve(undefined) are input errors, not TypeErrors", async () => {
    expect(await refused("refund", null)).toMatchObject({ code: "invalid_request", field: "input" });
    expect(await refused("retrieve", undefined)).toMatchObject({ code: "invalid_request", field: "input" });
    expect((await refused("cancel", [])).message).toBe(
      "cancel: input must be an object like { provider, payment, idempotencyKey }; got an array of 0 items.",
    );
  });

  it("a reference that contains itself is refused, without overflowing the stack", async () => {
    const payment: Record<string, unknown> = { paymentId: "1" };
    payment.parent = payment;
    const error = await refused("refund", { provider: "iyzico", payment, idempotencyKey: "k1" });
    expect(error).toMatchObject({ code: "invalid_request", field: "payment.parent" });
    expect(error.message).toContain("got an object with keys paymentId, parent");
  });

  it("never calls a getter: what is checked is what would be sent", async () => {
    let reads = 0;
    const payment = Object.defineProperty({}, "paymentId", { enumerable: true, get: () => (++reads === 1 ? "1" : "2") });
    const error = await refused("refund", { provider: "iyzico", payment, idempotencyKey: "k1" });
    expect(error).toMatchObject({ code: "invalid_request", field: "payment.paymentId" });
    expect(reads).toBe(0);
  });

  it("a Proxy that throws is an input error too", async () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new RangeError("no");
        },
      },
    );
    expect(await refused("retrieve", hostile)).toMatchObject({ code: "invalid_request", field: "input" });
  });

  it("the checks come before any lookup: a refund that would read the payment first sends nothing", async () => {
    // DineroPay's planRefund reads the payment status first; a bad description stops it before that.
    const error = await refused("refund", {
      provider: "dineropay",
      payment: { paymentId: UUID },
      idempotencyKey: "k1",
      description: Symbol("d"),
    });
    expect(error).toMatchObject({ field: "description" });
  });
});

describe("messages render the bad value safely", () => {
  it("masks a card number passed as an id, and never shows part of a long value", async () => {
    const card = await refused("retrieve", { provider: "parolapay", payment: { intentId: "4111 1111 1111 1111" } });
    expect(card.message).toContain('got "************1111"');
    expect(card.message).not.toMatch(/4111 1111/);
    const secret = CONFIG.iyzico.secretKey.repeat(3);
    const long = await refused("retrieve", { provider: "dineropay", payment: { paymentId: secret } });
    expect(long.message).toContain(`got a string of ${secret.length} characters`);
    expect(long.message).not.toContain(CONFIG.iyzico.secretKey.slice(0, 8));
  });

  it("masks a configured credential passed as a value", async () => {
    const error = await refused("retrieve", { provider: "parolapay", payment: { intentId: CONFIG.parolapay.password } });
    expect(error.message).not.toContain(CONFIG.parolapay.password);
  });

  it("an unknown provider is named safely, not echoed into error.provider", async () => {
    const error = await refused("refund", { provider: "4111111111111111", payment: {}, idempotencyKey: "k1" });
    expect(error).toMatchObject({ field: "provider", provider: "unknown" });
    expect(error.message).toContain('"************1111"');
  });
});

describe("capabilities(provider) checks its argument the same way", () => {
  it.each<[string, unknown]>([
    ["an inherited key", "__proto__"],
    ["a method name", "toString"],
    ["an object", { id: "iyzico" }],
    [
      "an object whose toString throws",
      {
        toString: () => {
          throw new Error("no");
        },
      },
    ],
  ])("%s", (_what, provider) => {
    const { payments } = facade();
    let error: unknown;
    try {
      payments.capabilities(provider as never);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "invalid_request", field: "provider", provider: "unknown", outcome: "not_sent" });
    expect((error as Error).message).not.toContain("[object Object]");
  });
});

describe("good input at the boundaries still passes", () => {
  it.each<[string, "refund" | "cancel" | "retrieve", Record<string, unknown>]>([
    [
      "the largest signed 64-bit Sipay id",
      "refund",
      { provider: "sipay-wallet", payment: { transactionId: "9223372036854775807" }, idempotencyKey: "k1" },
    ],
    [
      "Sipay's maximum amount",
      "refund",
      { provider: "sipay-wallet", payment: { transactionId: "1" }, idempotencyKey: "k1", amount: TRY("999999999") },
    ],
    ["a leap day", "cancel", { provider: "paywall", payment: { merchantUniqueCode: "o-1", date: "2024-02-29" }, idempotencyKey: "k1" }],
    [
      "a merchantUniqueCode of 250 characters",
      "refund",
      { provider: "paywall", payment: { merchantUniqueCode: "m".repeat(250), date: "2024-02-01" }, idempotencyKey: "k1" },
    ],
    ["a Paywall lookup without a date", "retrieve", { provider: "paywall", payment: { merchantUniqueCode: "o-1" } }],
    ["an upper-case UUID", "retrieve", { provider: "dineropay", payment: { paymentId: UUID.toUpperCase() } }],
    [
      "an iyzico basket item refund",
      "refund",
      { provider: "iyzico", payment: { paymentId: "1", paymentTransactionId: "2" }, idempotencyKey: "k1", amount: TRY("0.01") },
    ],
    [
      "a description with a line break, of 255 characters",
      "cancel",
      { provider: "iyzico", payment: { paymentId: "1" }, idempotencyKey: "k1", description: `a\n${"b".repeat(253)}` },
    ],
    [
      "a key of 128 visible characters",
      "refund",
      { provider: "parolapay", payment: { intentId: INTENT }, idempotencyKey: "~".repeat(128) },
    ],
    [
      "undefined optional keys",
      "refund",
      {
        provider: "iyzico",
        payment: { paymentId: "1", paymentTransactionId: undefined },
        idempotencyKey: "k1",
        amount: undefined,
        description: undefined,
      },
    ],
  ])("%s", (_what, op, input) => {
    const checked = op === "retrieve" ? checkRetrieve(input) : checkWrite(op, input);
    const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    expect(checked).toEqual({ ...defined(input), payment: defined(input.payment as Record<string, unknown>) });
  });
});
