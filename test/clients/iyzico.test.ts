import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createIyzicoClient,
  OdemeError,
  type CreatePaymentRequest,
  type DecimalString,
  type IyzicoClientOptions,
} from "../../packages/iyzico/src/index.ts";
import { connectionRefused, fakeFetch, hangUntilAborted, html, json, rejection, socketClosed, type SentRequest } from "./fake-fetch.ts";

const REFUND_V2 = {
  locale: "tr",
  conversationId: "123456789",
  paymentId: "25180208",
  price: "15",
  currency: "TRY",
  ip: "85.34.78.112",
} as const;
const REFUND_V2_BODY =
  '{"locale":"tr","conversationId":"123456789","paymentId":"25180208","price":"15.0","currency":"TRY","ip":"85.34.78.112"}';
// providers.md section 5: HMAC-SHA256("secretKey", "123456789" + "/v2/payment/refund" + REFUND_V2_BODY)
const REFUND_V2_SIGNATURE = "635b9ef4f5518b71b48458ee47e9a113dd6fa9900c1cc6b39c5afe47bed35e4f";
/** hex(HMAC-SHA256("secretKey", text)): iyzico's answer signature, computed here from the documented formula. */
const hmac = (text: string, key = "secretKey") => createHmac("sha256", key).update(text).digest("hex");
// Refund v2 signs paymentId:price:currency:conversationId, the price without trailing zeros
// (docs.iyzico.com/en/advanced/response-signature-validation, "Refund Endpoints").
const SUCCESS = {
  status: "success",
  locale: "tr",
  systemTime: 1_700_000_000_000,
  conversationId: "123456789",
  paymentId: "25180208",
  price: 15,
  currency: "TRY",
  signature: hmac("25180208:15:TRY:123456789"),
};
// A payment answer signs paymentId:currency:basketId:conversationId:paidPrice:price ("Non-3DS Endpoints").
const PAYMENT_ANSWER = { ...SUCCESS, paymentId: "1", basketId: "B1", paidPrice: 15.5, signature: hmac("1:TRY:B1:123456789:15.5:15") };

function client(answer: Parameters<typeof fakeFetch>[0], options: Partial<IyzicoClientOptions> = {}) {
  const fake = fakeFetch(answer);
  const iyzico = createIyzicoClient({
    apiKey: "apiKey",
    secretKey: "secretKey",
    randomKey: () => "123456789",
    baseUrl: "https://sandbox-api.iyzipay.com",
    fetch: fake.fetch,
    ...options,
  });
  return { iyzico, sent: fake.sent };
}

function authHeader(signature: string): string {
  return `IYZWSv2 ${Buffer.from(`apiKey:apiKey&randomKey:123456789&signature:${signature}`).toString("base64")}`;
}

async function odemeError(fn: () => Promise<unknown>): Promise<OdemeError> {
  const e = await rejection(fn);
  expect(e).toBeInstanceOf(OdemeError);
  return e as OdemeError;
}

describe("iyzico client: what goes on the wire", () => {
  it("refundV2 sends exactly the documented request, signed with IYZWSv2", async () => {
    const { iyzico, sent } = client(() => json(SUCCESS));
    const result = await iyzico.refundV2(REFUND_V2);
    expect(result.status).toBe("success");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual<SentRequest>({
      method: "POST",
      url: "https://sandbox-api.iyzipay.com/v2/payment/refund",
      headers: {
        authorization: authHeader(REFUND_V2_SIGNATURE),
        "x-iyzi-rnd": "123456789",
        "content-type": "application/json",
        accept: "application/json",
      },
      body: REFUND_V2_BODY,
    });
  });

  it("uses the environment's host when no baseUrl is given", async () => {
    const { iyzico, sent } = client(() => json(SUCCESS), { baseUrl: undefined, environment: "live" });
    await iyzico.refundV2(REFUND_V2);
    expect(sent[0]?.url).toBe("https://api.iyzipay.com/v2/payment/refund");
  });

  it("GET /payment/test sends no body and signs rnd + path only", async () => {
    const { iyzico, sent } = client(() => json({ status: "success", locale: "tr", systemTime: 1 }));
    await iyzico.test();
    const expected = createHmac("sha256", "secretKey").update("123456789/payment/test").digest("hex");
    expect(sent[0]).toEqual<SentRequest>({
      method: "GET",
      url: "https://sandbox-api.iyzipay.com/payment/test",
      headers: { authorization: authHeader(expected), "x-iyzi-rnd": "123456789", accept: "application/json" },
      body: null,
    });
  });

  it("GET /v2/reporting/payment/details puts its parameters in the query string and signs rnd + path only", async () => {
    const { iyzico, sent } = client(() => json({ status: "success", locale: "tr", systemTime: 1, payments: [] }));
    await iyzico.retrieveReportingPaymentDetail({ query: { paymentId: "25180001", conversationId: "c-1", locale: "tr" } });
    // iyzipay-java ReportingPaymentDetail.create signs the bare path with no body.
    const expected = createHmac("sha256", "secretKey").update("123456789/v2/reporting/payment/details").digest("hex");
    expect(sent[0]?.method).toBe("GET");
    expect(sent[0]?.body).toBeNull();
    const url = new URL(sent[0]?.url ?? "");
    expect(url.pathname).toBe("/v2/reporting/payment/details");
    expect(Object.fromEntries(url.searchParams)).toEqual({ paymentId: "25180001", conversationId: "c-1", locale: "tr" });
    expect(sent[0]?.headers.authorization).toBe(authHeader(expected));
  });

  it("the reporting detail's Long ids arrive as exact decimal strings, 19 digits included", async () => {
    // iyzico sends the ids as JSON numbers; 9223372036854775807 is not representable as a JS number.
    const wire =
      '{"status":"success","locale":"tr","systemTime":1,"payments":[{"paymentId":9223372036854775807,"paymentStatus":1,' +
      '"cancels":[{"refundId":9223372036854775805,"cancelConversationId":"c","refundPrice":1.2}],' +
      '"itemTransactions":[{"paymentTransactionId":9223372036854775806,"refunds":[{"refundTxId":1500001,"refundConversationId":"r","refundPrice":15.5}]}]}]}';
    const { iyzico } = client(() => json(wire));
    const r = await iyzico.retrieveReportingPaymentDetail({ query: { paymentId: "9223372036854775807" } });
    const [payment] = r.payments ?? [];
    expect(payment?.paymentId).toBe("9223372036854775807");
    expect(payment?.cancels?.[0]?.refundId).toBe("9223372036854775805");
    expect(payment?.itemTransactions?.[0]?.paymentTransactionId).toBe("9223372036854775806");
    // A small id is a string too, so callers never see a number for these fields.
    expect(payment?.itemTransactions?.[0]?.refunds?.[0]?.refundTxId).toBe("1500001");
    expect(payment?.itemTransactions?.[0]?.refunds?.[0]).toMatchObject({ refundConversationId: "r", refundPrice: 15.5 });
  });

  it("signs the exact UTF-8 bytes of a body with Turkish characters and normalised nested prices", async () => {
    const { iyzico, sent } = client(() => json(PAYMENT_ANSWER));
    const payment: CreatePaymentRequest = {
      conversationId: "c-1",
      price: "1",
      paidPrice: "1.20",
      installment: 1,
      paymentCard: { cardHolderName: "Çağrı Işık", cardNumber: "5528790000000008", expireMonth: "12", expireYear: "2030", cvc: "123" },
      buyer: {
        id: "BY1",
        name: "Çağrı",
        surname: "Işık",
        identityNumber: "74300864791",
        email: "c@example.com",
        registrationAddress: "Şişli",
        city: "İstanbul",
        country: "Türkiye",
        ip: "85.34.78.112",
      },
      billingAddress: { contactName: "Çağrı Işık", city: "İstanbul", country: "Türkiye", address: "Şişli" },
      basketItems: [
        { id: "BI1", price: "0.30", name: "Ürün", category1: "Giyim", itemType: "PHYSICAL" },
        { id: "BI2", price: "0.70", name: "Ürün 2", category1: "Giyim", itemType: "VIRTUAL" },
      ],
    };
    await iyzico.createPayment(payment);
    const body = sent[0]?.body ?? "";
    const parsed = JSON.parse(body);
    expect([parsed.price, parsed.paidPrice, parsed.basketItems[0].price, parsed.basketItems[1].price]).toEqual([
      "1.0",
      "1.2",
      "0.3",
      "0.7",
    ]);
    expect(parsed.buyer.city).toBe("İstanbul");
    const signature = createHmac("sha256", "secretKey")
      .update(Buffer.concat([Buffer.from("123456789/payment/auth"), Buffer.from(body, "utf8")]))
      .digest("hex");
    expect(sent[0]?.headers.authorization).toBe(authHeader(signature));
  });

  it("sends a fresh random key with every request", async () => {
    let n = 0;
    const { iyzico, sent } = client(() => json(SUCCESS), { randomKey: () => `rnd-${++n}` });
    await iyzico.refundV2(REFUND_V2);
    await iyzico.refundV2(REFUND_V2);
    expect(sent.map((r) => r.headers["x-iyzi-rnd"])).toEqual(["rnd-1", "rnd-2"]);
    const decoded = sent.map((r) => Buffer.from((r.headers.authorization ?? "").slice(8), "base64").toString());
    expect(decoded[0]).toContain("randomKey:rnd-1&");
    expect(decoded[1]).toContain("randomKey:rnd-2&");
  });
});

describe("iyzico client: provider failures", () => {
  it("turns a failure envelope (HTTP 200) into an OdemeError with the provider's code", async () => {
    const { iyzico } = client(() =>
      json({
        status: "failure",
        errorCode: "1000",
        errorMessage: "Geçersiz imza",
        errorGroup: "AUTHENTICATION",
        locale: "tr",
        systemTime: 1,
      }),
    );
    const e = await odemeError(() => iyzico.refundV2(REFUND_V2));
    expect(e).toMatchObject({
      code: "authentication",
      providerCode: "1000",
      providerMessage: "Geçersiz imza",
      providerGroup: "AUTHENTICATION",
      outcome: "rejected",
      retryable: false,
      status: 200,
      provider: "iyzico",
      operation: "refundV2",
    });
    expect(e.message).toContain("Geçersiz imza");
  });

  it("maps an errorCode missing from the spec's table to provider_error, never to nothing", async () => {
    const { iyzico } = client(() => json({ status: "failure", errorCode: "99999", errorMessage: "Bilinmeyen hata" }));
    const e = await odemeError(() => iyzico.refundV2(REFUND_V2));
    expect(e).toMatchObject({ code: "provider_error", providerCode: "99999", outcome: "rejected" });
  });

  it.each([
    ["status failure without a code", '{"status":"failure"}'],
    ["an upper-case FAILURE", '{"status":"FAILURE","errorCode":"5"}'],
    ["no status at all", '{"paymentId":"25180208"}'],
    ["status 'success ' with a trailing space", '{"status":"success "}'],
    ["a nested status", '{"data":{"status":"success"}}'],
    ["a JSON null", "null"],
    ["a JSON array", '[{"status":"success"}]'],
    ["a JSON string", '"success"'],
  ])("never resolves with a failure envelope: %s", async (_what, body) => {
    const { iyzico } = client(() => json(body));
    const e = await odemeError(() => iyzico.refundV2(REFUND_V2));
    expect(e.code).not.toBe("outcome_unknown");
    expect(e.outcome).toBe("rejected");
  });
});

describe("iyzico client: transport failures", () => {
  it("HTTP 500 with an HTML page on a write is outcome_unknown, not retryable", async () => {
    const { iyzico, sent } = client(() => html(500));
    const e = await odemeError(() => iyzico.refundV2(REFUND_V2));
    expect(e).toMatchObject({ code: "outcome_unknown", outcome: "unknown", retryable: false, status: 500 });
    expect(e.message).toMatch(/look it up/i);
    expect(sent).toHaveLength(1);
  });

  it("HTTP 500 with an HTML page on a read is provider_unavailable and retryable", async () => {
    const { iyzico } = client(() => html(500), { maxRetries: 0 });
    const e = await odemeError(() => iyzico.retrievePayment({ paymentId: "25180208" }));
    expect(e).toMatchObject({ code: "provider_unavailable", outcome: "rejected", retryable: true, status: 500 });
  });

  it("retries a read maxRetries times on 503, then fails", async () => {
    const { iyzico, sent } = client(() => html(503), { maxRetries: 2 });
    const e = await odemeError(() => iyzico.retrievePayment({ paymentId: "25180208" }));
    expect(e.code).toBe("provider_unavailable");
    expect(sent).toHaveLength(3);
  });

  it("a read that gets 503 once and then an answer resolves", async () => {
    const { iyzico, sent } = client((_req, n) => (n === 1 ? html(503) : json(PAYMENT_ANSWER)), { maxRetries: 2 });
    await expect(iyzico.retrievePayment({ paymentId: "25180208" })).resolves.toMatchObject({ status: "success" });
    expect(sent).toHaveLength(2);
  });

  it.each([
    ["503", () => html(503)],
    ["429", () => json({ status: "failure" }, 429)],
    ["a refused connection", () => Promise.reject(connectionRefused())],
  ])("never retries a write after %s", async (_what, answer) => {
    const { iyzico, sent } = client(answer, { maxRetries: 5 });
    await odemeError(() => iyzico.refundV2(REFUND_V2));
    expect(sent).toHaveLength(1);
  });

  it("a refused connection is network / not_sent", async () => {
    const { iyzico } = client(() => Promise.reject(connectionRefused()));
    const e = await odemeError(() => iyzico.refundV2(REFUND_V2));
    expect(e).toMatchObject({ code: "network", outcome: "not_sent", retryable: true });
  });

  it("a socket error after sending a write is outcome_unknown", async () => {
    const { iyzico } = client(() => Promise.reject(socketClosed()));
    const e = await odemeError(() => iyzico.refundV2(REFUND_V2));
    expect(e).toMatchObject({ code: "outcome_unknown", outcome: "unknown", retryable: false });
  });

  it("a socket error on a read is a retryable network error", async () => {
    const { iyzico, sent } = client(() => Promise.reject(socketClosed()), { maxRetries: 0 });
    const e = await odemeError(() => iyzico.retrievePayment({ paymentId: "25180208" }));
    expect(e).toMatchObject({ code: "network", outcome: "rejected", retryable: true });
    expect(sent).toHaveLength(1);
  });

  // A real fetch rejects when the request's signal aborts; an injected one may not, and a body may stall after the headers.
  const stalls = [
    ["a fetch that honours the signal", (raw: Request) => hangUntilAborted(raw)],
    ["a fetch that never settles", () => new Promise<Response>(() => {})],
    ["a body that never ends", () => Promise.resolve(new Response(new ReadableStream({ start() {} }), { status: 200 }))],
  ] as const;

  it.each(stalls)("a write that gets no answer within timeoutMs is outcome_unknown: %s", async (_what, stall) => {
    const { iyzico } = client((_r, _n, raw) => stall(raw), { timeoutMs: 50 });
    const started = Date.now();
    const e = await odemeError(() => iyzico.refundV2(REFUND_V2));
    expect(e).toMatchObject({ code: "outcome_unknown", outcome: "unknown", retryable: false });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each(stalls)("a read that gets no answer within timeoutMs is timeout: %s", async (_what, stall) => {
    const { iyzico } = client((_r, _n, raw) => stall(raw), { timeoutMs: 50, maxRetries: 0 });
    const e = await odemeError(() => iyzico.retrievePayment({ paymentId: "25180208" }));
    expect(e).toMatchObject({ code: "timeout", outcome: "rejected", retryable: true });
  });

  it("a per-call timeoutMs overrides the client's", async () => {
    const { iyzico } = client((_r, _n, raw) => hangUntilAborted(raw), { timeoutMs: 60_000, maxRetries: 0 });
    const e = await odemeError(() => iyzico.retrievePayment({ paymentId: "25180208" }, { timeoutMs: 30 }));
    expect(e.code).toBe("timeout");
  });

  it.each(stalls)("the caller's AbortSignal aborts a read (not retried) and a write (outcome unknown): %s", async (_what, stall) => {
    const { iyzico, sent } = client((_r, _n, raw) => stall(raw), { maxRetries: 3 });
    const read = new AbortController();
    const pendingRead = odemeError(() => iyzico.retrievePayment({ paymentId: "25180208" }, { signal: read.signal }));
    setTimeout(() => read.abort(), 10);
    expect(await pendingRead).toMatchObject({ code: "aborted", retryable: false });
    expect(sent).toHaveLength(1);

    const write = new AbortController();
    const pendingWrite = odemeError(() => iyzico.refundV2(REFUND_V2, { signal: write.signal }));
    setTimeout(() => write.abort(), 10);
    expect(await pendingWrite).toMatchObject({ code: "outcome_unknown", outcome: "unknown" });
  });

  it.each([
    ["refundV2 (a write)", "outcome_unknown", "unknown"],
    ["retrievePayment (a read)", "malformed_response", "rejected"],
  ] as const)("a 200 whose body is not JSON: %s -> %s", async (op, code, outcome) => {
    const { iyzico } = client(() => new Response("<html>OK</html>", { status: 200, headers: { "content-type": "text/html" } }), {
      maxRetries: 0,
    });
    const e = await odemeError(() => (op.startsWith("refundV2") ? iyzico.refundV2(REFUND_V2) : iyzico.retrievePayment({ paymentId: "1" })));
    expect(e).toMatchObject({ code, outcome, status: 200 });
  });
});

describe("iyzico client: bad input never reaches the network", () => {
  it.each(["15.123456789", "abc", "1e3", "-15", "15,5"])("price %j is invalid_request naming price", async (price) => {
    const { iyzico, sent } = client(() => json(SUCCESS));
    const e = await odemeError(() => iyzico.refundV2({ ...REFUND_V2, price: price as DecimalString }));
    expect(e).toMatchObject({ code: "invalid_request", field: "price", outcome: "not_sent" });
    expect(e.message).toContain("price");
    expect(sent).toHaveLength(0);
  });

  it("names the concrete nested field of a bad basket price", async () => {
    const { iyzico, sent } = client(() => json(SUCCESS));
    const e = await odemeError(() =>
      iyzico.createPayment({
        price: "1",
        paidPrice: "1",
        installment: 1,
        paymentCard: {},
        buyer: {
          id: "b",
          name: "n",
          surname: "s",
          identityNumber: "1",
          email: "e@x",
          registrationAddress: "a",
          city: "c",
          country: "t",
          ip: "1.1.1.1",
        },
        billingAddress: { contactName: "n", city: "c", country: "t", address: "a" },
        basketItems: [
          { id: "1", price: "0.5", name: "a", category1: "c", itemType: "PHYSICAL" },
          { id: "2", price: "0.5.0" as DecimalString, name: "b", category1: "c", itemType: "PHYSICAL" },
        ],
      }),
    );
    expect(e).toMatchObject({ code: "invalid_request", field: "basketItems[1].price" });
    expect(sent).toHaveLength(0);
  });

  it.each(["secretKey", "apiKey"] as const)("a missing %s throws at creation, naming the option", (option) => {
    const options: Record<string, unknown> = { apiKey: "apiKey", secretKey: "secretKey", fetch: () => Promise.reject(new Error("unused")) };
    delete options[option];
    let thrown: unknown;
    try {
      createIyzicoClient(options as unknown as IyzicoClientOptions);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(OdemeError);
    expect(thrown).toMatchObject({ code: "invalid_request", field: option });
    expect((thrown as Error).message).toContain(`"${option}"`);
  });

  it("an unknown environment throws at creation, listing the valid ones", () => {
    expect(() => createIyzicoClient({ apiKey: "a", secretKey: "s", environment: "prod" as never })).toThrow(/sandbox, live/);
  });
});

describe("iyzico client: answer signatures", () => {
  // docs.iyzico.com/en/advanced/response-signature-validation, "Sample Signature for Non-3DS Endpoint":
  // this key, these fields and this signature are the document's own worked example.
  const DOC_KEY = "sandbox-qaIiLIxhjMgx3LSKIVvp6j17NunHOFtD";
  const DOC_SIGNATURE = "836c3a6c8db86c81043f2ca74edb13518b54a813f454f8dd762f0dd658610173";
  const DOC_ANSWER = {
    status: "success",
    locale: "tr",
    systemTime: 1,
    conversationId: "conversationId",
    price: 10.5,
    paidPrice: 10.5,
    paymentId: "22416032",
    currency: "TRY",
    basketId: "basketId",
    signature: DOC_SIGNATURE,
  };
  const PAYMENT: CreatePaymentRequest = {
    conversationId: "conversationId",
    price: "10.5",
    paidPrice: "10.5",
    installment: 1,
    basketId: "basketId",
    paymentCard: { cardHolderName: "A B", cardNumber: "5528790000000008", expireMonth: "12", expireYear: "2030", cvc: "123" },
    buyer: {
      id: "BY1",
      name: "A",
      surname: "B",
      identityNumber: "74300864791",
      email: "a@example.com",
      registrationAddress: "X",
      city: "Istanbul",
      country: "Turkey",
      ip: "85.34.78.112",
    },
    billingAddress: { contactName: "A B", city: "Istanbul", country: "Turkey", address: "X" },
    basketItems: [{ id: "BI1", price: "10.5", name: "Item", category1: "C", itemType: "PHYSICAL" }],
  };

  it("the document's worked example: its key over its text gives its signature, and the client accepts the answer", async () => {
    expect(hmac("22416032:TRY:basketId:conversationId:10.5:10.5", DOC_KEY)).toBe(DOC_SIGNATURE);
    const { iyzico } = client(() => json(DOC_ANSWER), { secretKey: DOC_KEY });
    await expect(iyzico.createPayment(PAYMENT)).resolves.toMatchObject({ paymentId: "22416032" });
  });

  it("amounts are signed without trailing zeros, whether iyzico writes them as numbers or strings", async () => {
    // 10.50 and 10.0 on the wire are "10.5" and "10" in the signed text (the document's "Trailing Zero").
    const text =
      '{"status":"success","paymentId":"7","currency":"TRY","basketId":"B","conversationId":"c","paidPrice":10.50,"price":"10.00","signature":"' +
      hmac("7:TRY:B:c:10.5:10") +
      '"}';
    const { iyzico } = client(() => json(text));
    await expect(iyzico.retrievePayment({ paymentId: "7" })).resolves.toMatchObject({ paymentId: "7" });
  });

  it("an absent field is signed as empty text (a payment without basketId)", async () => {
    const { iyzico } = client(() =>
      json({
        status: "success",
        paymentId: "8",
        currency: "TRY",
        conversationId: "c",
        paidPrice: 1,
        price: 1,
        signature: hmac("8:TRY::c:1:1"),
      }),
    );
    await expect(iyzico.retrievePayment({ paymentId: "8" })).resolves.toMatchObject({ paymentId: "8" });
  });

  it("a tampered refund answer is response_signature_invalid with outcome unknown: look the payment up, never re-send", async () => {
    // The signature of a 1 TRY refund on an answer that claims 15 TRY.
    const tampered = { ...SUCCESS, paymentTransactionId: "27169345", signature: hmac("25180208:1:TRY:123456789") };
    const events: unknown[] = [];
    const { iyzico, sent } = client(() => json(tampered), { logger: (e) => events.push(e) });
    const e = await odemeError(() =>
      iyzico.refund({ paymentTransactionId: "27169345", price: "15", conversationId: "123456789", currency: "TRY" }),
    );
    expect(e).toMatchObject({
      code: "response_signature_invalid",
      outcome: "unknown",
      retryable: false,
      operation: "refund",
      provider: "iyzico",
      status: 200,
    });
    expect(e.message).toMatch(/iyzico refund: .*does not match.*look the payment up/i);
    expect(sent).toHaveLength(1);
    // Neither the key nor the signature the client expected is in the error or the log.
    const expected = hmac("25180208:15:TRY:123456789");
    for (const text of [JSON.stringify(e), String(e.stack), e.message, JSON.stringify(events)]) {
      expect(text).not.toContain("secretKey");
      expect(text).not.toContain(expected);
    }
  });

  it("a read answered without a signature is response_signature_invalid, rejected and not retried", async () => {
    const { signature: _dropped, ...unsigned } = PAYMENT_ANSWER;
    const { iyzico, sent } = client(() => json(unsigned), { maxRetries: 2 });
    const e = await odemeError(() => iyzico.retrievePayment({ paymentId: "1" }));
    expect(e).toMatchObject({ code: "response_signature_invalid", outcome: "rejected", retryable: false, operation: "retrievePayment" });
    expect(e.message).toMatch(/signature is missing/);
    expect(sent).toHaveLength(1);
  });

  it("an answer signed with another key does not verify", async () => {
    const { iyzico } = client(() => json({ ...SUCCESS, signature: hmac("25180208:15:TRY:123456789", "another-key") }));
    await expect(iyzico.refundV2(REFUND_V2)).rejects.toMatchObject({ code: "response_signature_invalid", outcome: "unknown" });
  });

  it("an operation whose order no source documents (cancel) is not verified", async () => {
    const { iyzico } = client(() => json({ status: "success", paymentId: "25180208", price: 15, currency: "TRY" }));
    await expect(iyzico.cancel({ paymentId: "25180208" })).resolves.toMatchObject({ status: "success" });
  });

  it("verifyResponseSignatures: false takes the answer as it comes", async () => {
    const { iyzico } = client(() => json({ ...SUCCESS, signature: "0".repeat(64) }), { verifyResponseSignatures: false });
    await expect(iyzico.refundV2(REFUND_V2)).resolves.toMatchObject({ status: "success" });
  });
});
