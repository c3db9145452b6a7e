import { describe, expect, it } from "vitest";
import {
  createSipayWalletClient,
  OdemeError,
  type RefundPaymentInstantRequest,
  type SipayWalletClientOptions,
} from "../../packages/sipay-wallet/src/index.ts";
import { fakeFetch, json, rejection, type SentRequest } from "./fake-fetch.ts";

const TOKEN_URL = "https://idsuat.walletgate.io/connect/token";
const REFUND_URL = "https://stsapiuat.walletgate.io/v1/Transaction/RefundPaymentInstant";
const REFUND: RefundPaymentInstantRequest = {
  tx_correlation_id: "7440022202222222022",
  ext_transaction_id: "R-1",
  currency_code: "TRY",
  refund_amount: "10.50",
};
const OK = '{"status":0,"code":"100","message":"İşlem başarılı","payload":{"transaction_id":7440022202222222022}}';

/**
 * A fake IdentityServer + STS API. The token endpoint issues tok-1, tok-2, ... (with `expiresIn`);
 * the API answers with `api(req, n)` where n counts API calls only.
 */
function sipay(
  api: (req: SentRequest, n: number) => Response | Promise<Response>,
  opts: { expiresIn?: number; tokenDelayMs?: number } = {},
  options: Partial<SipayWalletClientOptions> = {},
) {
  let tokens = 0;
  let apiCalls = 0;
  const fake = fakeFetch(async (req) => {
    if (req.url === TOKEN_URL) {
      if (opts.tokenDelayMs) await new Promise((r) => setTimeout(r, opts.tokenDelayMs));
      return json({ access_token: `tok-${++tokens}`, token_type: "Bearer", expires_in: opts.expiresIn ?? 3600, scope: "sts_api" });
    }
    return api(req, ++apiCalls);
  });
  const client = createSipayWalletClient({ clientId: "client-id", clientSecret: "cs-9q8w", fetch: fake.fetch, ...options });
  const tokenRequests = () => fake.sent.filter((r) => r.url === TOKEN_URL);
  const apiRequests = () => fake.sent.filter((r) => r.url !== TOKEN_URL);
  return { client, sent: fake.sent, tokenRequests, apiRequests };
}

async function odemeError(fn: () => Promise<unknown>): Promise<OdemeError> {
  const e = await rejection(fn);
  expect(e).toBeInstanceOf(OdemeError);
  return e as OdemeError;
}

describe("Sipay Wallet client: OAuth2 client credentials", () => {
  it("posts the client-credentials form to the identity host, then calls the API with the bearer token", async () => {
    const { client, sent } = sipay(() => json(OK));
    await client.refundPaymentInstant(REFUND);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual<SentRequest>({
      method: "POST",
      url: TOKEN_URL,
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: "grant_type=client_credentials&client_id=client-id&client_secret=cs-9q8w&scope=sts_api",
    });
    expect(sent[1]).toEqual<SentRequest>({
      method: "POST",
      url: REFUND_URL,
      headers: { authorization: "Bearer tok-1", "content-type": "application/json", accept: "application/json" },
      body: '{"tx_correlation_id":"7440022202222222022","ext_transaction_id":"R-1","currency_code":"TRY","refund_amount":10.5}',
    });
  });

  it("the scope option replaces the spec's default scope in the token form (sts_business_api for the Business API)", async () => {
    const { client, tokenRequests } = sipay(() => json(OK), {}, { scope: "sts_business_api" });
    await client.refundPaymentInstant(REFUND);
    expect(tokenRequests().map((r) => r.body)).toEqual([
      "grant_type=client_credentials&client_id=client-id&client_secret=cs-9q8w&scope=sts_business_api",
    ]);
  });

  it("an empty scope option keeps the default", async () => {
    const { client, tokenRequests } = sipay(() => json(OK), {}, { scope: "" });
    await client.refundPaymentInstant(REFUND);
    expect(tokenRequests().map((r) => r.body)).toEqual([
      "grant_type=client_credentials&client_id=client-id&client_secret=cs-9q8w&scope=sts_api",
    ]);
  });

  it("shares one token request between 5 concurrent calls", async () => {
    const { client, tokenRequests, apiRequests } = sipay(() => json(OK), { tokenDelayMs: 20 });
    await Promise.all(Array.from({ length: 5 }, (_, i) => client.refundPaymentInstant({ ...REFUND, ext_transaction_id: `R-${i}` })));
    expect(tokenRequests()).toHaveLength(1);
    expect(apiRequests()).toHaveLength(5);
    expect(apiRequests().every((r) => r.headers.authorization === "Bearer tok-1")).toBe(true);
  });

  it("reuses a valid token for later calls", async () => {
    const { client, tokenRequests, apiRequests } = sipay(() => json(OK));
    await client.refundPaymentInstant(REFUND);
    await client.walletInfo({ wallet_number: "W1", account_number: "A1" } as never);
    expect(tokenRequests()).toHaveLength(1);
    expect(apiRequests().map((r) => r.headers.authorization)).toEqual(["Bearer tok-1", "Bearer tok-1"]);
  });

  it("refreshes a token that is (about to be) expired before calling", async () => {
    // expires_in 1 s: a token shorter-lived than the 30 s margin is refreshed after half its life,
    // so a call 600 ms later must not send tok-1 again.
    const { client, tokenRequests, apiRequests } = sipay(() => json(OK), { expiresIn: 1 });
    await client.refundPaymentInstant(REFUND);
    await new Promise((r) => setTimeout(r, 600));
    await client.refundPaymentInstant(REFUND);
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests().map((r) => r.headers.authorization)).toEqual(["Bearer tok-1", "Bearer tok-2"]);
  });

  it("after a 401, refreshes the token once and retries once", async () => {
    const { client, tokenRequests, apiRequests } = sipay((_req, n) => (n === 1 ? json({ message: "Unauthorized" }, 401) : json(OK)));
    const result = await client.refundPaymentInstant(REFUND);
    expect(result.payload?.transaction_id).toBe("7440022202222222022");
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests().map((r) => r.headers.authorization)).toEqual(["Bearer tok-1", "Bearer tok-2"]);
  });

  it("5 concurrent calls that all get a 401 for a revoked token share one refresh", async () => {
    const { client, tokenRequests, apiRequests } = sipay(
      (req) => (req.headers.authorization === "Bearer tok-1" ? json({ message: "Unauthorized" }, 401) : json(OK)),
      { tokenDelayMs: 10 },
    );
    await Promise.all(Array.from({ length: 5 }, (_, i) => client.refundPaymentInstant({ ...REFUND, ext_transaction_id: `R-${i}` })));
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests().filter((r) => r.headers.authorization === "Bearer tok-2")).toHaveLength(5);
  });

  it("a second 401 is final: authentication, no third attempt", async () => {
    const { client, tokenRequests, apiRequests } = sipay(() => json({ message: "Unauthorized" }, 401));
    const e = await odemeError(() => client.refundPaymentInstant(REFUND));
    expect(e).toMatchObject({ code: "authentication", status: 401, outcome: "rejected" });
    expect(tokenRequests()).toHaveLength(2);
    expect(apiRequests()).toHaveLength(2);
  });

  it("a rejected client secret fails as authentication without calling the API", async () => {
    const fake = fakeFetch((req) => (req.url === TOKEN_URL ? json({ error: "invalid_client" }, 400) : json(OK)));
    const client = createSipayWalletClient({ clientId: "client-id", clientSecret: "wrong", fetch: fake.fetch });
    const e = await odemeError(() => client.refundPaymentInstant(REFUND));
    expect(e).toMatchObject({ code: "authentication", providerCode: "invalid_client", operation: "token" });
    expect(fake.sent.map((r) => r.url)).toEqual([TOKEN_URL]);
  });

  it("finds the token endpoint behind a baseUrl with a path prefix (a simulator)", async () => {
    const fake = fakeFetch((req) => (req.url.endsWith("/connect/token") ? json({ access_token: "sim-tok", expires_in: 3600 }) : json(OK)));
    const client = createSipayWalletClient({
      clientId: "client-id",
      clientSecret: "cs",
      fetch: fake.fetch,
      baseUrl: { api: "http://127.0.0.1:9/sipay", identity: "http://127.0.0.1:9/sipay-ids/" },
    });
    await client.refundPaymentInstant(REFUND);
    expect(fake.sent.map((r) => r.url)).toEqual([
      "http://127.0.0.1:9/sipay-ids/connect/token",
      "http://127.0.0.1:9/sipay/v1/Transaction/RefundPaymentInstant",
    ]);
    expect(fake.sent[1]?.headers.authorization).toBe("Bearer sim-tok");
  });

  it("getToken called directly resolves with the OAuth answer (it has no status envelope) and sends no bearer", async () => {
    const fake = fakeFetch(() => json({ access_token: "direct", token_type: "Bearer", expires_in: 3600, scope: "sts_api" }));
    const client = createSipayWalletClient({ clientId: "client-id", clientSecret: "cs", fetch: fake.fetch });
    const token = await client.getToken({
      grant_type: "client_credentials",
      client_id: "client-id",
      client_secret: "cs",
      scope: "sts_api",
    });
    expect(token).toMatchObject({ access_token: "direct", expires_in: 3600 });
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]?.headers.authorization).toBeUndefined();
    expect(fake.sent[0]?.body).toBe("grant_type=client_credentials&client_id=client-id&client_secret=cs&scope=sts_api");
  });

  it("a token answer without access_token fails as authentication", async () => {
    const fake = fakeFetch((req) => (req.url === TOKEN_URL ? json({ token_type: "Bearer" }) : json(OK)));
    const client = createSipayWalletClient({ clientId: "client-id", clientSecret: "cs", fetch: fake.fetch });
    const e = await odemeError(() => client.refundPaymentInstant(REFUND));
    expect(e).toMatchObject({ code: "authentication" });
    expect(fake.sent).toHaveLength(1);
  });
});

describe("Sipay Wallet client: responses", () => {
  it("keeps an unquoted 19-digit transaction_id exact", async () => {
    const { client } = sipay(() =>
      json('{"status":0,"code":"100","payload":{"transaction_id":7440022202222222022,"wallet_info":{"id":4822266573549595123}}}'),
    );
    const result = await client.refundPaymentInstant(REFUND);
    expect(result.payload?.transaction_id).toBe("7440022202222222022");
    expect(result.payload?.wallet_info?.id).toBe("4822266573549595123");
  });

  it("returns a small numeric id as a string too, as its type says", async () => {
    const { client } = sipay(() => json('{"status":0,"code":"100","payload":{"transaction_id":12345}}'));
    const result = await client.refundPaymentInstant(REFUND);
    expect(result.payload?.transaction_id).toBe("12345");
  });

  it.each([
    ["301", "duplicate"],
    ["315", "amount_exceeds_refundable"],
    ["322", "already_cancelled"],
    ["312", "not_found"],
    ["777", "provider_error"],
  ] as const)("a business failure (HTTP 200, status 2) with code %s is %s", async (code, expected) => {
    const { client } = sipay(() => json({ status: 2, code, message: "Duplicate", payload: null }));
    const e = await odemeError(() => client.refundPaymentInstant(REFUND));
    expect(e).toMatchObject({ code: expected, providerCode: code, providerMessage: "Duplicate", outcome: "rejected", status: 200 });
  });

  it("the ASP.NET model-binding 400 becomes invalid_request naming the field", async () => {
    const { client } = sipay(() =>
      json(
        {
          errors: { tx_correlation_id: ["The supplied value is invalid."] },
          type: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
          title: "One or more validation errors occurred.",
          status: 400,
        },
        400,
      ),
    );
    const e = await odemeError(() => client.refundPaymentInstant(REFUND));
    expect(e).toMatchObject({
      code: "invalid_request",
      field: "tx_correlation_id",
      fieldErrors: [{ field: "tx_correlation_id", message: "The supplied value is invalid." }],
      outcome: "rejected",
      status: 400,
    });
    expect(e.message).toContain("tx_correlation_id: The supplied value is invalid.");
  });

  it("a FluentValidation failure (status 1, code 999, HTTP 400) is invalid_request", async () => {
    const { client } = sipay(() => json({ status: 1, code: "999", message: "'Currency Code' must not be empty.", payload: null }, 400));
    const e = await odemeError(() => client.refundPaymentInstant(REFUND));
    expect(e).toMatchObject({ code: "invalid_request", providerCode: "999", providerMessage: "'Currency Code' must not be empty." });
  });
});

describe("Sipay Wallet client: amounts", () => {
  it.each([
    ["10.50", '"refund_amount":10.5'],
    ["10", '"refund_amount":10'],
    ["0.01", '"refund_amount":0.01'],
    ["999999999.99", '"refund_amount":999999999.99'],
  ] as const)("sends refund_amount %j as the raw JSON number %s", async (amount, expected) => {
    const { client, apiRequests } = sipay(() => json(OK));
    await client.refundPaymentInstant({ ...REFUND, refund_amount: amount });
    expect(apiRequests()[0]?.body).toContain(expected);
  });

  it("rejects a third decimal before asking for a token", async () => {
    const { client, sent } = sipay(() => json(OK));
    const e = await odemeError(() => client.refundPaymentInstant({ ...REFUND, refund_amount: "10.505" }));
    expect(e).toMatchObject({ code: "invalid_request", field: "refund_amount", outcome: "not_sent" });
    expect(sent).toHaveLength(0);
  });
});

describe("Sipay Wallet: its system-error code (500 Sistem Hatası)", () => {
  const SYSTEM_ERROR = '{"status":1,"code":500,"message":"Sistem Hatası!","payload":null}';

  it.each([200, 500])("on a write (HTTP %i) is outcome_unknown, not a retryable refusal: the refund may have been made", async (status) => {
    const { client, apiRequests } = sipay(() => json(SYSTEM_ERROR, status));
    const e = await odemeError(() => client.refundPaymentInstant(REFUND));
    expect(e).toMatchObject({ code: "outcome_unknown", outcome: "unknown", retryable: false, providerCode: "500" });
    expect(e.message).toContain("look it up before retrying");
    expect(apiRequests()).toHaveLength(1);
  });

  it("on a read is provider_unavailable and retried", async () => {
    const { client, apiRequests } = sipay((_req, n) =>
      n === 1 ? json(SYSTEM_ERROR) : json('{"status":0,"code":"100","message":"ok","payload":{}}'),
    );
    await client.walletInfo({ wallet_number: "826282822" });
    expect(apiRequests()).toHaveLength(2);
  });
});

describe("Sipay Wallet: waiting for a token", () => {
  it("the caller's abort ends the wait at once: aborted, not_sent, and the operation is never sent", async () => {
    const { client, tokenRequests, apiRequests } = sipay(() => json(OK), { tokenDelayMs: 60_000 }, { timeoutMs: 120_000 });
    const caller = new AbortController();
    const call = odemeError(() => client.walletInfo({ wallet_number: "826282822" }, { signal: caller.signal }));
    while (tokenRequests().length === 0) await new Promise((r) => setTimeout(r, 1));
    caller.abort();
    const e = await call;
    expect(e).toMatchObject({ code: "aborted", outcome: "not_sent" });
    expect(apiRequests()).toHaveLength(0);
  });

  it("an already-aborted signal sends nothing, not even a token request", async () => {
    const { client, sent } = sipay(() => json(OK));
    const caller = new AbortController();
    caller.abort();
    expect(await odemeError(() => client.refundPaymentInstant(REFUND, { signal: caller.signal }))).toMatchObject({
      code: "aborted",
      outcome: "not_sent",
    });
    expect(sent).toHaveLength(0);
  });

  it("the call's own time limit holds while the token is slow: timeout, not_sent, the write never sent", async () => {
    const { client, apiRequests } = sipay(() => json(OK), { tokenDelayMs: 60_000 }, { timeoutMs: 120_000, maxRetries: 0 });
    const e = await odemeError(() => client.refundPaymentInstant(REFUND, { timeoutMs: 50 }));
    expect(e).toMatchObject({ code: "timeout", outcome: "not_sent", retryable: true });
    expect(e.message).toContain("its credentials (a token) were not ready within the time limit");
    expect(apiRequests()).toHaveLength(0);
  });
});
