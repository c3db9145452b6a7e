import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPayments, type OdemeError } from "../src/index.ts";

// iyzico's worked examples (iyzipay-php samples/webhook_Signature_Validation.php).
const IYZICO_SECRET = "sandbox-UuLnD7wZa0a3DmytfIrwHQqAMfqCNJrs";
const API_BODY =
  '{"paymentConversationId":"conversationId","merchantId":3382172,"paymentId":22484059,"status":"SUCCESS","iyziReferenceCode":"a9af8e6b-4401-4928-b6b8-40419aaa3d0f","iyziEventType":"API_AUTH","iyziEventTime":1721825828467,"iyziPaymentId":22484059}';
const API_SIGNATURE = "92c7a72b7741bc83eb696066605c894778c87297b2c88d6037670666230e18ae";
const CHECKOUT_BODY =
  '{"paymentConversationId":"conversationId","merchantId":3382172,"token":"e828c62d-fd12-4b1a-ad5a-380f15fe6596","status":"SUCCESS","iyziReferenceCode":"77e1635c-6b39-475a-8b7b-ca15ad0cd4ac","iyziEventType":"CHECKOUT_FORM_AUTH","iyziEventTime":1721825036103,"iyziPaymentId":22483975}';
const CHECKOUT_SIGNATURE = "4031c575763486a2d2bf3f7ace0baebfcd6bed65393ab4df3fe80c00d5fd6878";

// Computed here from the documented formulas, independently of @odeme/core's helpers.
const sha256Hex = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const sha1OfMd5 = (s: string) => createHash("sha1").update(createHash("md5").update(s.toUpperCase(), "utf8").digest("hex")).digest("hex");

const PAYWALL_HASH_KEY = "paywall-3d-hash-key";
const DINERO_PASSWORD = "dinero-password";

const payments = createPayments({
  iyzico: { apiKey: "api", secretKey: IYZICO_SECRET },
  paywall: { apiKeyPublic: "a", apiClientPublic: "b", apiKeyPrivate: "c", apiClientPrivate: "d", hashKey: PAYWALL_HASH_KEY },
  dineropay: { merchantKey: "m", password: DINERO_PASSWORD, environment: "live" }, // never called: the webhook checks are local
});

function failure(run: () => unknown): OdemeError {
  try {
    run();
  } catch (error) {
    return error as OdemeError;
  }
  throw new Error("expected verify to throw");
}

describe("iyzico X-IYZ-SIGNATURE-V3", () => {
  it("verifies iyzico's direct-payment example and returns the parsed event", () => {
    const event = payments.webhooks.verify("iyzico", API_BODY, { "x-iyz-signature-v3": API_SIGNATURE });
    expect(event).toMatchObject({ provider: "iyzico", kind: "api", eventType: "API_AUTH", paymentId: "22484059", paymentConversationId: "conversationId", status: "SUCCESS" });
    expect(event.payload.merchantId).toBe(3382172);
  });

  it("verifies iyzico's checkout-form example from a Buffer and a fetch Headers, whatever the header case", () => {
    const headers = new Headers({ "X-Iyz-Signature-V3": CHECKOUT_SIGNATURE.toUpperCase() });
    const event = payments.webhooks.verify("iyzico", Buffer.from(CHECKOUT_BODY), headers);
    expect(event).toMatchObject({ kind: "checkout_form", paymentId: "22483975", token: "e828c62d-fd12-4b1a-ad5a-380f15fe6596" });
  });

  it.each([
    ["a tampered body", API_BODY.replace('"SUCCESS"', '"FAILURE"'), API_SIGNATURE, "authentication", "signature mismatch"],
    ["a tampered signature", API_BODY, `${API_SIGNATURE.slice(0, -1)}f`, "authentication", "secretKey of the iyzico option"],
    ["a signature one character short", API_BODY, API_SIGNATURE.slice(1), "invalid_request", "has 63 hex characters; a valid one has 64"],
    ["a non-hex signature", API_BODY, `${API_SIGNATURE.slice(1)}z`, "invalid_request", "is not a hex string"],
    ["no signature header", API_BODY, undefined, "invalid_request", "X-IYZ-SIGNATURE-V3 is missing"],
    ["a body without an event type", '{"paymentId":1,"status":"SUCCESS"}', API_SIGNATURE, "invalid_request", "no iyziEventType"],
    ["a body that is not JSON", "{oops", API_SIGNATURE, "invalid_request", "not valid JSON"],
  ])("rejects %s", (_what, body, signature, code, message) => {
    const error = failure(() => payments.webhooks.verify("iyzico", body, signature === undefined ? {} : { "x-iyz-signature-v3": signature }));
    expect(error).toMatchObject({ code, provider: "iyzico", operation: "webhooks.verify" });
    expect(error.message).toContain(message);
  });

  it("rejects a wrong secret, saying so without showing either signature", () => {
    const other = createPayments({ iyzico: { apiKey: "api", secretKey: "another-secret" } });
    const error = failure(() => other.webhooks.verify("iyzico", API_BODY, { "x-iyz-signature-v3": API_SIGNATURE }));
    expect(error.code).toBe("authentication");
    expect(error.message).toContain("or the secret is wrong");
    expect(JSON.stringify(error)).not.toContain(API_SIGNATURE);
    expect(JSON.stringify(error)).not.toContain("another-secret");
  });

  it("refuses a parsed object instead of the raw body", () => {
    const error = failure(() => payments.webhooks.verify("iyzico", JSON.parse(API_BODY) as never, { "x-iyz-signature-v3": API_SIGNATURE }));
    expect(error).toMatchObject({ code: "invalid_request", field: "rawBody" });
    expect(error.message).toContain("pass the raw request body (a string or Buffer), before any JSON/body parser");
  });
});

describe("Paywall 3-D callback hash", () => {
  const fields = { status: "Success", errorCode: "0", paymentId: "123456", uniqueCode: "order-1001", amount: "101.50", installment: "1" };
  const hash = sha256Hex(`${PAYWALL_HASH_KEY}###123456###order-1001###101.50###1`);

  it("verifies a form post", () => {
    const body = new URLSearchParams({ ...fields, errorMessage: Buffer.from("Onaylandı").toString("base64"), hash }).toString();
    expect(payments.webhooks.verify("paywall", body)).toMatchObject({
      provider: "paywall",
      succeeded: true,
      paymentId: "123456",
      merchantUniqueCode: "order-1001",
      amount: "101.50",
      errorMessage: "Onaylandı",
    });
  });

  it("verifies a JSON body, with the amount exactly as received", () => {
    expect(payments.webhooks.verify("paywall", JSON.stringify({ ...fields, hash })).installment).toBe("1");
    const reformatted = JSON.stringify({ ...fields, amount: "101.5", hash });
    expect(failure(() => payments.webhooks.verify("paywall", reformatted)).code).toBe("authentication");
  });

  it.each([
    ["a missing hash", { ...fields }, "invalid_request", '"3D Hash Key" is enabled'],
    ["a wrong-length hash", { ...fields, hash: hash.slice(2) }, "invalid_request", "has 62 hex characters; a valid one has 64"],
    ["a tampered amount", { ...fields, amount: "1.50", hash }, "authentication", "the paywall.hashKey option"],
  ])("rejects %s", (_what, body, code, message) => {
    const error = failure(() => payments.webhooks.verify("paywall", new URLSearchParams(body).toString()));
    expect(error).toMatchObject({ code });
    expect(error.message).toContain(message);
  });

  it("needs paywall.hashKey", () => {
    const bare = createPayments({ paywall: { apiKeyPublic: "a", apiClientPublic: "b", apiKeyPrivate: "c", apiClientPrivate: "d" } });
    const error = failure(() => bare.webhooks.verify("paywall", "paymentId=1"));
    expect(error).toMatchObject({ code: "invalid_request", field: "paywall.hashKey" });
  });
});

describe("DineroPay callback hash", () => {
  const fields = {
    id: "63c781cc-de3d-11eb-a1f1-0242ac130006",
    order_number: "order-1234",
    order_amount: "0.19",
    order_currency: "USD",
    order_description: "Important gift",
    type: "sale",
    status: "success",
  };
  const hash = sha1OfMd5(`${fields.id}order-12340.19USDImportant gift${DINERO_PASSWORD}`);

  it("verifies a form post (fields uppercased before md5, as Akurateco does)", () => {
    const event = payments.webhooks.verify("dineropay", new URLSearchParams({ ...fields, hash }).toString());
    expect(event).toMatchObject({ provider: "dineropay", paymentId: fields.id, orderAmount: "0.19", type: "sale", status: "success" });
  });

  it("verifies a JSON body with a nested order", () => {
    const body = JSON.stringify({ id: fields.id, order: { number: "order-1234", amount: "0.19", currency: "USD", description: "Important gift" }, type: "refund", status: "success", hash });
    expect(payments.webhooks.verify("dineropay", body).type).toBe("refund");
  });

  it.each([
    ["a tampered amount", { ...fields, order_amount: "19.00", hash }, "authentication"],
    ["a wrong-length hash", { ...fields, hash: `${hash}00` }, "invalid_request"],
    ["no hash", fields, "invalid_request"],
  ])("rejects %s", (_what, body, code) => {
    expect(failure(() => payments.webhooks.verify("dineropay", new URLSearchParams(body).toString())).code).toBe(code);
  });
});

describe("webhooks.verify", () => {
  it("knows no scheme for Sipay Wallet or Parolapay", () => {
    const error = failure(() => payments.webhooks.verify("sipay-wallet" as never, "{}"));
    expect(error).toMatchObject({ code: "invalid_request", field: "provider" });
  });
});
