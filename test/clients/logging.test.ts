import { describe, expect, it } from "vitest";
import { createIyzicoClient, type CreatePaymentRequest, type LogEvent } from "../../packages/iyzico/src/index.ts";
import { createSipayWalletClient } from "../../packages/sipay-wallet/src/index.ts";
import { startIyzicoSimulator } from "../../packages/testkit/src/index.ts";
import { fakeFetch, html, json, rejection } from "./fake-fetch.ts";

const SECRETS = {
  apiKey: "ak-live-7f3a9",
  secretKey: "sk-live-9b2c4",
  clientSecret: "cs-live-5d6e7",
  accessToken: "at-live-8f9a0b",
  card: "5528790000000008",
  cvc: "947",
};

const PAYMENT: CreatePaymentRequest = {
  conversationId: "c-1",
  price: "1",
  paidPrice: "1",
  installment: 1,
  paymentCard: { cardHolderName: "Ali Veli", cardNumber: SECRETS.card, expireMonth: "12", expireYear: "2030", cvc: SECRETS.cvc },
  buyer: {
    id: "BY1",
    name: "Ali",
    surname: "Veli",
    identityNumber: "11111111111",
    email: "a@example.com",
    registrationAddress: "Şişli",
    city: "İstanbul",
    country: "Türkiye",
    ip: "85.34.78.112",
  },
  billingAddress: { contactName: "Ali Veli", city: "İstanbul", country: "Türkiye", address: "Şişli" },
  basketItems: [{ id: "BI1", price: "1", name: "Ürün", category1: "Giyim", itemType: "PHYSICAL" }],
};

function expectNoSecrets(text: string, authorization: string[]): void {
  for (const [name, value] of Object.entries(SECRETS)) expect(text, `${name} leaked`).not.toContain(value);
  for (const value of authorization) expect(text, "an Authorization header leaked").not.toContain(value);
  // The card number may only appear masked.
  expect(text).not.toMatch(/5528790{6}0008/);
}

describe("logger: no credential or card data in any LogEvent", () => {
  it("a signed iyzico payment (request, response echoing the card, and error events)", async () => {
    const events: LogEvent[] = [];
    const fake = fakeFetch((req) =>
      json({
        status: "success",
        paymentId: "1",
        cardNumber: SECRETS.card,
        echo: `card ${SECRETS.card} declined`,
        request: JSON.parse(req.body ?? "{}"),
      }),
    );
    // The answer echoes the card, not a real payment: it carries no signature to check.
    const iyzico = createIyzicoClient({
      apiKey: SECRETS.apiKey,
      secretKey: SECRETS.secretKey,
      fetch: fake.fetch,
      logger: (e) => events.push(e),
      verifyResponseSignatures: false,
    });
    await iyzico.createPayment(PAYMENT);
    expect(events.map((e) => e.type)).toEqual(["request", "response"]);
    // The request really carried the secrets: the test would catch a logger that shows them.
    expect(fake.sent[0]?.body).toContain(SECRETS.card);
    expectNoSecrets(
      JSON.stringify(events),
      fake.sent.map((r) => r.headers.authorization ?? ""),
    );
  });

  it("an iyzico HTML error page that echoes the card number (log and error)", async () => {
    const events: LogEvent[] = [];
    const fake = fakeFetch(() => html(500, `<html><body>Error for card ${SECRETS.card}</body></html>`));
    const iyzico = createIyzicoClient({
      apiKey: SECRETS.apiKey,
      secretKey: SECRETS.secretKey,
      fetch: fake.fetch,
      logger: (e) => events.push(e),
    });
    const error = await rejection(() => iyzico.createPayment(PAYMENT));
    expect(events.map((e) => e.type)).toEqual(["request", "response"]);
    expectNoSecrets(JSON.stringify(events), []);
    expectNoSecrets(JSON.stringify(error), []);
    expect(String(error)).not.toContain(SECRETS.card);
  });

  it("a Sipay call: token request and answer, API request, a 401 and the retry", async () => {
    const events: LogEvent[] = [];
    let tokens = 0;
    const fake = fakeFetch((req, n) => {
      if (req.url.endsWith("/connect/token"))
        return json({ access_token: `${SECRETS.accessToken}-${++tokens}`, token_type: "Bearer", expires_in: 3600 });
      return n === 2
        ? json({ message: "Unauthorized" }, 401)
        : json('{"status":0,"code":"100","payload":{"transaction_id":7440022202222222022}}');
    });
    const sipay = createSipayWalletClient({
      clientId: "client-id",
      clientSecret: SECRETS.clientSecret,
      fetch: fake.fetch,
      logger: (e) => events.push(e),
    });
    await sipay.refundPaymentInstant({
      tx_correlation_id: "7440022202222222022",
      ext_transaction_id: "R-1",
      currency_code: "TRY",
      refund_amount: "10.50",
    });
    expect(fake.sent[0]?.body).toContain(SECRETS.clientSecret);
    expect(fake.sent[1]?.headers.authorization).toBe(`Bearer ${SECRETS.accessToken}-1`);
    expect(events.filter((e) => e.type === "request")).toHaveLength(4); // token, API (401), token, API
    expectNoSecrets(JSON.stringify(events), fake.sent.map((r) => r.headers.authorization ?? "").filter(Boolean));
  });
});

describe("logger: a failing logger never changes a call's outcome", () => {
  it.each([
    [
      "throws",
      () => {
        throw new Error("log sink down");
      },
    ],
    ["rejects (an async logger)", async () => Promise.reject(new Error("log sink down"))],
  ])("a logger that %s: the refund applied at iyzico still comes back as its result", async (_what, failing) => {
    const sim = await startIyzicoSimulator();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const payment = sim.seedPayment({ items: [{ id: "I1", price: "10.0" }] });
      const iyzico = createIyzicoClient({ ...sim.credentials, baseUrl: sim.url, logger: failing as (event: LogEvent) => void });
      const result = await iyzico.refundV2({ paymentId: payment.paymentId, price: "4.0", conversationId: "log-fails-1" });
      expect(result).toMatchObject({ status: "success", paymentId: payment.paymentId });
      expect(sim.ledger.refunds).toHaveLength(1);
      // A rejected promise the logger returned is handled, not left to crash the process.
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      await sim.close();
    }
  });
});
