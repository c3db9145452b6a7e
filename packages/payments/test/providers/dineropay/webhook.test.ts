import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DINERO_PASSWORD, failure, payments } from "../../helpers/webhooks.ts";

// Computed here from the documented formula, independently of @odeme/core's helpers.
const sha1OfMd5 = (s: string) => createHash("sha1").update(createHash("md5").update(s.toUpperCase(), "utf8").digest("hex")).digest("hex");

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
    expect(event).toMatchObject({
      provider: "dineropay",
      paymentId: fields.id,
      orderAmount: "0.19",
      unsigned: { type: "sale", status: "success" },
    });
  });

  it("verifies a JSON body with a nested order", () => {
    const body = JSON.stringify({
      id: fields.id,
      order: { number: "order-1234", amount: "0.19", currency: "USD", description: "Important gift" },
      type: "refund",
      status: "success",
      hash,
    });
    expect(payments.webhooks.verify("dineropay", body).unsigned.type).toBe("refund");
  });

  it("keeps what the hash does not cover apart: a signed failure with its status changed still verifies, as unsigned", () => {
    // The hash covers the id and the order fields only, so the body's status is anyone's to edit.
    const forged = payments.webhooks.verify("dineropay", new URLSearchParams({ ...fields, status: "fail", hash }).toString());
    expect(forged).not.toHaveProperty("status");
    expect(forged).not.toHaveProperty("type");
    expect(forged.unsigned).toEqual({ type: "sale", status: "fail" });
  });

  it.each([
    ["a tampered amount", { ...fields, order_amount: "19.00", hash }, "authentication"],
    ["a wrong-length hash", { ...fields, hash: `${hash}00` }, "invalid_request"],
    ["no hash", fields, "invalid_request"],
  ])("rejects %s", (_what, body, code) => {
    expect(failure(() => payments.webhooks.verify("dineropay", new URLSearchParams(body).toString())).code).toBe(code);
  });
});
