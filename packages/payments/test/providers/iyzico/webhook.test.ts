import { describe, expect, it } from "vitest";
import { createPayments } from "../../../src/index.ts";
import { failure, payments } from "../../helpers/webhooks.ts";

// iyzico's worked examples (iyzipay-php samples/webhook_Signature_Validation.php), signed with IYZICO_SECRET.
const API_BODY =
  '{"paymentConversationId":"conversationId","merchantId":3382172,"paymentId":22484059,"status":"SUCCESS","iyziReferenceCode":"a9af8e6b-4401-4928-b6b8-40419aaa3d0f","iyziEventType":"API_AUTH","iyziEventTime":1721825828467,"iyziPaymentId":22484059}';
const API_SIGNATURE = "92c7a72b7741bc83eb696066605c894778c87297b2c88d6037670666230e18ae";
const CHECKOUT_BODY =
  '{"paymentConversationId":"conversationId","merchantId":3382172,"token":"e828c62d-fd12-4b1a-ad5a-380f15fe6596","status":"SUCCESS","iyziReferenceCode":"77e1635c-6b39-475a-8b7b-ca15ad0cd4ac","iyziEventType":"CHECKOUT_FORM_AUTH","iyziEventTime":1721825036103,"iyziPaymentId":22483975}';
const CHECKOUT_SIGNATURE = "4031c575763486a2d2bf3f7ace0baebfcd6bed65393ab4df3fe80c00d5fd6878";

describe("iyzico X-IYZ-SIGNATURE-V3", () => {
  it("verifies iyzico's direct-payment example and returns the parsed event", () => {
    const event = payments.webhooks.verify("iyzico", API_BODY, { "x-iyz-signature-v3": API_SIGNATURE });
    expect(event).toMatchObject({
      provider: "iyzico",
      kind: "api",
      eventType: "API_AUTH",
      paymentId: "22484059",
      paymentConversationId: "conversationId",
      status: "SUCCESS",
    });
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
    const error = failure(() =>
      payments.webhooks.verify("iyzico", body, signature === undefined ? {} : { "x-iyz-signature-v3": signature }),
    );
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
