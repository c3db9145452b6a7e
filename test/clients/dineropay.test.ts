import { describe, expect, it } from "vitest";
import { createDineroPayClient, OdemeError, type DecimalString, type RefundRequest } from "../../packages/dineropay/src/index.ts";
import { fakeFetch, json, rejection, type SentRequest } from "./fake-fetch.ts";

const PAYMENT_ID = "63c781cc-de3d-11eb-a1f1-0242ac130006";

function dineropay(answer: Parameters<typeof fakeFetch>[0] = () => json({ payment_id: PAYMENT_ID, result: "accepted" })) {
  const fake = fakeFetch(answer);
  const client = createDineroPayClient({ merchantKey: "xxxxx-xxxxx-xxxxx", password: "PASSWORD", environment: "live", fetch: fake.fetch });
  return { client, sent: fake.sent };
}

async function odemeError(fn: () => Promise<unknown>): Promise<OdemeError> {
  const e = await rejection(fn);
  expect(e).toBeInstanceOf(OdemeError);
  return e as OdemeError;
}

describe("DineroPay client: signed bodies (providers.md section 4 vectors)", () => {
  it("refund sends merchant_key, the amount as 0.10 and the hash over the exact strings sent", async () => {
    const { client, sent } = dineropay();
    const result = await client.refund({ payment_id: PAYMENT_ID, amount: "0.1" });
    expect(result).toEqual({ payment_id: PAYMENT_ID, result: "accepted" });
    expect(sent[0]).toEqual<SentRequest>({
      method: "POST",
      url: "https://checkout.dineropay.com/api/v1/payment/refund",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: `{"payment_id":"${PAYMENT_ID}","amount":"0.10","merchant_key":"xxxxx-xxxxx-xxxxx","hash":"01470c7eb9e5bc5e22870e0ec03a4813176f510c"}`,
    });
    expect(sent[0]?.body).not.toContain("PASSWORD");
  });

  it.each([
    ["getPaymentStatus", (c: ReturnType<typeof dineropay>["client"]) => c.getPaymentStatus({ payment_id: PAYMENT_ID })],
    ["void", (c: ReturnType<typeof dineropay>["client"]) => c.void({ payment_id: PAYMENT_ID })],
  ])("%s hashes payment_id + PASSWORD", async (_op, call) => {
    const { client, sent } = dineropay(() => json({ payment_id: PAYMENT_ID, status: "settled" }));
    await call(client);
    expect(JSON.parse(sent[0]?.body ?? "")).toEqual({
      payment_id: PAYMENT_ID,
      merchant_key: "xxxxx-xxxxx-xxxxx",
      hash: "2761f9f103e6a8d5546d7255c5f41c9dab3bd4b7",
    });
  });

  it("createSession hashes order.number + amount + currency + description", async () => {
    const { client, sent } = dineropay(() => json({ redirect_url: "https://checkout.dineropay.com/s/1" }));
    await client.createSession({
      operation: "purchase",
      success_url: "https://shop.example/ok",
      order: { number: "order-1234", amount: "0.19", currency: "USD", description: "Important gift" },
    });
    const body = JSON.parse(sent[0]?.body ?? "");
    expect(body.order.amount).toBe("0.19");
    expect(body.hash).toBe("a66e63add2a347a9e747262d8adf40aa0dc6e397");
  });

  it("replaces a stale merchant_key and hash left in a re-sent body", async () => {
    const { client, sent } = dineropay();
    const stale = {
      merchant_key: "old-key",
      hash: "0000000000000000000000000000000000000000",
      payment_id: PAYMENT_ID,
      amount: "0.10",
    } as RefundRequest;
    await client.refund(stale);
    expect(JSON.parse(sent[0]?.body ?? "")).toMatchObject({
      merchant_key: "xxxxx-xxxxx-xxxxx",
      hash: "01470c7eb9e5bc5e22870e0ec03a4813176f510c",
    });
  });

  it("rejects a third decimal instead of rounding (the hash would not match what was meant)", async () => {
    const { client, sent } = dineropay();
    const e = await odemeError(() => client.refund({ payment_id: PAYMENT_ID, amount: "0.105" as DecimalString }));
    expect(e).toMatchObject({ code: "invalid_request", field: "amount", outcome: "not_sent" });
    expect(sent).toHaveLength(0);
  });
});

describe("DineroPay client: errors", () => {
  it("the documented 400 for a bad hash (wrong merchantKey or password) is authentication, with its field error", async () => {
    // Algol22/gitbook checkout/checkout-integration/README.md §Hash Validation, "Example Response - Hash error".
    const { client } = dineropay(() =>
      json(
        {
          error_code: 0,
          error_message: "Request data is invalid.",
          errors: [{ error_code: 100000, error_message: "hash: Hash is not valid." }],
        },
        400,
      ),
    );
    const e = await odemeError(() => client.refund({ payment_id: PAYMENT_ID, amount: "0.1" }));
    expect(e).toMatchObject({
      code: "authentication",
      providerCode: "0",
      providerMessage: "Request data is invalid.",
      fieldErrors: [{ field: "hash", message: "Hash is not valid." }],
      field: "hash",
      outcome: "rejected",
      retryable: false,
      status: 400,
    });
    expect(e.message).toBe("DineroPay refund failed: authentication [provider code 0] Request data is invalid. (hash: Hash is not valid.)");
  });

  it("the same 400 for any other field is invalid_request; a bad hash among other field errors is still authentication", async () => {
    const answer = (...messages: string[]) =>
      dineropay(() =>
        json(
          {
            error_code: 0,
            error_message: "Request data is invalid.",
            errors: messages.map((m) => ({ error_code: 100000, error_message: m })),
          },
          400,
        ),
      ).client;
    const other = await odemeError(() =>
      answer("success_url: This value should not be blank.").createSession({
        operation: "purchase",
        success_url: "",
        order: { number: "o", amount: "1.00", currency: "USD", description: "d" },
      }),
    );
    expect(other).toMatchObject({ code: "invalid_request", field: "success_url", providerCode: "0" });
    const both = await odemeError(() =>
      answer("amount: This value is not valid.", "hash: Hash is not valid.").refund({ payment_id: PAYMENT_ID, amount: "0.1" }),
    );
    expect(both).toMatchObject({ code: "authentication", field: "amount" });
  });

  it("keeps a field error without a field name as a plain message", async () => {
    const { client } = dineropay(() =>
      json(
        { error_code: 0, error_message: "Request data is invalid.", errors: [{ error_code: 100000, error_message: "Payment not found" }] },
        400,
      ),
    );
    const e = await odemeError(() => client.refund({ payment_id: PAYMENT_ID, amount: "0.1" }));
    expect(e.fieldErrors).toEqual([{ message: "Payment not found" }]);
  });
});

describe("DineroPay client: a declined void (HTTP 200, status FAIL) is an error, not a result (D1)", () => {
  // Algol22/gitbook checkout/checkout-integration/README.md §Void, "Example Response: Void failed".
  const failed = {
    status: "FAIL",
    payment_status: "settled",
    payment_id: PAYMENT_ID,
    date: "2020-08-05 07:41:10",
    reason: "Declined by processing",
    order: { number: "order-1234", amount: "0.19", currency: "USD", description: "very important gift" },
  };

  it("rejects with provider_error, outcome rejected, the FAIL body in raw", async () => {
    const { client } = dineropay(() => json(failed));
    const e = await odemeError(() => client.void({ payment_id: PAYMENT_ID }));
    expect(e).toMatchObject({
      code: "provider_error",
      outcome: "rejected",
      retryable: false,
      status: 200,
      operation: "void",
      provider: "dineropay",
    });
    expect(e.raw).toMatchObject({ status: "FAIL", payment_status: "settled", reason: "Declined by processing" });
  });

  it("resolves the documented SUCCESS", async () => {
    const { client } = dineropay(() => json({ ...failed, status: "SUCCESS", payment_status: "void", reason: undefined }));
    expect(await client.void({ payment_id: PAYMENT_ID })).toMatchObject({ status: "SUCCESS", payment_status: "void" });
  });

  it("does not mistake other answers for a failure: accepted refunds, payment statuses, recurring decline", async () => {
    for (const body of [
      { payment_id: PAYMENT_ID, result: "accepted" },
      { payment_id: PAYMENT_ID, status: "decline" },
      { payment_id: PAYMENT_ID, status: "refund" },
    ]) {
      const { client } = dineropay(() => json(body));
      await expect(client.getPaymentStatus({ payment_id: PAYMENT_ID })).resolves.toMatchObject(body);
    }
    // The master doc's declined recurring example spells it "decline" (D2); it is typed and resolves.
    const { client } = dineropay(() => json({ payment_id: PAYMENT_ID, status: "decline", reason: "Declined by processing." }));
    const charged = await client.recurring({
      recurring_init_trans_id: PAYMENT_ID,
      recurring_token: "t",
      order: { number: "o", amount: "1", description: "Monthly" },
    });
    const status: "settled" | "pending" | "declined" | "decline" | undefined = charged.status;
    expect(status).toBe("decline");
  });
});
