/**
 * No credential appears in any error or log line of the facade: not in `message`, not in
 * `JSON.stringify(error)`, not in the stack, even when a provider echoes one back in free text.
 */
import { describe, expect, it } from "vitest";
import { createPayments, OdemeError, parseMoney, type PaymentsOptions } from "../../src/index.ts";
import { secretOptionNames, secretsOf } from "../../src/payments/secrets.ts";
import { fakeProvider, rejection, type Route } from "../helpers/fake-fetch.ts";

const S = {
  iyzicoApiKey: "sandbox-iyz-APIKEY-0001",
  iyzicoSecret: "sandbox-iyz-SECRET-0002",
  pwPub: "pw-PUBLIC-KEY-0003",
  pwPubClient: "pw-PUBLIC-CLIENT-0004",
  pwPriv: "pw-PRIVATE-KEY-0005",
  pwPrivClient: "pw-PRIVATE-CLIENT-0006",
  pwHash: "pw-HASH-KEY-0007",
  dineroKey: "dinero-MERCHANT-KEY-0008",
  dineroPassword: "dinero-PASSWORD-0009",
  parolaUser: "parola-USER-0010",
  parolaPassword: "parola-PASSWORD-0011",
  sipayId: "sipay-CLIENT-ID-0012",
  sipaySecret: "sipay-CLIENT-SECRET-0013",
};
const SECRETS = Object.values(S);

/** Replies that echo every credential the request carried, and a few more, as a careless provider might. */
const echo =
  (body: object): Route =>
  (call) => {
    const headers: Record<string, string> = {};
    call.headers.forEach((value, name) => (headers[name] = value));
    return { status: 400, json: { ...body, echo: { headers, sent: call.body, note: `keys were ${SECRETS.join(" ")}` } } };
  };

function setup(routes: Record<string, Route>) {
  const fake = fakeProvider(routes);
  const events: unknown[] = [];
  const base = "http://provider.test";
  const options: PaymentsOptions = {
    iyzico: { apiKey: S.iyzicoApiKey, secretKey: S.iyzicoSecret, baseUrl: base },
    paywall: {
      apiKeyPublic: S.pwPub,
      apiClientPublic: S.pwPubClient,
      apiKeyPrivate: S.pwPriv,
      apiClientPrivate: S.pwPrivClient,
      hashKey: S.pwHash,
      baseUrl: base,
    },
    dineropay: { merchantKey: S.dineroKey, password: S.dineroPassword, baseUrl: base },
    parolapay: { username: S.parolaUser, password: S.parolaPassword, baseUrl: base },
    "sipay-wallet": { clientId: S.sipayId, clientSecret: S.sipaySecret, baseUrl: base },
    fetch: fake.fetch,
    logger: (e) => events.push(e),
    resendGraceMs: 0,
  };
  return { fake, events, options, payments: createPayments(options) };
}

/** The OdemeError `run` throws; fails the test when it returns instead. */
function thrown(run: () => unknown): OdemeError {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error, "expected an OdemeError to be thrown").toBeInstanceOf(OdemeError);
  return error as OdemeError;
}

function expectClean(what: string, error: OdemeError | unknown[]) {
  const texts = Array.isArray(error) ? [JSON.stringify(error)] : [error.message, JSON.stringify(error), String(error.stack)];
  for (const text of texts) for (const secret of SECRETS) expect(text, `${what} leaks ${secret}`).not.toContain(secret);
}

describe("no secret in errors or logs", () => {
  it.each([
    [
      "iyzico",
      "POST /payment/detail",
      { status: "failure", errorCode: "1001", errorMessage: `api bilgileri bulunamadı: ${S.iyzicoApiKey}` },
    ],
    ["paywall", "GET /api/paywall/private/query", { ErrorCode: 401, Result: false, Message: `key ${S.pwPriv} is not valid`, Body: null }],
    [
      "dineropay",
      "POST /api/v1/payment/status",
      {
        error_code: 0,
        error_message: "Request data is invalid.",
        errors: [{ error_code: 100000, error_message: `hash: expected one made with ${S.dineroPassword}` }],
      },
    ],
    [
      "parolapay",
      "POST /parolapay/status",
      { error: { code: "unauthorized", message: `bad credentials ${S.parolaUser}:${S.parolaPassword}` } },
    ],
    ["sipay-wallet", "POST /connect/token", { error: "invalid_client", error_description: `client_secret ${S.sipaySecret} is wrong` }],
  ] as const)("%s: a provider error that echoes the credentials", async (provider, route, body) => {
    const refs = {
      iyzico: { paymentId: "1" },
      paywall: { merchantUniqueCode: "order-1" },
      dineropay: { paymentId: "63c781cc-de3d-11eb-a1f1-0242ac130006" },
      parolapay: { intentId: "pi_0123456789abcdef01234567" },
      "sipay-wallet": { transactionId: "7440022202222222022" },
    } as const;
    const { payments, events, fake } = setup({ [route]: echo(body) });
    const error = await rejection(() => payments.retrieve({ provider, payment: refs[provider] } as never));
    expect(error.provider).toBe(provider);
    expectClean(`${provider} error`, error);
    expectClean(`${provider} log`, events);
    // What the auth scheme made of the credentials (Basic pair, IYZWSv2 header, bearer token), as echoed.
    const derived = fake.calls.map((c) => c.headers.get("authorization")?.replace(/^\S+ /, "")).filter((v): v is string => v !== undefined);
    derived.push(btoa(`${S.parolaUser}:${S.parolaPassword}`));
    for (const text of [error.message, JSON.stringify(error), String(error.stack), JSON.stringify(events)]) {
      for (const value of derived) expect(text, `${provider} leaks ${value}`).not.toContain(value.slice(0, 16));
    }
  });

  it("a card number passed as the provider is not echoed raw in error.provider or the message", async () => {
    const { payments } = setup({});
    const error = await rejection(() => payments.retrieve({ provider: "5528 7900 0000 0008", payment: { paymentId: "1" } } as never));
    expect(error.code).toBe("invalid_request");
    for (const text of [error.provider, error.message, JSON.stringify(error)]) expect(text).not.toMatch(/5528 ?7900 ?0000 ?0008/);
  });

  it("a write whose outcome is unknown, and the refusal of its retry", async () => {
    const { payments, events } = setup({
      "POST /api/v1/payment/status": {
        json: { payment_id: "p", status: "settled", order: { number: "o", amount: "10.00", currency: "TRY", description: "d" } },
      },
      "POST /api/v1/payment/refund": "reset",
    });
    const input = { provider: "dineropay", payment: { paymentId: "p" }, amount: parseMoney("1", "TRY"), idempotencyKey: "k" } as const;
    expectClean("outcome_unknown", await rejection(() => payments.refund(input)));
    expectClean("retry", await rejection(() => payments.refund(input)));
    expectClean("log", events);
  });

  it("webhook failures and configuration errors", async () => {
    const { payments } = setup({});
    for (const provider of ["iyzico", "paywall", "dineropay"] as const) {
      const error = thrown(() =>
        payments.webhooks.verify(provider, '{"iyziEventType":"x","status":"y","paymentId":"1","hash":"00"}', {
          "x-iyz-signature-v3": "00",
        }),
      );
      expect(error.code).toBe("invalid_request");
      expectClean(`${provider} webhook`, error);
    }
    const config = thrown(() => createPayments({ iyzico: { apiKey: S.iyzicoApiKey, secretKey: "" } }));
    expect(config.code).toBe("invalid_request");
    expectClean("config", config);
  });
});

describe("where the secrets come from", () => {
  it("every provider's secret options are its generated definition's credentials, plus Paywall's webhook hashKey", () => {
    expect(secretOptionNames("iyzico")).toEqual(["apiKey", "secretKey"]);
    expect(secretOptionNames("paywall")).toEqual(["apiKeyPublic", "apiClientPublic", "apiKeyPrivate", "apiClientPrivate", "hashKey"]);
    expect(secretOptionNames("dineropay")).toEqual(["merchantKey", "password"]);
    expect(secretOptionNames("parolapay")).toEqual(["username", "password"]);
    expect(secretOptionNames("sipay-wallet")).toEqual(["clientId", "clientSecret"]);
  });

  it("each webhook scheme gets the secret its provider's options hold, and only configured ones", () => {
    const { options } = setup({});
    expect(secretsOf(options).webhooks).toEqual({ iyzico: S.iyzicoSecret, paywall: S.pwHash, dineropay: S.dineroPassword });
    expect(secretsOf({ iyzico: { apiKey: "a", secretKey: "b" } }).webhooks).toEqual({ iyzico: "b" });
  });

  it("a masked logger masks every configured credential", () => {
    const { options } = setup({});
    const seen: unknown[] = [];
    secretsOf(options).masked((e) => seen.push(e))({ type: "request", provider: "iyzico", note: `keys ${SECRETS.join(" ")}` } as never);
    expectClean("a masked log event", seen);
  });
});
