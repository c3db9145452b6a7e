import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPayments } from "../../../src/index.ts";
import { failure, PAYWALL_HASH_KEY, payments } from "../../helpers/webhooks.ts";

// Computed here from the documented formula, independently of @odeme/core's helpers.
const sha256Hex = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

describe("Paywall 3-D callback hash", () => {
  const fields = { status: "Success", errorCode: "0", paymentId: "123456", uniqueCode: "order-1001", amount: "101.50", installment: "1" };
  const hash = sha256Hex(`${PAYWALL_HASH_KEY}###123456###order-1001###101.50###1`);

  it("verifies a form post", () => {
    const body = new URLSearchParams({ ...fields, errorMessage: Buffer.from("Onaylandı").toString("base64"), hash }).toString();
    expect(payments.webhooks.verify("paywall", body)).toMatchObject({
      provider: "paywall",
      paymentId: "123456",
      merchantUniqueCode: "order-1001",
      amount: "101.50",
      unsigned: { status: "Success", errorCode: "0", errorMessage: "Onaylandı" },
    });
  });

  it("verifies a JSON body, with the amount exactly as received", () => {
    expect(payments.webhooks.verify("paywall", JSON.stringify({ ...fields, hash })).installment).toBe("1");
    const reformatted = JSON.stringify({ ...fields, amount: "101.5", hash });
    expect(failure(() => payments.webhooks.verify("paywall", reformatted)).code).toBe("authentication");
  });

  it("verifies a JSON body whose amount is a number, hashed with the digits it was sent with", () => {
    // Paywall hashes the amount as it sends it; a parsed 101.5 would never match "101.50".
    const json = `{"status":"Success","errorCode":0,"paymentId":123456,"uniqueCode":"order-1001","amount":101.50,"installment":1,"hash":"${hash}"}`;
    const event = payments.webhooks.verify("paywall", json);
    expect(event).toMatchObject({
      paymentId: "123456",
      amount: "101.50",
      installment: "1",
      unsigned: { status: "Success", errorCode: "0" },
    });
    expect(event.payload).toMatchObject({ amount: 101.5, paymentId: 123456 });
    const rewritten = json.replace("101.50", "101.5");
    expect(failure(() => payments.webhooks.verify("paywall", rewritten)).code).toBe("authentication");
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

  it("never presents what the hash leaves out as verified: a declined callback flipped to Success verifies only as unsigned", () => {
    // Paywall's hash covers paymentId, uniqueCode, amount and installment; status and errorCode
    // come back through the customer's browser and are theirs to edit.
    const declined = { ...fields, status: "Fail", errorCode: "51" };
    const forged = new URLSearchParams({ ...declined, status: "Success", errorCode: "0", hash }).toString();
    const event = payments.webhooks.verify("paywall", forged);
    expect(event).not.toHaveProperty("succeeded");
    expect(event).not.toHaveProperty("status");
    expect(event.unsigned).toEqual({ status: "Success", errorCode: "0" });
  });

  it("needs paywall.hashKey", () => {
    const bare = createPayments({ paywall: { apiKeyPublic: "a", apiClientPublic: "b", apiKeyPrivate: "c", apiClientPrivate: "d" } });
    const error = failure(() => bare.webhooks.verify("paywall", "paymentId=1"));
    expect(error).toMatchObject({ code: "invalid_request", field: "paywall.hashKey" });
  });
});
