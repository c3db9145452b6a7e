import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSipayWalletSimulator, type SipayWalletSimulator } from "../../../src/providers/sipay-wallet/index.ts";
import { api, requestToken, token } from "./http.ts";

let sim: SipayWalletSimulator;
const NOW = new Date("2024-06-12T07:00:00Z");
beforeEach(async () => {
  sim = await startSipayWalletSimulator({ now: NOW });
});
afterEach(() => sim.close());

const walletInfo = (bearer: string | undefined) =>
  api(sim, "/v1/wallet/info", { wallet_number: sim.wallets.personal.walletNumber }, bearer);

describe("POST /connect/token (client credentials)", () => {
  it("issues a bearer token for the right client and scope", async () => {
    const { status, json } = await requestToken(sim);
    expect(status).toBe(200);
    expect(json).toEqual({ access_token: expect.stringMatching(/^sim_/), expires_in: 3600, token_type: "Bearer", scope: "sts_api" });
    expect(sim.tokenRequests).toBe(1);
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "getToken", applied: true, status: 200 });
  });

  it("a wrong client id or secret is 400 invalid_client", async () => {
    expect(await requestToken(sim, { client_secret: "nope" })).toEqual({ status: 400, json: { error: "invalid_client" } });
    expect(await requestToken(sim, { client_id: "someone" })).toEqual({ status: 400, json: { error: "invalid_client" } });
    expect(await requestToken(sim, { client_secret: undefined })).toEqual({ status: 400, json: { error: "invalid_client" } });
    expect(sim.tokenRequests).toBe(3);
  });

  it("another scope is invalid_scope; another grant type unsupported_grant_type", async () => {
    expect((await requestToken(sim, { scope: "sts_admin" })).json).toEqual({ error: "invalid_scope" });
    expect((await requestToken(sim, { scope: "sts_api admin" })).json).toEqual({ error: "invalid_scope" });
    expect((await requestToken(sim, { grant_type: "password" })).json).toEqual({ error: "unsupported_grant_type" });
  });

  it("grants the Business API's scope sts_business_api as well as sts_api", async () => {
    expect(await requestToken(sim, { scope: "sts_business_api" })).toMatchObject({
      status: 200,
      json: { token_type: "Bearer", scope: "sts_business_api" },
    });
  });

  it("tokenTtlSeconds sets expires_in", async () => {
    const other = await startSipayWalletSimulator({ tokenTtlSeconds: 60 });
    try {
      expect((await requestToken(other)).json.expires_in).toBe(60);
    } finally {
      await other.close();
    }
    await expect(startSipayWalletSimulator({ tokenTtlSeconds: 0 })).rejects.toThrow(/tokenTtlSeconds/);
  });
});

describe("Bearer tokens on the API", () => {
  it("a valid token passes", async () => {
    const { status, json } = await walletInfo(await token(sim));
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 0, code: "100", message: "İşlem başarılı" });
  });

  it("no token or an unknown one is a 401 with the ASP.NET problem shape", async () => {
    const missing = await walletInfo(undefined);
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({
      type: "https://tools.ietf.org/html/rfc7235#section-3.1",
      title: "Unauthorized",
      status: 401,
      traceId: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/),
    });
    expect(missing.headers.get("www-authenticate")).toBe("Bearer");
    const unknown = await walletInfo("made-up");
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect(sim.requests.at(-1)).toMatchObject({ operationId: "walletInfo", applied: false, status: 401 });
  });

  it("a token expires after tokenTtlSeconds by the simulator clock", async () => {
    const bearer = await token(sim);
    sim.clock.advance(3_599_000);
    expect((await walletInfo(bearer)).status).toBe(200);
    sim.clock.advance(1_000);
    const expired = await walletInfo(bearer);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toBe(
      `Bearer error="invalid_token", error_description="The token expired at '2024-06-12T08:00:00.000Z'"`,
    );
    expect((await walletInfo(await token(sim))).status).toBe(200);
  });

  it("revokeTokens() invalidates every issued token", async () => {
    const a = await token(sim);
    const b = await token(sim);
    sim.revokeTokens();
    expect((await walletInfo(a)).status).toBe(401);
    expect((await walletInfo(b)).status).toBe(401);
    expect(sim.tokenRequests).toBe(2);
  });

  it("an unauthenticated refund changes nothing", async () => {
    const payment = sim.seedPayment({ amount: "10.00" });
    const body = { tx_correlation_id: payment.transactionId, ext_transaction_id: "r", currency_code: "TRY", refund_amount: 1 };
    expect((await api(sim, "/v1/Transaction/RefundPaymentInstant", body, "nope")).status).toBe(401);
    expect(sim.ledger.transactions).toHaveLength(1);
  });

  it("custom credentials replace the sandbox ones", async () => {
    const other = await startSipayWalletSimulator({ credentials: { clientId: "id", clientSecret: "secret" } });
    try {
      expect((await requestToken(other)).status).toBe(200);
      expect((await requestToken(other, { client_id: "sim-client-id", client_secret: "sim-client-secret" })).json).toEqual({
        error: "invalid_client",
      });
    } finally {
      await other.close();
    }
  });
});
