import { describe, expect, it } from "vitest";
import { createPayments, OdemeError, parseMoney } from "../src/index.ts";
import { CONFIG, everything } from "./helpers/all-providers.ts";
import { fakeProvider, rejection } from "./helpers/fake-fetch.ts";

describe("createPayments", () => {
  it("checks a provider's credentials when created, before any request", () => {
    expect(() => createPayments({ iyzico: { apiKey: "", secretKey: "s" } })).toThrow(OdemeError);
  });

  it("passes the shared logger, fetch and timeout to every client, and a provider's own fetch wins", async () => {
    const shared = fakeProvider({
      "POST /payment/detail": { json: { status: "failure", errorCode: "11", errorMessage: "Geçersiz istek" } },
    });
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
    expect(error.message).toBe(
      'iyzico refund: amount must be a Money in integer minor units ({ minor: bigint, currency }), e.g. parseMoney("15.50", "TRY"); got 15.5.',
    );
  });
});
