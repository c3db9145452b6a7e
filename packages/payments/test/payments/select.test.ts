import { describe, expect, it } from "vitest";
import { createPayments, PROVIDER_IDS, type CancelInput, type RefundInput } from "../../src/index.ts";
import { CONFIG, everything } from "../helpers/all-providers.ts";
import { rejection } from "../helpers/fake-fetch.ts";

describe("the call's provider", () => {
  it("configures only the providers given, and names the missing option", async () => {
    const payments = createPayments({ iyzico: CONFIG.iyzico });
    expect(payments.configured).toEqual(["iyzico"]);
    const error = await rejection(() => payments.retrieve({ provider: "paywall", payment: { paymentId: 1 } }));
    expect(error).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "paywall" });
    expect(error.message).toBe('retrieve: paywall is not configured; pass the "paywall" option to createPayments.');
  });

  it("refuses an unknown provider at run time too", async () => {
    const { payments } = everything();
    const error = await rejection(() =>
      payments.refund({ provider: "stripe", payment: {}, idempotencyKey: "k" } as unknown as RefundInput),
    );
    expect(error).toMatchObject({ code: "invalid_request", field: "provider" });
    expect(error.message).toContain("use one of iyzico, paywall, dineropay, parolapay, sipay-wallet");
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
    [
      "an item refund on Paywall",
      () => ({ provider: "paywall", payment: { paymentId: 1, paymentTransactionId: "9" }, idempotencyKey: "k" }),
      "refund",
    ],
    [
      "an item refund on Sipay Wallet",
      () => ({ provider: "sipay-wallet", payment: { transactionId: "1", paymentTransactionId: "9" }, idempotencyKey: "k" }),
      "refund",
    ],
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
    const error = await rejection(() =>
      payments.retrieve({ provider: "paywall", payment: { uniqueCode: "g", date: "2024-01-01" } } as never),
    );
    expect(error.code).toBe("unsupported");
    expect(fake.calls).toHaveLength(0);
  });
});

describe("capabilitiesOf", () => {
  it.each(["__proto__", "toString", "stripe"])("refuses %s as an unknown provider, not a member of Object.prototype", (name) => {
    const payments = createPayments({});
    expect(() => payments.capabilities(name as never)).toThrow(
      expect.objectContaining({ code: "invalid_request", field: "provider", outcome: "not_sent" }),
    );
  });
});
