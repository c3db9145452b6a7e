import { describe, expect, it } from "vitest";
import { parseMoney } from "../../../src/index.ts";
import { checkRetrieve, checkWrite } from "../../../src/input/index.ts";
import { iyzicoInput } from "../../../src/providers/iyzico/input.ts";
import { ways } from "../../helpers/schemas.ts";

describe("iyzico input", () => {
  it("names a payment the ways the spec's operations take it", () => {
    expect(iyzicoInput.name).toBe("iyzico");
    expect(ways(iyzicoInput, "refund")).toEqual(["{ paymentId, paymentTransactionId? }"]);
    expect(ways(iyzicoInput, "cancel")).toEqual(["{ paymentId }"]);
    expect(ways(iyzicoInput, "retrieve")).toEqual(["{ paymentId }"]);
  });

  it("sends the key of ours as conversationId, so it is checked for every write", () => {
    expect(iyzicoInput.refund.idempotencyKey).toBeDefined();
    expect(iyzicoInput.cancel?.idempotencyKey).toBeDefined();
  });

  it("takes an item refund and passes it on as checked", () => {
    const input = {
      provider: "iyzico",
      payment: { paymentId: "1", paymentTransactionId: "2" },
      idempotencyKey: "k1",
      amount: parseMoney("1", "TRY"),
    };
    expect(checkWrite("refund", input)).toEqual(input);
  });

  // iyzico's ids are digits (a Long in iyzipay-java's reporting model; specs/iyzico.yaml patterns).
  it.each(["abc", " 1", "1.0", "12 34"])("refuses a paymentId or paymentTransactionId %j before anything is sent", (bad) => {
    const refund = (payment: object) => () => checkWrite("refund", { provider: "iyzico", payment, idempotencyKey: "k1" });
    expect(refund({ paymentId: bad })).toThrow(expect.objectContaining({ code: "invalid_request", field: "payment.paymentId" }));
    expect(refund({ paymentId: "1", paymentTransactionId: bad })).toThrow(
      expect.objectContaining({ code: "invalid_request", field: "payment.paymentTransactionId" }),
    );
    expect(() => checkWrite("cancel", { provider: "iyzico", payment: { paymentId: bad }, idempotencyKey: "k1" })).toThrow(
      expect.objectContaining({ code: "invalid_request", field: "payment.paymentId" }),
    );
    expect(() => checkRetrieve({ provider: "iyzico", payment: { paymentId: bad } })).toThrow(
      expect.objectContaining({ code: "invalid_request", field: "payment.paymentId" }),
    );
  });
});
