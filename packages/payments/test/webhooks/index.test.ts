import { describe, expect, it } from "vitest";
import { createPayments } from "../../src/index.ts";
import { failure, payments } from "../helpers/webhooks.ts";

describe("webhooks.verify", () => {
  it("knows no scheme for Sipay Wallet or Parolapay", () => {
    const error = failure(() => payments.webhooks.verify("sipay-wallet" as never, "{}"));
    expect(error).toMatchObject({ code: "invalid_request", field: "provider" });
  });
});

describe("webhook secrets", () => {
  it.each([
    ["iyzico", "iyzico.secretKey"],
    ["paywall", "paywall.hashKey"],
    ["dineropay", "dineropay.password"],
  ] as const)("%s without its secret names the option it comes from (%s)", (provider, option) => {
    const error = failure(() => createPayments({}).webhooks.verify(provider, "{}"));
    expect(error).toMatchObject({ code: "invalid_request", field: option, outcome: "not_sent" });
    expect(error.message).toBe(`${provider} webhook: configure ${option} in createPayments to verify ${provider} webhooks.`);
  });
});
