import { describe, expect, it } from "vitest";
import { createPayments, OdemeError, parseMoney, PROVIDER_IDS, type CancelInput, type RefundInput } from "../src/index.ts";
import { fakeProvider, rejection } from "./helpers/fake-fetch.ts";

const CONFIG = {
  iyzico: { apiKey: "a", secretKey: "s", baseUrl: "http://x.test" },
  paywall: { apiKeyPublic: "a", apiClientPublic: "b", apiKeyPrivate: "c", apiClientPrivate: "d", baseUrl: "http://x.test" },
  dineropay: { merchantKey: "m", password: "p", baseUrl: "http://x.test" },
  parolapay: { username: "u", password: "p", baseUrl: "http://x.test" },
  "sipay-wallet": { clientId: "c", clientSecret: "s", baseUrl: "http://x.test" },
} as const;

function everything() {
  const fake = fakeProvider();
  return { fake, payments: createPayments({ ...CONFIG, fetch: fake.fetch }) };
}

describe("createPayments", () => {
  it("configures only the providers given, and names the missing option", async () => {
    const payments = createPayments({ iyzico: CONFIG.iyzico });
    expect(payments.configured).toEqual(["iyzico"]);
    const error = await rejection(() => payments.retrieve({ provider: "paywall", payment: { paymentId: 1 } }));
    expect(error).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "paywall" });
    expect(error.message).toBe('retrieve: paywall is not configured; pass the "paywall" option to createPayments.');
  });

  it("refuses an unknown provider at run time too", async () => {
    const { payments } = everything();
    const error = await rejection(() => payments.refund({ provider: "stripe", payment: {}, idempotencyKey: "k" } as unknown as RefundInput));
    expect(error).toMatchObject({ code: "invalid_request", field: "provider" });
    expect(error.message).toContain("use one of iyzico, paywall, dineropay, parolapay, sipay-wallet");
  });

  it("checks a provider's credentials when created, before any request", () => {
    expect(() => createPayments({ iyzico: { apiKey: "", secretKey: "s" } })).toThrow(OdemeError);
  });

  it("passes the shared logger, fetch and timeout to every client, and a provider's own fetch wins", async () => {
    const shared = fakeProvider({ "POST /payment/detail": { json: { status: "failure", errorCode: "11", errorMessage: "Geçersiz istek" } } });
    const own = fakeProvider({ "POST /parolapay/status": { status: 404, json: { error: { code: "not_found", message: "no intent" } } } });
    const events: string[] = [];
    const payments = createPayments({
      iyzico: CONFIG.iyzico,
      parolapay: { ...CONFIG.parolapay, fetch: own.fetch },
      fetch: shared.fetch,
      logger: (e) => events.push(`${e.provider} ${e.type}`),
    });
    await rejection(() => payments.retrieve({ provider: "iyzico", payment: { paymentId: "1" } }));
    await rejection(() => payments.retrieve({ provider: "parolapay", payment: { intentId: "pi_0123456789abcdef01234567" } }));
    expect([shared.calls.length, own.calls.length]).toEqual([1, 1]);
    expect(events).toEqual(["iyzico request", "iyzico response", "parolapay request", "parolapay response"]);
  });
});

describe("capabilities", () => {
  it("are known for every provider without configuring it", () => {
    const payments = createPayments({});
    for (const id of PROVIDER_IDS) expect(payments.capabilities(id).partialRefund).toBe(true);
    expect(payments.capabilities("iyzico").itemRefund).toBe(true);
    expect(payments.capabilities("sipay-wallet")).toMatchObject({ cancel: false, idempotency: "provider" });
    expect(payments.capabilities("dineropay").asyncRefund).toBe(true);
  });

  it("agree with the reference types: only iyzico refunds items, Sipay Wallet has no cancel", () => {
    const payments = createPayments({});
    const items = PROVIDER_IDS.filter((p) => payments.capabilities(p).itemRefund);
    const cancels = PROVIDER_IDS.filter((p) => payments.capabilities(p).cancel);
    expect(items).toEqual(["iyzico"]);
    expect(cancels).toEqual(["iyzico", "paywall", "dineropay", "parolapay"] satisfies CancelInput["provider"][]);
  });
});

describe("unsupported is known before the wire", () => {
  it.each([
    ["an item refund on Paywall", () => ({ provider: "paywall", payment: { paymentId: 1, paymentTransactionId: "9" }, idempotencyKey: "k" }), "refund"],
    ["an item refund on Sipay Wallet", () => ({ provider: "sipay-wallet", payment: { transactionId: "1", paymentTransactionId: "9" }, idempotencyKey: "k" }), "refund"],
    ["a cancel on Sipay Wallet", () => ({ provider: "sipay-wallet", payment: { transactionId: "1" }, idempotencyKey: "k" }), "cancel"],
    ["a Paywall cancel by paymentId", () => ({ provider: "paywall", payment: { paymentId: 1 }, idempotencyKey: "k" }), "cancel"],
  ] as const)("%s", async (_what, input, op) => {
    const { fake, payments } = everything();
    const call = op === "refund" ? () => payments.refund(input() as never) : () => payments.cancel(input() as never);
    expect(await rejection(call)).toMatchObject({ code: "unsupported", outcome: "not_sent" });
    expect(fake.calls).toHaveLength(0);
  });

  it("a Paywall lookup by uniqueCode", async () => {
    const { fake, payments } = everything();
    const error = await rejection(() => payments.retrieve({ provider: "paywall", payment: { uniqueCode: "g", date: "2024-01-01" } } as never));
    expect(error.code).toBe("unsupported");
    expect(fake.calls).toHaveLength(0);
  });
});

describe("input checks", () => {
  const base = { provider: "iyzico", payment: { paymentId: "1" } } as const;

  it.each([
    ["a missing key", { idempotencyKey: undefined }, "idempotencyKey"],
    ["an empty key", { idempotencyKey: "" }, "idempotencyKey"],
    ["a key with spaces", { idempotencyKey: "order 42" }, "idempotencyKey"],
    ["a key of 129 characters", { idempotencyKey: "k".repeat(129) }, "idempotencyKey"],
    ["a float amount", { idempotencyKey: "k", amount: 15.5 }, "amount"],
    ["a number of minor units", { idempotencyKey: "k", amount: { minor: 1550, currency: "TRY" } }, "amount"],
    ["a zero amount", { idempotencyKey: "k", amount: parseMoney("0", "TRY") }, "amount"],
    ["an unknown currency", { idempotencyKey: "k", amount: { minor: 1n, currency: "XYZ" } }, "amount.currency"],
    ["a missing payment", { idempotencyKey: "k", payment: undefined }, "payment"],
  ])("refuses %s before the wire", async (_what, extra, field) => {
    const { fake, payments } = everything();
    const error = await rejection(() => payments.refund({ ...base, ...extra } as never));
    expect(error).toMatchObject({ code: "invalid_request", field, outcome: "not_sent" });
    expect(fake.calls).toHaveLength(0);
  });

  it("says how to pass an amount", async () => {
    const { payments } = everything();
    const error = await rejection(() => payments.refund({ ...base, idempotencyKey: "k", amount: 15.5 } as never));
    expect(error.message).toBe('iyzico refund: amount must be a Money in integer minor units ({ minor: bigint, currency }), e.g. parseMoney("15.50", "TRY"); got 15.5.');
  });
});
