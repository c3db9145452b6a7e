import { describe, expect, it } from "vitest";
import {
  createPaywallClient,
  OdemeError,
  type PaywallClientOptions,
  type StartDirectPaymentRequest,
} from "../../packages/paywall/src/index.ts";
import { fakeFetch, json, rejection, type SentRequest } from "./fake-fetch.ts";

const KEYS = { apiKeyPublic: "pub-key", apiClientPublic: "pub-client", apiKeyPrivate: "priv-key", apiClientPrivate: "priv-client" };
const OK = { ErrorCode: 0, Result: true, Message: "", Body: null };

function paywall(answer: Parameters<typeof fakeFetch>[0] = () => json(OK), options: Partial<PaywallClientOptions> = {}) {
  const fake = fakeFetch(answer);
  const client = createPaywallClient({ ...KEYS, fetch: fake.fetch, ...options });
  return { client, sent: fake.sent };
}

const DIRECT: StartDirectPaymentRequest = {
  PaymentDetail: { Amount: "101.50", MerchantUniqueCode: "M-1", CurrencyId: 1, Installment: 1, ChannelId: 1 },
  Card: { OwnerName: "Ali Veli", Number: "5528790000000008", ExpireMonth: "12", ExpireYear: "2030", Cvv: "123" },
  Customer: { FullName: "Ali Veli", Phone: "5550000000", Email: "a@example.com", Country: "TR", City: "İstanbul", Address: "Şişli" },
  Products: [{ ProductId: "P1", ProductName: "Ürün", ProductCategory: "C", ProductDescription: "D", ProductAmount: "101.50" }],
};

describe("Paywall client: header sets and hosts", () => {
  it("a private operation sends only the private pair, to the private host", async () => {
    const { client, sent } = paywall();
    await client.refund({ Date: "2024-05-01", MerchantUniqueCode: "M-1" });
    expect(sent[0]).toEqual<SentRequest>({
      method: "POST",
      url: "https://test-payment-private-api.itspaywall.com/api/paywall/private/refund",
      headers: {
        apikeyprivate: "priv-key",
        apiclientprivate: "priv-client",
        "content-type": "application/json",
        accept: "application/json",
      },
      body: '{"Date":"2024-05-01","MerchantUniqueCode":"M-1"}',
    });
  });

  it("a public operation sends only the public pair, to the payment host (private keys never leave for it)", async () => {
    const { client, sent } = paywall();
    await client.startDirectPayment(DIRECT);
    expect(sent[0]?.url).toBe("https://test-payment-api.itspaywall.com/api/paywall/payment/startdirect");
    expect(sent[0]?.headers).toEqual({
      apikeypublic: "pub-key",
      apiclientpublic: "pub-client",
      "content-type": "application/json",
      accept: "application/json",
    });
    const body = JSON.parse(sent[0]?.body ?? "");
    expect(sent[0]?.body).toContain('"Amount":101.5');
    expect(sent[0]?.body).toContain('"ProductAmount":101.5');
    expect(body.Card.Number).toBe("5528790000000008");
  });

  it("queryPayment is a GET carrying merchantuniquecode as a header, with no body", async () => {
    const { client, sent } = paywall(() => json({ ...OK, Body: { Paywall: { PaymentId: 1, StatusName: "Success" } } }));
    await client.queryPayment({ header: { merchantuniquecode: "M-1" } });
    expect(sent[0]).toEqual<SentRequest>({
      method: "GET",
      url: "https://test-payment-private-api.itspaywall.com/api/paywall/private/query",
      headers: { merchantuniquecode: "M-1", apikeyprivate: "priv-key", apiclientprivate: "priv-client", accept: "application/json" },
      body: null,
    });
  });

  it.each([
    ["turkey-live", "https://payment-private-api.paywall.com.tr/api/paywall/private/refund"],
    ["live", "https://payment-private-api.itspaywall.com/api/paywall/private/refund"],
  ] as const)("environment %s routes private calls to %s", async (environment, url) => {
    const { client, sent } = paywall(undefined, { environment });
    await client.refund({ Date: "2024-05-01", MerchantUniqueCode: "M-1" });
    expect(sent[0]?.url).toBe(url);
  });

  it("a per-host baseUrl overrides just that host", async () => {
    const { client, sent } = paywall(undefined, { baseUrl: { private: "http://127.0.0.1:9/pw/" } });
    await client.refund({ Date: "2024-05-01", MerchantUniqueCode: "M-1" });
    await client.binInquiry({ header: { binnumber: "552879" } });
    expect(sent.map((r) => r.url)).toEqual([
      "http://127.0.0.1:9/pw/api/paywall/private/refund",
      "https://test-payment-api.itspaywall.com/api/paywall/bin/inquiry",
    ]);
  });

  it.each(["apiKeyPrivate", "apiClientPublic"] as const)("a missing %s throws at creation", (option) => {
    const options: Record<string, unknown> = { ...KEYS };
    delete options[option];
    expect(() => createPaywallClient(options as unknown as PaywallClientOptions)).toThrow(option);
  });
});

describe("Paywall client: envelope", () => {
  // The SDK's ErrorCodes enum (paywallone/PayWall.NetCore Models/Common/ErrorCodes.cs) is the
  // numbering: it types ErrorCode in the answers of both hosts. The web docs' list reuses the
  // same numbers with other meanings (P1), so e.g. 4 is HeaderMissing here, not a duplicate.
  it("ErrorCode 119 (MerchantUniqueCodeAlreadyExist) is duplicate", async () => {
    const { client } = paywall(() => json({ ErrorCode: 119, Result: false, Message: "MerchantUniqueCode already exists", Body: null }));
    const e = await rejection(() => client.startDirectPayment(DIRECT));
    expect(e).toBeInstanceOf(OdemeError);
    expect(e).toMatchObject({
      code: "duplicate",
      providerCode: "119",
      providerMessage: "MerchantUniqueCode already exists",
      outcome: "rejected",
    });
  });

  it.each([
    [3, "provider_error"], // NoData (the docs' list: "unsupported provider")
    [4, "invalid_request"], // HeaderMissing (the docs' list: "MerchantUniqueCode already exists")
    [7, "provider_error"], // InvalidPhone (the docs' list: "payment already completed")
    [12, "authentication"], // MerchantNotFound
    [56, "not_found"], // PaymentNotFound
    [93, "already_refunded"], // PaymentHasSuccessfulRefund
    [94, "already_cancelled"], // PaymentHasSuccessfulCancel
    [112, "invalid_request"], // PaymentAmountNotConvenient
    [373, "amount_exceeds_refundable"], // ApmPartialRefundAmountMoreThanTransactionAmount
  ])("ErrorCode %i maps by the SDK enum to %s", async (code, unified) => {
    const { client } = paywall(() => json({ ErrorCode: code, Result: false, Message: "m", Body: null }));
    await expect(client.refund({ Date: "2024-05-01", MerchantUniqueCode: "M-1" })).rejects.toMatchObject({
      code: unified,
      providerCode: String(code),
      outcome: "rejected",
    });
  });

  it("ErrorCode -1 (SDK SystemMessage, the docs' general error) is provider_error on every operation, never not_found", async () => {
    const failure = () => json({ ErrorCode: -1, Result: false, Message: "Payment not found", Body: null });
    const priv = paywall(failure);
    await expect(priv.client.refund({ Date: "2024-05-01", MerchantUniqueCode: "M-404" })).rejects.toMatchObject({
      code: "provider_error",
      providerCode: "-1",
    });
    await expect(priv.client.queryPayment({ header: { merchantuniquecode: "M-404" } })).rejects.toMatchObject({
      code: "provider_error",
      providerCode: "-1",
    });
    const pub = paywall(failure);
    await expect(pub.client.startDirectPayment(DIRECT)).rejects.toMatchObject({ code: "provider_error", providerCode: "-1" });
  });

  it("ErrorCode 0 resolves with the body", async () => {
    const { client } = paywall(() => json({ ErrorCode: 0, Result: true, Message: "OK", Body: { Payment: { PaymentId: 42 } } }));
    await expect(client.startDirectPayment(DIRECT)).resolves.toMatchObject({ ErrorCode: 0, Body: { Payment: { PaymentId: 42 } } });
  });
});
