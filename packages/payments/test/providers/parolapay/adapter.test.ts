import { describe, expect, it } from "vitest";
import { createPayments, parseMoney, type Payments } from "../../../src/index.ts";
import { fakeProvider, rejection, type FakeProvider } from "../../helpers/fake-fetch.ts";

const KEYS = { username: "parola-user", password: "parola-pass" };
const INTENT = "pi_f6c993ad890e49d4859c8c17";

function parolapay(initial: { status: string; refunded?: number } = { status: "captured", refunded: 0 }) {
  const state = { ...initial };
  const provider = fakeProvider({
    "POST /parolapay/status": () => ({
      json: {
        id: INTENT,
        status: state.status,
        amount: 5000,
        amount_captured: 5000,
        ...(state.refunded !== undefined ? { amount_refunded: state.refunded } : {}),
        currency: "TRY",
      },
    }),
    "POST /parolapay/refund": (call) => {
      const body = call.body as { amount: number };
      state.refunded = (state.refunded ?? 0) + body.amount;
      state.status = state.refunded >= 5000 ? "refunded" : "partially_refunded";
      return { json: { id: "re_0123456789abcdef01234567", intent_id: INTENT, amount: body.amount, currency: "TRY", status: "succeeded" } };
    },
    "POST /parolapay/cancel": () => (
      (state.status = "cancelled"), { json: { id: INTENT, status: "cancelled", amount: 5000, currency: "TRY" } }
    ),
  });
  return { provider, state };
}

function payments(provider: FakeProvider, extra: object = {}): Payments {
  return createPayments({ parolapay: { ...KEYS, baseUrl: "http://parolapay.test", fetch: provider.fetch }, resendGraceMs: 0, ...extra });
}

const ref = { intentId: INTENT } as const;

describe("Parolapay refund", () => {
  it("sends integer kuruş, the key as merchant_ref, and returns the refund id", async () => {
    const { provider } = parolapay();
    const result = await payments(provider).refund({
      provider: "parolapay",
      payment: ref,
      amount: parseMoney("15", "TRY"),
      idempotencyKey: "ORDER-46",
      description: "Müşteri istedi",
    });
    expect(result).toMatchObject({ status: "succeeded", refundId: "re_0123456789abcdef01234567", amount: parseMoney("15", "TRY") });
    expect(provider.calls.find((c) => c.path === "/parolapay/refund")?.text).toBe(
      '{"intent_id":"pi_f6c993ad890e49d4859c8c17","amount":1500,"currency":"TRY","description":"Müşteri istedi","merchant_ref":"ORDER-46"}',
    );
    expect(provider.calls[0]?.headers.get("authorization")).toBe(`Basic ${Buffer.from("parola-user:parola-pass").toString("base64")}`);
  });

  it("refunds what is left when no amount is given, and a documented empty answer is pending", async () => {
    const { provider } = parolapay({ status: "partially_refunded", refunded: 1200 });
    provider.on("POST /parolapay/refund", { json: {} });
    const result = await payments(provider).refund({ provider: "parolapay", payment: ref, idempotencyKey: "rest" });
    expect(result).toMatchObject({ status: "pending", amount: parseMoney("38", "TRY") });
    expect(result.refundId).toBeUndefined();
  });

  it.each([
    [{ status: "captured", refunded: 4000 }, parseMoney("10.01", "TRY"), "amount_exceeds_refundable"],
    [{ status: "refunded", refunded: 5000 }, parseMoney("1", "TRY"), "already_refunded"],
    [{ status: "cancelled" }, parseMoney("1", "TRY"), "already_cancelled"],
    [{ status: "authorized" }, parseMoney("1", "TRY"), "invalid_request"],
  ])("refuses before sending (%j)", async (initial, amount, code) => {
    const { provider } = parolapay(initial);
    const error = await rejection(() => payments(provider).refund({ provider: "parolapay", payment: ref, amount, idempotencyKey: "x" }));
    expect(error).toMatchObject({ code, outcome: "not_sent" });
    expect(provider.count("/parolapay/refund")).toBe(0);
  });

  it("after a partial refund, without amount_refunded (a designed field), refuses a refund without an amount instead of refunding all", async () => {
    // Parolapay answers the refund and moves the state, but its status never carries amount_refunded.
    const { provider, state } = parolapay({ status: "captured" });
    provider.on("POST /parolapay/refund", (call) => {
      state.status = "partially_refunded";
      return {
        json: {
          id: "re_0123456789abcdef01234567",
          intent_id: INTENT,
          amount: (call.body as { amount: number }).amount,
          status: "succeeded",
        },
      };
    });
    const p = payments(provider);
    await p.refund({ provider: "parolapay", payment: ref, amount: parseMoney("30", "TRY"), idempotencyKey: "part" });
    const error = await rejection(() => p.refund({ provider: "parolapay", payment: ref, idempotencyKey: "rest" }));
    expect(error).toMatchObject({ code: "invalid_request", field: "amount", outcome: "not_sent" });
    expect(error.message).toBe(
      `Parolapay refund: intent ${INTENT} already has refunds and Parolapay did not report their total (no amount_refunded in the status); pass amount (what is left to refund).`,
    );
    expect(provider.count("/parolapay/refund")).toBe(1);
    // An explicit amount still goes out, capped by what was captured.
    await p.refund({ provider: "parolapay", payment: ref, amount: parseMoney("20", "TRY"), idempotencyKey: "rest-2" });
    expect(provider.calls.filter((c) => c.path === "/parolapay/refund").map((c) => (c.body as { amount: number }).amount)).toEqual([
      3000, 2000,
    ]);
    const over = await rejection(() =>
      p.refund({ provider: "parolapay", payment: ref, amount: parseMoney("50.01", "TRY"), idempotencyKey: "over" }),
    );
    expect(over).toMatchObject({ code: "amount_exceeds_refundable", field: "amount", outcome: "not_sent" });
    expect(over.message).toContain(`intent ${INTENT}'s 50.00 TRY`);
  });

  it("an untouched captured intent without amount_refunded refunds all that was captured when no amount is given", async () => {
    const { provider } = parolapay({ status: "captured" });
    const result = await payments(provider).refund({ provider: "parolapay", payment: ref, idempotencyKey: "all" });
    expect(result).toMatchObject({ amount: parseMoney("50", "TRY") });
    expect(provider.calls.find((c) => c.path === "/parolapay/refund")?.body).toMatchObject({ amount: 5000 });
  });

  it("checks the intent id before anything is sent", async () => {
    const { provider } = parolapay();
    const error = await rejection(() =>
      payments(provider).refund({ provider: "parolapay", payment: { intentId: "pi_nothex" }, idempotencyKey: "x" }),
    );
    expect(error).toMatchObject({ code: "invalid_request", field: "payment.intentId" });
    expect(provider.calls).toHaveLength(0);
  });

  it("passes an inferred {error:{code,message}} body through with its code, message and HTTP status", async () => {
    const { provider } = parolapay();
    provider.on("POST /parolapay/refund", { status: 422, json: { error: { code: "refund_failed", message: "Refund not allowed" } } });
    const error = await rejection(() =>
      payments(provider).refund({ provider: "parolapay", payment: ref, amount: parseMoney("1", "TRY"), idempotencyKey: "e" }),
    );
    expect(error).toMatchObject({
      code: "invalid_request",
      providerCode: "refund_failed",
      providerMessage: "Refund not allowed",
      status: 422,
    });
  });
});

describe("Parolapay safe replay, cancel and status", () => {
  it("a lost refund stays outcome_unknown although amount_refunded grew by its amount (another refund could have): never re-sent", async () => {
    const { provider, state } = parolapay();
    provider.on(
      "POST /parolapay/refund",
      (call) => ((state.refunded = (state.refunded ?? 0) + (call.body as { amount: number }).amount), "reset"),
    );
    const p = payments(provider);
    const input = { provider: "parolapay", payment: ref, amount: parseMoney("7", "TRY"), idempotencyKey: "lost" } as const;
    const first = await rejection(() => p.refund(input));
    expect(first).toMatchObject({ code: "outcome_unknown", outcome: "unknown", retryable: false });
    expect(first.message).toContain('merchant_ref "lost"');
    expect(first.message).toContain(INTENT);
    expect(await rejection(() => p.refund(input))).toMatchObject({ code: "outcome_unknown" });
    expect(provider.count("/parolapay/refund")).toBe(1);
  });

  it("concurrent refunds of 40.00/40.01/40.02 with one lost: the lost one is unknown, never 'succeeded' from the others' growth", async () => {
    const { provider, state } = parolapay({ status: "captured", refunded: 0 });
    let lost = false;
    provider.on("POST /parolapay/refund", (call) => {
      const amount = (call.body as { amount: number }).amount;
      // The 40.01 request dies before Parolapay sees it; the other two are made.
      if (amount === 4001) return ((lost = true), "reset");
      state.refunded = (state.refunded ?? 0) + amount;
      return { json: { id: "re_0123456789abcdef01234567", intent_id: INTENT, amount, currency: "TRY", status: "succeeded" } };
    });
    provider.on("POST /parolapay/status", () => ({
      json: { id: INTENT, status: "captured", amount: 10_000, amount_captured: 10_000, amount_refunded: state.refunded, currency: "TRY" },
    }));
    const p = payments(provider);
    const results = await Promise.allSettled(
      ["40.00", "40.01", "40.02"].map((a) =>
        p.refund({ provider: "parolapay", payment: ref, amount: parseMoney(a, "TRY"), idempotencyKey: `k-${a}` }),
      ),
    );
    expect(lost).toBe(true);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value.status : (r.reason as { code: string }).code))).toEqual([
      "succeeded",
      "outcome_unknown",
      "succeeded",
    ]);
    expect(state.refunded).toBe(8002);
  });

  it("an answer with the designed status failed is not proof of anything: outcome_unknown, and a retry does not re-send", async () => {
    const { provider } = parolapay();
    provider.on("POST /parolapay/refund", { json: { status: "failed" } });
    const p = payments(provider);
    const input = { provider: "parolapay", payment: ref, amount: parseMoney("3", "TRY"), idempotencyKey: "f" } as const;
    expect(await rejection(() => p.refund(input))).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
    expect(await rejection(() => p.refund(input))).toMatchObject({ code: "outcome_unknown" });
    expect(provider.count("/parolapay/refund")).toBe(1);
  });

  it("a lost cancel whose intent did not move is sent again (a second cancel cannot move money); one that moved is unknown", async () => {
    const { provider, state } = parolapay({ status: "authorized" });
    provider.on("POST /parolapay/cancel", (_c, n) =>
      n === 1 ? "reset" : ((state.status = "cancelled"), { json: { id: INTENT, status: "cancelled", amount: 5000, currency: "TRY" } }),
    );
    const p = payments(provider);
    const input = { provider: "parolapay", payment: ref, idempotencyKey: "c-lost" } as const;
    expect(await rejection(() => p.cancel(input))).toMatchObject({ code: "outcome_unknown", retryable: true });
    expect(await p.cancel(input)).toMatchObject({ status: "succeeded" });
    expect(provider.count("/parolapay/cancel")).toBe(2);

    const moved = parolapay({ status: "authorized" });
    moved.provider.on("POST /parolapay/cancel", () => ((moved.state.status = "cancelled"), "reset"));
    const error = await rejection(() =>
      payments(moved.provider).cancel({ provider: "parolapay", payment: ref, idempotencyKey: "c-moved" }),
    );
    expect(error).toMatchObject({ code: "outcome_unknown" });
    expect(error.message).toContain("cancelled");
    expect(moved.provider.count("/parolapay/cancel")).toBe(1);
  });

  it("cancels an uncaptured intent with the key as merchant_ref, and refuses to cancel a captured one", async () => {
    const { provider } = parolapay({ status: "authorized" });
    const p = payments(provider);
    expect(await p.cancel({ provider: "parolapay", payment: ref, idempotencyKey: "c1" })).toMatchObject({
      status: "succeeded",
      amount: parseMoney("50", "TRY"),
    });
    expect(provider.calls.at(-1)?.body).toEqual({ intent_id: INTENT, merchant_ref: "c1" });
    const captured = parolapay();
    expect(
      (await rejection(() => payments(captured.provider).cancel({ provider: "parolapay", payment: ref, idempotencyKey: "c2" }))).code,
    ).toBe("cancel_window_closed");
  });

  it("reports refunded and refundable amounts from the intent", async () => {
    const { provider } = parolapay({ status: "partially_refunded", refunded: 1500 });
    expect(await payments(provider).retrieve({ provider: "parolapay", payment: ref })).toEqual({
      provider: "parolapay",
      status: "partially_refunded",
      providerStatus: "partially_refunded",
      amount: parseMoney("50", "TRY"),
      refundedAmount: parseMoney("15", "TRY"),
      refundableAmount: parseMoney("35", "TRY"),
    });
  });
});
