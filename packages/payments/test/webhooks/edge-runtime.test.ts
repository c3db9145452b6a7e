import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DINERO_PASSWORD, failure, PAYWALL_HASH_KEY, payments } from "../helpers/webhooks.ts";

// iyzico's checkout-form worked example (iyzipay-php samples/webhook_Signature_Validation.php), signed with IYZICO_SECRET.
const IYZICO_BODY =
  '{"paymentConversationId":"conversationId","merchantId":3382172,"token":"e828c62d-fd12-4b1a-ad5a-380f15fe6596","status":"SUCCESS","iyziReferenceCode":"77e1635c-6b39-475a-8b7b-ca15ad0cd4ac","iyziEventType":"CHECKOUT_FORM_AUTH","iyziEventTime":1721825036103,"iyziPaymentId":22483975}';
const IYZICO_SIGNATURE = "4031c575763486a2d2bf3f7ace0baebfcd6bed65393ab4df3fe80c00d5fd6878";

// Computed here from the documented formulas, independently of @odeme/core's helpers, before Buffer goes.
const sha256Hex = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const sha1OfMd5 = (s: string) => createHash("sha1").update(createHash("md5").update(s.toUpperCase(), "utf8").digest("hex")).digest("hex");
const PAYWALL_FIELDS = { status: "Error", errorCode: "5", paymentId: "123", uniqueCode: "order-1", amount: "10.50", installment: "1" };
const PAYWALL_HASH = sha256Hex(`${PAYWALL_HASH_KEY}###123###order-1###10.50###1`);
const paywallBody = (errorMessage: string) => new URLSearchParams({ ...PAYWALL_FIELDS, errorMessage, hash: PAYWALL_HASH }).toString();
const INSUFFICIENT = Buffer.from("Yetersiz bakiye, işlem reddedildi").toString("base64");
const DINERO_FIELDS = {
  id: "63c781cc-de3d-11eb-a1f1-0242ac130006",
  order_number: "order-1234",
  order_amount: "0.19",
  order_currency: "USD",
};
const DINERO_BODY = new URLSearchParams({
  ...DINERO_FIELDS,
  order_description: "Önemli hediye",
  type: "sale",
  status: "success",
  hash: sha1OfMd5(`${DINERO_FIELDS.id}order-12340.19USDÖnemli hediye${DINERO_PASSWORD}`),
}).toString();

// Node loads its fetch classes (undici) on first use, and undici itself needs Buffer: load them
// now. An edge runtime has Headers built in.
const IYZICO_HEADERS = new Headers({ "x-iyz-signature-v3": IYZICO_SIGNATURE });

// An edge runtime (workerd without nodejs_compat, Vercel Edge) has no Buffer global.
describe("webhook verification without a Buffer global", () => {
  const saved = globalThis.Buffer;
  beforeEach(() => {
    (globalThis as { Buffer?: unknown }).Buffer = undefined;
  });
  afterEach(() => {
    globalThis.Buffer = saved;
  });

  it("verifies iyzico and DineroPay bodies given as bytes (Uint8Array)", () => {
    const bytes = new TextEncoder().encode(IYZICO_BODY);
    const iyzico = payments.webhooks.verify("iyzico", bytes, IYZICO_HEADERS);
    expect(iyzico).toMatchObject({ kind: "checkout_form", paymentId: "22483975", status: "SUCCESS" });
    const dinero = payments.webhooks.verify("dineropay", new TextEncoder().encode(DINERO_BODY));
    expect(dinero).toMatchObject({ paymentId: DINERO_FIELDS.id, unsigned: { type: "sale" } });
    expect(dinero.payload.order_description).toBe("Önemli hediye");
  });

  it("decodes a Paywall callback's base64 errorMessage", () => {
    const event = payments.webhooks.verify("paywall", paywallBody(INSUFFICIENT));
    expect(event.unsigned).toMatchObject({ status: "Error", errorMessage: "Yetersiz bakiye, işlem reddedildi" });
    // The same from bytes, whatever part of a larger buffer they are.
    const padded = new TextEncoder().encode(`xx${paywallBody(INSUFFICIENT)}yy`);
    const view = padded.subarray(2, padded.length - 2);
    expect(payments.webhooks.verify("paywall", view).unsigned.errorMessage).toBe("Yetersiz bakiye, işlem reddedildi");
  });

  it("still refuses a tampered body given as bytes", () => {
    const bytes = new TextEncoder().encode(IYZICO_BODY.replace('"SUCCESS"', '"FAILURE"'));
    expect(failure(() => payments.webhooks.verify("iyzico", bytes, { "x-iyz-signature-v3": IYZICO_SIGNATURE })).code).toBe(
      "authentication",
    );
  });
});

describe("a Paywall errorMessage that is not base64", () => {
  it.each([
    ["plain text with spaces", "Yetersiz bakiye"],
    ["base64 letters whose bytes are not UTF-8 text", "Test"],
    ["unpadded", "WWV0ZXJzaXo"],
    ["in the URL-safe alphabet", "-_-_"],
  ])("is given as received (%s), never decoded to garbage", (_what, raw) => {
    expect(payments.webhooks.verify("paywall", paywallBody(raw)).unsigned.errorMessage).toBe(raw);
  });
});
