import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPayments, parseMoney, type Payments } from "../../../src/index.ts";
import { fakeProvider, rejection, type Call, type FakeProvider } from "../../helpers/fake-fetch.ts";

const KEYS = { apiKey: "iyz-api-key", secretKey: "iyz-secret-key" };

/**
 * iyzico's signature over an answer's fields (docs.iyzico.com/en/advanced/response-signature-validation):
 * hex HMAC-SHA256 with the secret key over the values joined by ":", an absent field as "", amounts
 * without trailing zeros (a JS number prints that way).
 */
const signature = (...values: (string | number)[]) =>
  createHmac("sha256", KEYS.secretKey).update(values.map(String).join(":")).digest("hex");

type ListedRefund = {
  refundPrice: number;
  refundConversationId?: string;
  refundTxId: number | string;
  errorCode?: string;
  errorMessage?: string;
};

/**
 * A payment of 100.00 TRY over two items (60 + 40). POST /payment/detail gives the status only; the
 * refunds and cancels are on the reporting detail, as iyzico lists them (ids as JSON numbers).
 */
function iyzico(opts: { lists?: boolean; paymentId?: string } = {}) {
  const paymentId = opts.paymentId ?? "25180001";
  const state = {
    items: [
      { paymentTransactionId: "27169001", paidPrice: 60, refunds: [] as ListedRefund[] },
      { paymentTransactionId: "27169002", paidPrice: 40, refunds: [] as ListedRefund[] },
    ],
    cancels: [] as { refundId: number; refundPrice: number; cancelConversationId?: string; errorCode?: string }[],
    /** The query strings the reporting detail was asked with. */
    queries: [] as URLSearchParams[],
  };
  let tx = 1;
  const ok = (extra: object) => ({ json: { status: "success", locale: "tr", systemTime: 1, ...extra } });
  // A JSON number as iyzico sends Long ids; for ids beyond 2^53 the literal must stay exact.
  const id = (value: string) => ({ __raw: value });
  const detail = () =>
    ok({
      paymentId,
      price: 100,
      paidPrice: 100,
      currency: "TRY",
      paymentStatus: "SUCCESS",
      itemTransactions: state.items.map((i) => ({
        paymentTransactionId: i.paymentTransactionId,
        price: i.paidPrice,
        paidPrice: i.paidPrice,
      })),
      // paymentId, currency, basketId, conversationId, paidPrice, price (no basketId or conversationId here).
      signature: signature(paymentId, "TRY", "", "", 100, 100),
    });
  const report = () => ({
    text: rawJson({
      status: "success",
      locale: "tr",
      systemTime: 1,
      payments: [
        {
          paymentId: id(paymentId),
          paymentStatus: 1,
          price: 100,
          paidPrice: 100,
          currency: "TRY",
          ...(opts.lists === false ? {} : { cancels: state.cancels }),
          itemTransactions: state.items.map((i) => ({
            paymentTransactionId: id(i.paymentTransactionId),
            price: i.paidPrice,
            paidPrice: i.paidPrice,
            ...(opts.lists === false ? {} : { refunds: i.refunds }),
          })),
        },
      ],
    }),
    headers: { "content-type": "application/json" },
  });
  const refundV2 = (call: Call) => {
    const body = call.body as { price: string; conversationId: string };
    let rest = Math.round(Number(body.price) * 100);
    for (const item of state.items) {
      const left = item.paidPrice * 100 - item.refunds.filter((r) => !r.errorCode).reduce((s, r) => s + Math.round(r.refundPrice * 100), 0);
      const take = Math.min(rest, left);
      if (take > 0) item.refunds.push({ refundPrice: take / 100, refundConversationId: body.conversationId, refundTxId: tx++ });
      rest -= take;
    }
    // paymentId, price, currency, conversationId (the answer echoes no conversationId here).
    return ok({ paymentId, price: Number(body.price), currency: "TRY", signature: signature(paymentId, Number(body.price), "TRY", "") });
  };
  const provider = fakeProvider({
    "POST /payment/detail": () => detail(),
    "GET /v2/reporting/payment/details": () => report(),
    "POST /v2/payment/refund": refundV2,
    "POST /payment/refund": (call) => {
      const body = call.body as { price: string; conversationId: string; paymentTransactionId: string };
      const item = state.items.find((i) => i.paymentTransactionId === body.paymentTransactionId);
      item?.refunds.push({ refundPrice: Number(body.price), refundConversationId: body.conversationId, refundTxId: tx++ });
      return ok({
        paymentId,
        paymentTransactionId: body.paymentTransactionId,
        price: Number(body.price),
        signature: signature(paymentId, Number(body.price), "", ""),
      });
    },
    "POST /payment/cancel": (call) => {
      const body = call.body as { conversationId: string };
      state.cancels.push({ refundId: 1600000 + tx++, refundPrice: 100, cancelConversationId: body.conversationId });
      return ok({ paymentId, price: 100, currency: "TRY" });
    },
  });
  const fetch = (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname === "/v2/reporting/payment/details") state.queries.push(url.searchParams);
    return provider.fetch(request);
  };
  return { provider: { ...provider, fetch }, state, refundV2 };
}

/** JSON.stringify, except that `id()` values are written as bare number literals, digit for digit. */
function rawJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === "object" && "__raw" in v ? `@@${String((v as { __raw: string }).__raw)}@@` : v,
  ).replace(/"@@(\d+)@@"/g, "$1");
}

function payments(provider: FakeProvider, extra: object = {}): Payments {
  return createPayments({ iyzico: { ...KEYS, baseUrl: "http://iyzico.test", fetch: provider.fetch }, resendGraceMs: 0, ...extra });
}

const ref = { paymentId: "25180001" };

describe("iyzico refund", () => {
  it("refunds an amount of the payment through refundV2 with iyzico's decimal price and the key as conversationId", async () => {
    const { provider } = iyzico();
    const result = await payments(provider).refund({
      provider: "iyzico",
      payment: ref,
      amount: parseMoney("15.50", "TRY"),
      idempotencyKey: "order-42-r1",
    });
    expect(result).toEqual({
      status: "succeeded",
      provider: "iyzico",
      amount: { minor: 1550n, currency: "TRY" },
      idempotencyKey: "order-42-r1",
      providerOperation: "refundV2",
      replayed: false,
    });
    // The result can be sent on as JSON (`res.json(result)`) once the refund is made: Money says how.
    expect(JSON.parse(JSON.stringify(result))).toMatchObject({ amount: { minor: "1550", currency: "TRY" }, status: "succeeded" });
    const sent = provider.calls.find((c) => c.path === "/v2/payment/refund");
    expect(sent?.text).toBe('{"paymentId":"25180001","price":"15.5","currency":"TRY","conversationId":"order-42-r1"}');
    expect(sent?.headers.get("authorization")).toMatch(/^IYZWSv2 /);
  });

  it("refunds one basket item through refund with its paymentTransactionId", async () => {
    const { provider, state } = iyzico();
    const result = await payments(provider).refund({
      provider: "iyzico",
      payment: { paymentId: "25180001", paymentTransactionId: "27169002" },
      amount: parseMoney("10", "TRY"),
      idempotencyKey: "item-1",
    });
    expect(result.providerOperation).toBe("refund");
    expect(provider.calls.find((c) => c.path === "/payment/refund")?.body).toEqual({
      paymentTransactionId: "27169002",
      price: "10.0",
      currency: "TRY",
      conversationId: "item-1",
    });
    expect(state.items[1]?.refunds).toHaveLength(1);
  });

  it("refunds what is left when no amount is given", async () => {
    const { provider } = iyzico();
    const p = payments(provider);
    await p.refund({ provider: "iyzico", payment: ref, amount: parseMoney("30", "TRY"), idempotencyKey: "k1" });
    const rest = await p.refund({ provider: "iyzico", payment: ref, idempotencyKey: "k2" });
    expect(rest.amount).toEqual(parseMoney("70", "TRY"));
    const item = await p
      .refund({ provider: "iyzico", payment: { paymentId: "25180001", paymentTransactionId: "27169001" }, idempotencyKey: "k3" })
      .catch((e) => e);
    expect(item.code).toBe("already_refunded");
  });

  it.each([
    [
      "more than is left",
      { amount: parseMoney("100.01", "TRY") },
      "amount_exceeds_refundable",
      "100.01 TRY is more than the 100.00 TRY left",
    ],
    ["another currency", { amount: parseMoney("1", "USD") }, "invalid_request", "amount is in USD but payment 25180001 is in TRY"],
    [
      "an unknown basket item",
      { payment: { paymentId: "25180001", paymentTransactionId: "999" } },
      "not_found",
      'no basket item with paymentTransactionId "999"',
    ],
  ])("refuses %s before sending", async (_what, extra, code, message) => {
    const { provider } = iyzico();
    const error = await rejection(() => payments(provider).refund({ provider: "iyzico", payment: ref, idempotencyKey: "k", ...extra }));
    expect(error).toMatchObject({ code, outcome: "not_sent", provider: "iyzico" });
    expect(error.message).toContain(message);
    expect(provider.count("/v2/payment/refund") + provider.count("/payment/refund")).toBe(0);
  });

  it("refuses a refund after a full refund and after a cancel", async () => {
    const { provider, state } = iyzico();
    const p = payments(provider);
    await p.refund({ provider: "iyzico", payment: ref, idempotencyKey: "all" });
    expect(
      (await rejection(() => p.refund({ provider: "iyzico", payment: ref, amount: parseMoney("1", "TRY"), idempotencyKey: "again" }))).code,
    ).toBe("already_refunded");
    state.items.forEach((i) => (i.refunds.length = 0));
    state.cancels.push({ refundId: 1600001, refundPrice: 100, cancelConversationId: "someone-else" });
    expect((await rejection(() => p.refund({ provider: "iyzico", payment: ref, idempotencyKey: "after-cancel" }))).code).toBe(
      "already_cancelled",
    );
  });

  it("leaves the limits to iyzico when the detail lists no refunds", async () => {
    const { provider } = iyzico({ lists: false });
    const result = await payments(provider).refund({ provider: "iyzico", payment: ref, idempotencyKey: "k" });
    expect(result.amount).toEqual(parseMoney("100", "TRY"));
  });

  it("passes iyzico's own failure through with its code and message", async () => {
    const { provider } = iyzico();
    provider.on("POST /v2/payment/refund", {
      json: { status: "failure", errorCode: "10012", errorMessage: "Geçersiz işlem", errorGroup: "INVALID_TRANSACTION", locale: "tr" },
    });
    const error = await rejection(() =>
      payments(provider).refund({ provider: "iyzico", payment: ref, amount: parseMoney("1", "TRY"), idempotencyKey: "k" }),
    );
    expect(error).toMatchObject({ code: "provider_error", providerCode: "10012", providerMessage: "Geçersiz işlem", outcome: "rejected" });
  });
});

describe("iyzico safe replay", () => {
  it("finds a refund whose answer was lost by its conversationId, and a retry sends nothing", async () => {
    const { provider, refundV2 } = iyzico();
    provider.on("POST /v2/payment/refund", (call) => {
      refundV2(call);
      return "reset";
    });
    const p = payments(provider);
    const input = { provider: "iyzico", payment: ref, amount: parseMoney("20", "TRY"), idempotencyKey: "lost-1" } as const;
    const first = await p.refund(input);
    expect(first).toMatchObject({ status: "succeeded", replayed: false, amount: parseMoney("20", "TRY") });
    const again = await p.refund(input);
    expect(again.replayed).toBe(true);
    expect(provider.count("/v2/payment/refund")).toBe(1);
  });

  it("does not re-send within the grace period when the lookup finds nothing, then sends once after it", async () => {
    const { provider, refundV2 } = iyzico();
    provider.on("POST /v2/payment/refund", (call, n) => (n === 1 ? "reset" : refundV2(call)));
    let now = Date.parse("2024-06-12T10:00:00Z");
    const p = payments(provider, { resendGraceMs: 30_000, now: () => new Date(now) });
    const input = { provider: "iyzico", payment: ref, amount: parseMoney("20", "TRY"), idempotencyKey: "lost-2" } as const;
    const first = await rejection(() => p.refund(input));
    expect(first).toMatchObject({ code: "outcome_unknown", outcome: "unknown", retryable: true });
    expect(first.message).toContain("Retry with the same key after 2024-06-12T10:00:30.000Z");
    now += 10_000;
    expect((await rejection(() => p.refund(input))).code).toBe("outcome_unknown");
    expect(provider.count("/v2/payment/refund")).toBe(1);
    now += 25_000;
    const done = await p.refund(input);
    expect(done).toMatchObject({ status: "succeeded", replayed: false });
    expect(provider.count("/v2/payment/refund")).toBe(2);
  });

  it("re-sends a lost item refund once the payment's refunded total shows it was not applied", async () => {
    const { provider, state } = iyzico();
    state.items[0]?.refunds.push({ refundPrice: 5, refundTxId: 900 });
    provider.on("POST /payment/refund", (call, n) => {
      if (n === 1) return "reset";
      const body = call.body as { price: string; conversationId: string };
      state.items[1]?.refunds.push({ refundPrice: Number(body.price), refundConversationId: body.conversationId, refundTxId: 901 });
      return { json: { status: "success", paymentId: "25180001", signature: signature("25180001", "", "", "") } };
    });
    const p = payments(provider);
    const input = {
      provider: "iyzico",
      payment: { paymentId: "25180001", paymentTransactionId: "27169002" },
      amount: parseMoney("4", "TRY"),
      idempotencyKey: "item-lost",
    } as const;
    expect((await rejection(() => p.refund(input))).code).toBe("outcome_unknown");
    expect(await p.refund(input)).toMatchObject({ status: "succeeded", providerOperation: "refund", replayed: false });
    expect(provider.count("/payment/refund")).toBe(2);
  });

  it("reports outcome_unknown with what to check when iyzico's detail cannot tell", async () => {
    const { provider } = iyzico({ lists: false });
    provider.on("POST /v2/payment/refund", "reset");
    const p = payments(provider);
    const input = { provider: "iyzico", payment: ref, amount: parseMoney("5", "TRY"), idempotencyKey: "lost-3" } as const;
    const error = await rejection(() => p.refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown", retryable: false });
    expect(error.message).toContain('check the iyzico merchant panel for a refund with conversationId "lost-3"');
    await rejection(() => p.refund(input));
    expect(provider.count("/v2/payment/refund")).toBe(1);
  });
});

describe("iyzico cancel and retrieve", () => {
  it("cancels with the key as conversationId, and refuses a second cancel and a cancel after a refund", async () => {
    const { provider, state } = iyzico();
    const p = payments(provider);
    const result = await p.cancel({ provider: "iyzico", payment: ref, idempotencyKey: "c1" });
    expect(result).toMatchObject({ status: "succeeded", providerOperation: "cancel", amount: parseMoney("100", "TRY") });
    expect(provider.calls.find((c) => c.path === "/payment/cancel")?.body).toEqual({ paymentId: "25180001", conversationId: "c1" });
    expect((await rejection(() => p.cancel({ provider: "iyzico", payment: ref, idempotencyKey: "c2" }))).code).toBe("already_cancelled");
    state.cancels.length = 0;
    state.items[0]?.refunds.push({ refundPrice: 1, refundTxId: 9 });
    expect((await rejection(() => p.cancel({ provider: "iyzico", payment: ref, idempotencyKey: "c3" }))).code).toBe("already_refunded");
  });

  it("reports refunded and refundable amounts and the refunds so far", async () => {
    const { provider } = iyzico();
    const p = payments(provider);
    await p.refund({ provider: "iyzico", payment: ref, amount: parseMoney("65", "TRY"), idempotencyKey: "r" });
    const details = await p.retrieve({ provider: "iyzico", payment: ref });
    expect(details).toMatchObject({
      provider: "iyzico",
      status: "partially_refunded",
      providerStatus: "SUCCESS",
      amount: parseMoney("100", "TRY"),
      refundedAmount: parseMoney("65", "TRY"),
      refundableAmount: parseMoney("35", "TRY"),
    });
    expect(details.refunds?.map((r) => [r.paymentTransactionId, r.amount.minor, r.reference])).toEqual([
      ["27169001", 6000n, "r"],
      ["27169002", 500n, "r"],
    ]);
  });

  it("leaves refunded amounts undefined when the detail has no refund lists", async () => {
    const { provider } = iyzico({ lists: false });
    const details = await payments(provider).retrieve({ provider: "iyzico", payment: ref });
    expect(details.status).toBe("succeeded");
    expect(details.refundedAmount).toBeUndefined();
    expect(details.refunds).toBeUndefined();
  });
});

describe("iyzico: refunds and cancels are found by the key's own conversationId on the reporting detail", () => {
  it("asks the reporting detail for the payment by paymentId, and /payment/detail only for retrieve's status", async () => {
    const { provider, state } = iyzico();
    const p = createPayments({ iyzico: { ...KEYS, locale: "en", baseUrl: "http://iyzico.test", fetch: provider.fetch }, resendGraceMs: 0 });
    await p.refund({ provider: "iyzico", payment: ref, amount: parseMoney("1", "TRY"), idempotencyKey: "q1" });
    expect(provider.count("/payment/detail")).toBe(0);
    expect(state.queries.map((q) => Object.fromEntries(q))).toEqual([{ paymentId: "25180001", locale: "en" }]);
    const get = provider.calls.find((c) => c.path === "/v2/reporting/payment/details");
    expect(get?.method).toBe("GET");
    expect(get?.text).toBe("");
    await p.retrieve({ provider: "iyzico", payment: ref });
    expect(provider.count("/payment/detail")).toBe(1);
  });

  it("a refund already made under the key (the store lost its record) is returned, and nothing is sent", async () => {
    const { provider, state } = iyzico();
    // An amount-based refund of 70 under this key, spread by iyzico over both items.
    state.items[0]?.refunds.push({ refundPrice: 60, refundConversationId: "crash-1", refundTxId: 801 });
    state.items[1]?.refunds.push({ refundPrice: 10, refundConversationId: "crash-1", refundTxId: 802 });
    const result = await payments(provider).refund({
      provider: "iyzico",
      payment: ref,
      amount: parseMoney("70", "TRY"),
      idempotencyKey: "crash-1",
    });
    expect(result).toMatchObject({ status: "succeeded", replayed: true, amount: parseMoney("70", "TRY"), refundId: "801" });
    expect(provider.count("/v2/payment/refund") + provider.count("/payment/refund")).toBe(0);
  });

  it("a full refund already made under the key is returned, not refused as already refunded", async () => {
    const { provider, state } = iyzico();
    state.items[0]?.refunds.push({ refundPrice: 60, refundConversationId: "crash-2", refundTxId: 803 });
    state.items[1]?.refunds.push({ refundPrice: 40, refundConversationId: "crash-2", refundTxId: 804 });
    const result = await payments(provider).refund({ provider: "iyzico", payment: ref, idempotencyKey: "crash-2" });
    expect(result).toMatchObject({ status: "succeeded", replayed: true, amount: parseMoney("100", "TRY") });
    expect(provider.count("/v2/payment/refund")).toBe(0);
  });

  it("a failed refund listed under the key is not taken for a refund: the key is sent once more", async () => {
    const { provider, state } = iyzico();
    state.items[0]?.refunds.push({
      refundPrice: 20,
      refundConversationId: "retry-1",
      refundTxId: 805,
      errorCode: "10012",
      errorMessage: "Geçersiz işlem",
    });
    const result = await payments(provider).refund({
      provider: "iyzico",
      payment: ref,
      amount: parseMoney("20", "TRY"),
      idempotencyKey: "retry-1",
    });
    expect(result).toMatchObject({ status: "succeeded", replayed: false });
    expect(provider.count("/v2/payment/refund")).toBe(1);
  });

  it("a cancel already made under the key is returned, and nothing is sent", async () => {
    const { provider, state } = iyzico();
    state.cancels.push({ refundId: 1600009, refundPrice: 100, cancelConversationId: "cancel-crash" });
    const result = await payments(provider).cancel({ provider: "iyzico", payment: ref, idempotencyKey: "cancel-crash" });
    expect(result).toMatchObject({ status: "succeeded", replayed: true, amount: parseMoney("100", "TRY") });
    expect(provider.count("/payment/cancel")).toBe(0);
  });

  it("another key's refund appearing while this one's answer is lost is outcome_unknown, and nothing is re-sent", async () => {
    const { provider, state } = iyzico();
    provider.on("POST /v2/payment/refund", () => {
      // Ours never reached iyzico, but someone else's refund of the same amount did.
      state.items[0]?.refunds.push({ refundPrice: 20, refundConversationId: "other-key", refundTxId: 806 });
      return "reset";
    });
    const p = payments(provider);
    const input = { provider: "iyzico", payment: ref, amount: parseMoney("20", "TRY"), idempotencyKey: "mine" } as const;
    const error = await rejection(() => p.refund(input));
    expect(error).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
    expect(error.message).toContain('no successful refund carries conversationId "mine"');
    expect((await rejection(() => p.refund(input))).code).toBe("outcome_unknown");
    expect(provider.count("/v2/payment/refund")).toBe(1);
  });

  it("a failed refund listed under the lost key is outcome_unknown naming iyzico's error, never not_applied", async () => {
    const { provider, state } = iyzico();
    provider.on("POST /v2/payment/refund", (call) => {
      const body = call.body as { conversationId: string };
      state.items[0]?.refunds.push({
        refundPrice: 5,
        refundConversationId: body.conversationId,
        refundTxId: 807,
        errorCode: "10012",
        errorMessage: "Geçersiz işlem",
      });
      return "reset";
    });
    const error = await rejection(() =>
      payments(provider).refund({ provider: "iyzico", payment: ref, amount: parseMoney("5", "TRY"), idempotencyKey: "failed-lost" }),
    );
    expect(error).toMatchObject({ code: "outcome_unknown" });
    expect(error.message).toContain('a failed refund with conversationId "failed-lost"');
    expect(error.message).toContain("10012: Geçersiz işlem");
  });

  it("refunds under the key that do not add up to the planned amount are outcome_unknown", async () => {
    const { provider, state } = iyzico();
    provider.on("POST /v2/payment/refund", (call) => {
      const body = call.body as { conversationId: string };
      state.items[0]?.refunds.push({ refundPrice: 3, refundConversationId: body.conversationId, refundTxId: 808 });
      return "reset";
    });
    const error = await rejection(() =>
      payments(provider).refund({ provider: "iyzico", payment: ref, amount: parseMoney("5", "TRY"), idempotencyKey: "short" }),
    );
    expect(error.code).toBe("outcome_unknown");
    expect(error.message).toContain("for 3.00 TRY, not the 5.00 TRY asked");
  });

  it("a lost cancel is applied only when a cancel carries the key; another key's cancel is outcome_unknown", async () => {
    const mineLost = iyzico();
    mineLost.provider.on("POST /payment/cancel", (call) => {
      mineLost.state.cancels.push({
        refundId: 1600010,
        refundPrice: 100,
        cancelConversationId: (call.body as { conversationId: string }).conversationId,
      });
      return "reset";
    });
    expect(await payments(mineLost.provider).cancel({ provider: "iyzico", payment: ref, idempotencyKey: "c-lost" })).toMatchObject({
      status: "succeeded",
      replayed: false,
    });

    const otherLost = iyzico();
    otherLost.provider.on("POST /payment/cancel", () => {
      otherLost.state.cancels.push({ refundId: 1600011, refundPrice: 100, cancelConversationId: "not-mine" });
      return "reset";
    });
    const error = await rejection(() =>
      payments(otherLost.provider).cancel({ provider: "iyzico", payment: ref, idempotencyKey: "c-lost" }),
    );
    expect(error.code).toBe("outcome_unknown");
    expect(error.message).toContain('no successful cancel carries conversationId "c-lost"');
  });

  it("a failed refund does not count toward the refunded amount", async () => {
    const { provider, state } = iyzico();
    state.items[0]?.refunds.push({ refundPrice: 20, refundConversationId: "f", refundTxId: 809, errorCode: "10012" });
    state.items[1]?.refunds.push({ refundPrice: 10, refundConversationId: "g", refundTxId: 810 });
    const details = await payments(provider).retrieve({ provider: "iyzico", payment: ref });
    expect(details).toMatchObject({
      status: "partially_refunded",
      refundedAmount: parseMoney("10", "TRY"),
      refundableAmount: parseMoney("90", "TRY"),
    });
    expect(details.refunds?.map((r) => [r.refundId, r.reference])).toEqual([["810", "g"]]);
  });

  it("19-digit payment and transaction ids survive, digit for digit", async () => {
    const { provider, state } = iyzico({ paymentId: "9223372036854775807" });
    state.items[1]!.paymentTransactionId = "9223372036854775806";
    const p = payments(provider);
    const result = await p.refund({
      provider: "iyzico",
      payment: { paymentId: "9223372036854775807", paymentTransactionId: "9223372036854775806" },
      amount: parseMoney("4", "TRY"),
      idempotencyKey: "big",
    });
    expect(result.providerOperation).toBe("refund");
    expect(provider.calls.find((c) => c.path === "/payment/refund")?.text).toContain('"paymentTransactionId":"9223372036854775806"');
    const details = await p.retrieve({ provider: "iyzico", payment: { paymentId: "9223372036854775807" } });
    expect(details.refunds?.map((r) => r.paymentTransactionId)).toEqual(["9223372036854775806"]);
  });
});
