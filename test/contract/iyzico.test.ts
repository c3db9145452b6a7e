/**
 * Contract: the generated @odeme/iyzico client against the iyzico simulator over real HTTP.
 * Every operation succeeds; every ledger rule comes back as the right OdemeError code; every fault
 * comes back with the right `retryable` and the right "not applied" / "outcome unknown" answer.
 */
import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIyzicoClient, iyzicoOperations, OdemeError, type IyzicoClient } from "@odeme/iyzico";
import {
  createSpecValidator,
  loadSpec,
  startIyzicoSimulator,
  type IyzicoSimulator,
  type JsonValue,
  type SeededPayment,
  type SpecOperation,
} from "@odeme/testkit";
import { IYZICO_STATEFUL_OPERATIONS } from "../../packages/testkit/src/providers/iyzico/simulator.ts";

const PAID_AT = new Date("2026-03-10T08:00:00Z"); // 11:00 in Istanbul
let sim: IyzicoSimulator;
let iyzico: IyzicoClient;
let payment: SeededPayment;

beforeEach(async () => {
  sim = await startIyzicoSimulator({ now: PAID_AT });
  iyzico = createIyzicoClient({ ...sim.credentials, baseUrl: sim.url, maxRetries: 0, timeoutMs: 2_000 });
  payment = sim.seedPayment({
    conversationId: "order-1",
    items: [
      { id: "A", price: "60.0" },
      { id: "B", price: "40.0" },
    ],
  });
});
afterEach(() => sim.close());

const item = (i: number) => payment.items[i]?.paymentTransactionId as string;

async function failure(p: Promise<unknown>): Promise<OdemeError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OdemeError);
  return e as OdemeError;
}

describe("every operation succeeds against the simulator", () => {
  it("test (GET /payment/test, bodiless and signed)", async () => {
    expect(await iyzico.test()).toMatchObject({ status: "success" });
  });

  // POST /payment/detail answers with the payment as paid (iyzipay-java PaymentResource has no refund
  // fields); refunds show on the reporting detail, checked in the next test.
  it("refund of an item is recorded; retrievePayment still shows the payment's paid amounts", async () => {
    const r = await iyzico.refund({ paymentTransactionId: item(0), price: "15.5", conversationId: "r1", currency: "TRY" });
    expect(r).toMatchObject({ status: "success", paymentTransactionId: item(0), price: 15.5 });
    expect(sim.ledger.refunds).toEqual([
      expect.objectContaining({
        kind: "item",
        paymentId: payment.paymentId,
        paymentTransactionId: item(0),
        conversationId: "r1",
        amount: 1550,
      }),
    ]);
    const detail = await iyzico.retrievePayment({ paymentId: payment.paymentId });
    expect(detail).toMatchObject({
      status: "success",
      paymentId: payment.paymentId,
      paymentStatus: "SUCCESS",
      price: 100,
      paidPrice: 100,
      currency: "TRY",
    });
    expect(detail.itemTransactions?.map((i) => [i.paymentTransactionId, i.paidPrice])).toEqual([
      [item(0), 60],
      [item(1), 40],
    ]);
  });

  it("refunds and a cancel appear on the reporting detail under their own conversationIds, ids as strings", async () => {
    await iyzico.refund({ paymentTransactionId: item(0), price: "15.5", conversationId: "r1" });
    await iyzico.refundV2({ paymentId: payment.paymentId, price: "50", conversationId: "r2" });
    const r = await iyzico.retrieveReportingPaymentDetail({ query: { paymentId: payment.paymentId, conversationId: "q", locale: "en" } });
    expect(r).toMatchObject({ status: "success", conversationId: "q", locale: "en" });
    const [p] = r.payments ?? [];
    expect(p).toMatchObject({
      paymentId: payment.paymentId,
      paymentConversationId: "order-1",
      paymentRefundStatus: "PARTIALLY_REFUNDED",
      cancels: [],
    });
    expect(
      p?.itemTransactions?.map((i) => [i.paymentTransactionId, i.refunds?.map((x) => [x.refundConversationId, x.refundPrice])]),
    ).toEqual([
      [
        item(0),
        [
          ["r1", 15.5],
          ["r2", 44.5],
        ],
      ],
      [item(1), [["r2", 5.5]]],
    ]);
    expect(typeof p?.itemTransactions?.[0]?.refunds?.[0]?.refundTxId).toBe("string");

    const other = sim.seedPayment({ conversationId: "order-9", items: [{ id: "C", price: "7.0" }] });
    await iyzico.cancel({ paymentId: other.paymentId, conversationId: "c9" });
    const byConversation = await iyzico.retrieveReportingPaymentDetail({ query: { paymentConversationId: "order-9" } });
    expect(byConversation.payments?.[0]?.cancels).toEqual([expect.objectContaining({ cancelConversationId: "c9", refundPrice: 7 })]);
  });

  it("the reporting detail refuses a request with neither id", async () => {
    expect((await failure(iyzico.retrieveReportingPaymentDetail({ query: { locale: "tr" } }))).code).toBe("invalid_request");
  });

  it("refundV2 sends the price in iyzico's format", async () => {
    const r = await iyzico.refundV2({ paymentId: payment.paymentId, price: "25.00", conversationId: "r2" });
    expect(r).toMatchObject({ status: "success", paymentId: payment.paymentId });
    expect(sim.ledger.refunds.reduce((s, x) => s + x.amount, 0)).toBe(2500);
  });

  it("cancel on the day of payment", async () => {
    expect(await iyzico.cancel({ paymentId: payment.paymentId, conversationId: "c1" })).toMatchObject({ status: "success" });
    expect(sim.ledger.cancels).toHaveLength(1);
  });

  it("createPayment records a payment the simulator can refund", async () => {
    const created = await iyzico.createPayment({
      locale: "tr",
      conversationId: "order-2",
      price: "10",
      paidPrice: "10",
      currency: "TRY",
      installment: 1,
      basketId: "B2",
      paymentChannel: "WEB",
      paymentGroup: "PRODUCT",
      paymentCard: {
        cardHolderName: "Ada Lovelace",
        cardNumber: "5528790000000008",
        expireMonth: "12",
        expireYear: "2030",
        cvc: "123",
        registerCard: 0,
      },
      buyer: {
        id: "BY1",
        name: "Ada",
        surname: "Lovelace",
        identityNumber: "74300864791",
        email: "ada@example.com",
        registrationAddress: "Nidakule Göztepe",
        city: "Istanbul",
        country: "Turkey",
        ip: "85.34.78.112",
      },
      shippingAddress: { contactName: "Ada Lovelace", city: "Istanbul", country: "Turkey", address: "Nidakule Göztepe" },
      billingAddress: { contactName: "Ada Lovelace", city: "Istanbul", country: "Turkey", address: "Nidakule Göztepe" },
      basketItems: [{ id: "X1", name: "Book", category1: "Books", itemType: "PHYSICAL", price: "10" }],
    });
    expect(created).toMatchObject({ status: "success", price: 10 });
    expect(created.paymentId).toMatch(/^\d+$/);
  });

  it("checkBin and retrieveInstallments", async () => {
    expect(await iyzico.checkBin({ binNumber: "552879" })).toMatchObject({ status: "success", binNumber: "552879" });
    const inst = await iyzico.retrieveInstallments({ binNumber: "552879", price: "100" });
    expect(inst.status).toBe("success");
  });
});

describe("ledger rules come back as unified codes", () => {
  it("over-refund of an item", async () => {
    const e = await failure(iyzico.refund({ paymentTransactionId: item(1), price: "40.01" }));
    expect(e).toMatchObject({ code: "amount_exceeds_refundable", outcome: "rejected", retryable: false, providerCode: "5085" });
  });

  it("refund after a full refund", async () => {
    await iyzico.refund({ paymentTransactionId: item(1), price: "40" });
    const e = await failure(iyzico.refund({ paymentTransactionId: item(1), price: "1" }));
    expect(e.code).toBe("already_refunded");
  });

  it("several partial refunds up to the item's price, then no more", async () => {
    await iyzico.refund({ paymentTransactionId: item(0), price: "20" });
    await iyzico.refund({ paymentTransactionId: item(0), price: "40" });
    expect((await failure(iyzico.refund({ paymentTransactionId: item(0), price: "0.01" }))).code).toBe("already_refunded");
  });

  it("refundV2 over the remaining amount", async () => {
    await iyzico.refundV2({ paymentId: payment.paymentId, price: "90" });
    expect((await failure(iyzico.refundV2({ paymentId: payment.paymentId, price: "10.01" }))).code).toBe("amount_exceeds_refundable");
  });

  it("cancel after a refund", async () => {
    await iyzico.refund({ paymentTransactionId: item(0), price: "1" });
    expect((await failure(iyzico.cancel({ paymentId: payment.paymentId }))).code).toBe("already_refunded");
  });

  it("cancel on a later day", async () => {
    sim.clock.set(new Date("2026-03-11T08:00:00Z"));
    expect((await failure(iyzico.cancel({ paymentId: payment.paymentId }))).code).toBe("cancel_window_closed");
  });

  it("cancel twice", async () => {
    await iyzico.cancel({ paymentId: payment.paymentId });
    expect((await failure(iyzico.cancel({ paymentId: payment.paymentId }))).code).toBe("already_cancelled");
  });

  it("an unknown payment", async () => {
    expect((await failure(iyzico.retrievePayment({ paymentId: "999999999" }))).code).toBe("not_found");
  });

  it("a wrong secret is iyzico's auth error, and nothing is applied", async () => {
    const wrong = createIyzicoClient({ apiKey: sim.credentials.apiKey, secretKey: "not-the-secret", baseUrl: sim.url });
    const e = await failure(wrong.refund({ paymentTransactionId: item(0), price: "1" }));
    expect(e).toMatchObject({ code: "authentication", providerCode: "1000", outcome: "rejected" });
    expect(sim.ledger.refunds).toHaveLength(0);
  });

  it("bad input never reaches the wire", async () => {
    const e = await failure(iyzico.refund({ paymentTransactionId: item(0), price: "1.123456789" }));
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "price" });
    expect(sim.requests).toHaveLength(0);
  });
});

describe("faults", () => {
  const refund = () => iyzico.refund({ paymentTransactionId: item(0), price: "5" });
  const read = () => iyzico.retrievePayment({ paymentId: payment.paymentId });

  it.each([
    ["reset-before", { kind: "reset-before" } as const, false],
    ["reset-after", { kind: "reset-after" } as const, true],
    ["malformed-json", { kind: "malformed-json" } as const, true],
    ["truncated-json", { kind: "truncated-json" } as const, true],
    ["slow-body past the timeout", { kind: "slow-body", ms: 1_500 } as const, true],
    ["502 from a proxy", { kind: "http-error", status: 502 } as const, false],
  ])("a refund under %s is outcome_unknown, never retried", async (_name, fault, applied) => {
    iyzico = createIyzicoClient({ ...sim.credentials, baseUrl: sim.url, timeoutMs: 500 });
    sim.faults.inject(fault);
    const e = await failure(refund());
    expect(e).toMatchObject({ code: "outcome_unknown", outcome: "unknown", retryable: false });
    expect(sim.requests).toHaveLength(1);
    expect(sim.ledger.refunds).toHaveLength(applied ? 1 : 0);
  });

  it("a 503 is provider_unavailable and retryable: nothing was applied", async () => {
    sim.faults.inject({ kind: "http-error", status: 503 });
    const e = await failure(refund());
    expect(e).toMatchObject({ code: "provider_unavailable", outcome: "rejected", retryable: true, status: 503 });
    expect(sim.ledger.refunds).toHaveLength(0);
  });

  it.each([
    ["reset-before", "network", { kind: "reset-before" } as const],
    ["malformed-json", "malformed_response", { kind: "malformed-json" } as const],
    ["slow-body", "timeout", { kind: "slow-body", ms: 1_500 } as const],
    ["502", "provider_unavailable", { kind: "http-error", status: 502 } as const],
  ])("a read under %s is %s and retryable", async (_name, code, fault) => {
    iyzico = createIyzicoClient({ ...sim.credentials, baseUrl: sim.url, timeoutMs: 500, maxRetries: 0 });
    sim.faults.inject(fault);
    expect(await failure(read())).toMatchObject({ code, retryable: true });
  });

  it("a read is retried after a fault and then succeeds", async () => {
    iyzico = createIyzicoClient({ ...sim.credentials, baseUrl: sim.url, maxRetries: 2 });
    sim.faults.inject({ kind: "http-error", status: 503 });
    expect((await read()).status).toBe("success");
    expect(sim.requests).toHaveLength(2);
  });

  it("added latency under the timeout still succeeds", async () => {
    sim.faults.inject({ kind: "latency", ms: 100 });
    expect((await read()).status).toBe("success");
  });

  it("a connection refused is network and not_sent", async () => {
    const url = sim.url;
    await sim.close();
    const closed = createIyzicoClient({ ...sim.credentials, baseUrl: url, maxRetries: 0 });
    const e = await failure(closed.refund({ paymentTransactionId: "1", price: "1" }));
    expect(e).toMatchObject({ code: "network", outcome: "not_sent", retryable: true });
    sim = await startIyzicoSimulator();
  });
});

describe("every operation of the spec through the generated client", () => {
  const spec = loadSpec("iyzico");
  const validator = createSpecValidator(spec);
  const example = (op: SpecOperation): unknown => {
    const content = (op.raw.requestBody as { content?: Record<string, { examples?: Record<string, { value: unknown }> }> } | undefined)
      ?.content;
    return Object.values(content?.["application/json"]?.examples ?? {})[0]?.value;
  };
  const params = (op: SpecOperation, where: "query" | "path") =>
    Object.fromEntries(
      ((op.raw.parameters ?? []) as { name: string; in: string; example?: unknown }[])
        .filter((p) => p.in === where)
        .map((p) => [p.name, p.example]),
    );
  const query = (op: SpecOperation) => params(op, "query");
  const served = spec.operations.filter((op) => !(IYZICO_STATEFUL_OPERATIONS as readonly string[]).includes(op.operationId));

  it.each(served.map((op) => [op.operationId, op] as const))(
    "%s: the spec's example goes through signed, validated, and answered",
    async (id, op) => {
      const method = (iyzico as unknown as Record<string, (input: unknown) => Promise<unknown>>)[id];
      expect(typeof method).toBe("function");
      // Operations with parameters take { path, query, body }; the others take the body itself.
      const has = (where: string) => op.parameters.some((p) => p.in === where);
      const input =
        op.parameters.length > 0
          ? {
              ...(has("path") ? { path: params(op, "path") } : {}),
              ...(has("query") ? { query: query(op) } : {}),
              ...(op.requestSchema ? { body: example(op) } : {}),
            }
          : example(op);
      const answer = await method!.call(iyzico, input);
      expect(answer).toMatchObject({ status: "success" });
      expect(validator.response(op, answer as JsonValue)).toBeUndefined();
      expect(sim.requests.at(-1)).toMatchObject({ method: op.method.toUpperCase(), operationId: id, applied: true, status: 200 });
    },
  );
});

describe("3-D Secure and checkout form through the generated client", () => {
  const buyer = {
    id: "BY1",
    name: "Ada",
    surname: "Lovelace",
    identityNumber: "74300864791",
    email: "ada@example.com",
    registrationAddress: "Nidakule Göztepe",
    city: "Istanbul",
    country: "Turkey",
    ip: "85.34.78.112",
  };
  const address = { contactName: "Ada Lovelace", city: "Istanbul", country: "Turkey", address: "Nidakule Göztepe" };
  const basketItems = [{ id: "X1", name: "Book", category1: "Books", itemType: "PHYSICAL" as const, price: "10" as const }];
  // The simulator delivers the browser legs only to loopback; nothing listens here, so the post fails
  // and the test reads what would have been posted from the simulator's answer instead.
  const callbackUrl = "http://127.0.0.1:9/callback";

  it("initialize -> bank -> auth v2 -> retrieve -> refundV2", async () => {
    const init = await iyzico.initializeThreeds({
      conversationId: "c-3ds",
      price: "10",
      paidPrice: "10",
      currency: "TRY",
      installment: 1,
      basketId: "B9",
      paymentCard: { cardHolderName: "Ada Lovelace", cardNumber: "5528790000000008", expireMonth: "12", expireYear: "2030", cvc: "123" },
      buyer,
      billingAddress: address,
      basketItems,
      callbackUrl,
    });
    expect(init.status).toBe("success");
    const paymentId = init.paymentId as string;
    await sim.completeThreeds(paymentId).catch(() => undefined);
    const auth = await iyzico.createThreedsPaymentV2({
      paymentId,
      paidPrice: "10",
      basketId: "B9",
      currency: "TRY",
      conversationId: "c-3ds",
    });
    expect(auth).toMatchObject({ status: "success", paymentStatus: "SUCCESS", paymentId });
    expect((await iyzico.retrievePayment({ paymentId })).paymentStatus).toBe("SUCCESS");
    expect(await iyzico.refundV2({ paymentId, price: "2.5", conversationId: "r-3ds" })).toMatchObject({ status: "success", price: 2.5 });
  });

  it("checkout form initialize -> pay -> retrieve", async () => {
    const init = await iyzico.initializeCheckoutForm({
      conversationId: "c-cf",
      price: "10",
      paidPrice: "10",
      currency: "TRY",
      callbackUrl,
      buyer,
      billingAddress: address,
      basketItems,
    });
    const token = init.token as string;
    await sim.payCheckoutForm(token).catch(() => undefined);
    const result = await iyzico.retrieveCheckoutForm({ token, conversationId: "c-cf" });
    expect(result).toMatchObject({ status: "success", token, paymentStatus: "SUCCESS", paidPrice: 10 });
  });
});

describe("card storage and reporting through the generated client", () => {
  it("createCard -> retrieveCardList -> createPayment with the stored card -> deleteCard (a DELETE with a body)", async () => {
    const created = await iyzico.createCard({
      email: "ada@example.com",
      card: { cardNumber: "5528790000000008", expireMonth: "12", expireYear: "2030" },
    });
    const { cardUserKey, cardToken } = created as { cardUserKey: string; cardToken: string };
    expect((await iyzico.retrieveCardList({ cardUserKey })).cardDetails?.map((c) => c.cardToken)).toEqual([cardToken]);
    expect(await iyzico.deleteCard({ cardUserKey, cardToken })).toMatchObject({ status: "success" });
    expect(sim.requests.at(-1)).toMatchObject({ method: "DELETE", operationId: "deleteCard", applied: true });
    expect((await iyzico.retrieveCardList({ cardUserKey })).cardDetails).toEqual([]);
  });

  it("retrieveReportingTransactions lists the seeded payment's items, ids as strings", async () => {
    const r = await iyzico.retrieveReportingTransactions({ query: { transactionDate: "2026-03-10", page: 1 } });
    expect(r.transactions?.map((t) => [t.transactionType, t.paymentId, t.paymentTxId])).toEqual([
      ["PAYMENT", payment.paymentId, item(0)],
      ["PAYMENT", payment.paymentId, item(1)],
    ]);
  });
});

describe("the subscription catalog through the generated client (path parameters)", () => {
  const address = { contactName: "Ada Lovelace", city: "Istanbul", country: "Turkey", address: "Nidakule Göztepe", zipCode: "34732" };
  const customer = {
    name: "Ada",
    surname: "Lovelace",
    identityNumber: "74300864791",
    email: "ada@example.com",
    gsmNumber: "+905350000000",
    billingAddress: address,
    shippingAddress: address,
  };

  it("product and plan: create -> retrieve -> update -> list -> delete, each reference in the URL", async () => {
    const created = await iyzico.createSubscriptionProduct({ conversationId: "p1", name: "Gold", description: "Gold plan" });
    const productReferenceCode = created.data?.referenceCode as string;
    expect(await iyzico.retrieveSubscriptionProduct({ path: { productReferenceCode } })).toMatchObject({
      status: "success",
      data: { referenceCode: productReferenceCode, name: "Gold" },
    });
    expect(sim.requests.at(-1)).toMatchObject({
      method: "GET",
      path: `/v2/subscription/products/${productReferenceCode}`,
      operationId: "retrieveSubscriptionProduct",
    });
    expect(
      (await iyzico.updateSubscriptionProduct({ path: { productReferenceCode }, body: { name: "Platinum", description: "Top plan" } }))
        .data,
    ).toMatchObject({ name: "Platinum", description: "Top plan" });

    const plan = await iyzico.createSubscriptionPricingPlan({
      path: { productReferenceCode },
      body: {
        conversationId: "pl1",
        name: "Monthly",
        price: "10.99",
        currencyCode: "TRY",
        paymentInterval: "MONTHLY",
        paymentIntervalCount: 1,
        trialPeriodDays: 7,
        planPaymentType: "RECURRING",
      },
    });
    const pricingPlanReferenceCode = plan.data?.referenceCode as string;
    expect(plan.data).toMatchObject({ productReferenceCode, price: 10.99 });
    expect((await iyzico.retrieveSubscriptionPricingPlan({ path: { pricingPlanReferenceCode } })).data).toMatchObject({
      name: "Monthly",
      trialPeriodDays: 7,
    });
    expect(
      (await iyzico.updateSubscriptionPricingPlan({ path: { pricingPlanReferenceCode }, body: { name: "Monthly+", trialPeriodDays: 14 } }))
        .data,
    ).toMatchObject({ name: "Monthly+", trialPeriodDays: 14 });
    const plans = await iyzico.listSubscriptionPricingPlans({ path: { productReferenceCode }, query: { page: 1, count: 10 } });
    expect(plans.data?.items?.map((p) => p.referenceCode)).toEqual([pricingPlanReferenceCode]);
    expect((await iyzico.listSubscriptionProducts({ query: { page: 1 } })).data?.items?.[0]?.pricingPlans?.map((p) => p.name)).toEqual([
      "Monthly+",
    ]);

    // iyzico refuses to delete a product that still has plans (docs: subscription-product).
    expect((await failure(iyzico.deleteSubscriptionProduct({ path: { productReferenceCode } }))).code).toBe("invalid_request");
    expect(await iyzico.deleteSubscriptionPricingPlan({ path: { pricingPlanReferenceCode } })).toMatchObject({ status: "success" });
    expect(await iyzico.deleteSubscriptionProduct({ path: { productReferenceCode } })).toMatchObject({ status: "success" });
    expect(sim.requests.at(-1)).toMatchObject({ method: "DELETE", operationId: "deleteSubscriptionProduct", applied: true });
    expect((await failure(iyzico.retrieveSubscriptionProduct({ path: { productReferenceCode } }))).providerCode).toBe("11");
  });

  it("customer: create -> retrieve -> update -> list -> delete (a POST to /customers/delete/{ref})", async () => {
    const created = await iyzico.createSubscriptionCustomer({ conversationId: "c1", ...customer });
    const customerReferenceCode = created.data?.referenceCode as string;
    expect((await iyzico.retrieveSubscriptionCustomer({ path: { customerReferenceCode } })).data).toMatchObject({
      email: "ada@example.com",
      billingAddress: address,
    });
    expect(
      (await iyzico.updateSubscriptionCustomer({ path: { customerReferenceCode }, body: { ...customer, surname: "King" } })).data,
    ).toMatchObject({ surname: "King" });
    expect((await iyzico.listSubscriptionCustomers({ query: { page: 1, count: 5 } })).data).toMatchObject({
      totalCount: 1,
      items: [{ referenceCode: customerReferenceCode, surname: "King" }],
    });
    expect(await iyzico.deleteSubscriptionCustomer({ path: { customerReferenceCode } })).toMatchObject({ status: "success" });
    expect(sim.requests.at(-1)).toMatchObject({
      method: "POST",
      path: `/v2/subscription/customers/delete/${customerReferenceCode}`,
      applied: true,
    });
    expect((await failure(iyzico.retrieveSubscriptionCustomer({ path: { customerReferenceCode } }))).code).toBe("invalid_request");
  });

  it("a reference with / ? # stays one encoded segment: it cannot reach another endpoint", async () => {
    const e = await failure(iyzico.retrieveSubscriptionProduct({ path: { productReferenceCode: "x/pricing-plans?page=1#" } }));
    expect(e).toMatchObject({ code: "invalid_request", outcome: "rejected", providerCode: "11" });
    expect(sim.requests.at(-1)).toMatchObject({
      path: "/v2/subscription/products/x%2Fpricing-plans%3Fpage%3D1%23",
      operationId: "retrieveSubscriptionProduct",
    });
  });

  it("a missing or empty path value is invalid_request, not_sent, naming the parameter, and nothing reaches the simulator", async () => {
    const before = sim.requests.length;
    const missing = await failure(iyzico.retrieveSubscriptionProduct({ path: {} as { productReferenceCode: string } }));
    expect(missing).toMatchObject({
      code: "invalid_request",
      outcome: "not_sent",
      field: "path.productReferenceCode",
      operation: "retrieveSubscriptionProduct",
    });
    const empty = await failure(iyzico.updateIyziLinkProductStatus({ path: { linkToken: "", status: "ACTIVE" } }));
    expect(empty).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "path.linkToken" });
    expect(sim.requests.length).toBe(before);
  });
});

describe("the simulator signs every answer whose order a source documents, and the client verifies it", () => {
  const spec = loadSpec("iyzico");
  const example = (id: string): Record<string, unknown> => {
    const op = spec.operations.find((o) => o.operationId === id);
    const content = (op?.raw.requestBody as { content?: Record<string, { examples?: Record<string, { value: unknown }> }> } | undefined)
      ?.content;
    return structuredClone(Object.values(content?.["application/json"]?.examples ?? {})[0]?.value ?? {}) as Record<string, unknown>;
  };
  const call = (id: string, input: unknown) =>
    (iyzico as unknown as Record<string, (input: unknown) => Promise<Record<string, unknown>>>)[id]!.call(iyzico, input);
  const callbackUrl = "http://127.0.0.1:9/callback";
  const threeds = async (conversationId: string) => {
    const init = await call("initializeThreeds", { ...example("initializeThreeds"), conversationId, basketId: "B3", callbackUrl });
    await sim.completeThreeds(init.paymentId as string).catch(() => undefined);
    return init.paymentId as string;
  };
  const PAYMENT = ["paymentId", "currency", "basketId", "conversationId", "paidPrice", "price"];
  const REFUND = ["paymentId", "price", "currency", "conversationId"];
  // The field orders written out from the sources (docs.iyzico.com/en/advanced/response-signature-validation;
  // iyzipay-java's models for APM and BKM), independently of the spec and of the simulator.
  const rows: [string, string[], () => Promise<Record<string, unknown>>][] = [
    ["createPayment", PAYMENT, () => call("createPayment", { ...example("createPayment"), conversationId: "c-pay", basketId: "B1" })],
    ["createPreAuthPayment", PAYMENT, () => call("createPreAuthPayment", { ...example("createPreAuthPayment"), conversationId: "c-pre" })],
    [
      "createPostAuthPayment",
      PAYMENT,
      async () => {
        const pre = await call("createPreAuthPayment", example("createPreAuthPayment"));
        return call("createPostAuthPayment", { paymentId: pre.paymentId, conversationId: "c-post" });
      },
    ],
    ["retrievePayment", PAYMENT, () => call("retrievePayment", { paymentId: payment.paymentId, conversationId: "c-get" })],
    ["refund", REFUND, () => call("refund", { paymentTransactionId: item(0), price: "15.50", conversationId: "c-r1", currency: "TRY" })],
    ["refundV2", REFUND, () => call("refundV2", { paymentId: payment.paymentId, price: "20.0", conversationId: "c-r2" })],
    [
      "initializeThreeds",
      ["paymentId", "conversationId"],
      () => call("initializeThreeds", { ...example("initializeThreeds"), conversationId: "c-3i" }),
    ],
    [
      "initializeThreedsPreAuth",
      ["paymentId", "conversationId"],
      () => call("initializeThreedsPreAuth", { ...example("initializeThreedsPreAuth"), conversationId: "c-3p" }),
    ],
    [
      "createThreedsPayment",
      PAYMENT,
      async () => call("createThreedsPayment", { paymentId: await threeds("c-3a"), conversationId: "c-3a" }),
    ],
    [
      "createThreedsPaymentV2",
      PAYMENT,
      async () => {
        const paymentId = await threeds("c-3v");
        const detail = await iyzico.retrievePayment({ paymentId });
        return call("createThreedsPaymentV2", {
          paymentId,
          conversationId: "c-3v",
          paidPrice: String(detail.paidPrice),
          basketId: "B3",
          currency: "TRY",
        });
      },
    ],
    [
      "initializeCheckoutForm",
      ["conversationId", "token"],
      () => call("initializeCheckoutForm", { ...example("initializeCheckoutForm"), conversationId: "c-cf" }),
    ],
    [
      "initializeCheckoutFormPreAuth",
      ["conversationId", "token"],
      () => call("initializeCheckoutFormPreAuth", { ...example("initializeCheckoutFormPreAuth"), conversationId: "c-cp" }),
    ],
    [
      "retrieveCheckoutForm",
      ["paymentStatus", "paymentId", "currency", "basketId", "conversationId", "paidPrice", "price", "token"],
      async () => {
        const init = await call("initializeCheckoutForm", { ...example("initializeCheckoutForm"), conversationId: "c-cr", callbackUrl });
        await sim.payCheckoutForm(init.token as string).catch(() => undefined);
        return call("retrieveCheckoutForm", { token: init.token, conversationId: "c-cr" });
      },
    ],
    [
      "initializePayWithIyzico",
      ["conversationId", "token"],
      () => call("initializePayWithIyzico", { ...example("initializePayWithIyzico"), conversationId: "c-pwi" }),
    ],
    ["initializeApm", ["paymentId", "redirectUrl"], () => call("initializeApm", { ...example("initializeApm"), conversationId: "c-apm" })],
    [
      "retrieveApm",
      ["currency", "basketId", "conversationId", "paidPrice", "price", "paymentId", "redirectUrl"],
      () => call("retrieveApm", { ...example("retrieveApm"), conversationId: "c-apr" }),
    ],
    ["initializeBkm", ["token", "conversationId"], () => call("initializeBkm", { ...example("initializeBkm"), conversationId: "c-bkm" })],
    [
      "retrieveBkm",
      ["paymentId", "paymentStatus", "basketId", "conversationId", "currency", "paidPrice", "price", "token"],
      () => call("retrieveBkm", { ...example("retrieveBkm"), conversationId: "c-bkr" }),
    ],
  ];

  it("covers exactly the operations the client verifies", () => {
    const signed = Object.values(iyzicoOperations)
      .filter((op) => "responseSignature" in op)
      .map((op) => op.id);
    expect(rows.map(([id]) => id).sort()).toEqual([...signed].sort());
  });

  it.each(rows)("%s: the answer verifies, and its signature is the documented HMAC of its fields", async (_id, fields, run) => {
    const answer = await run();
    expect(answer.status).toBe("success");
    // An amount without trailing zeros: a JSON number prints that way.
    const text = fields.map((f) => (answer[f] === undefined || answer[f] === null ? "" : String(answer[f]))).join(":");
    expect(answer.signature).toBe(createHmac("sha256", sim.credentials.secretKey).update(text).digest("hex"));
  });

  it("an answer rewritten on the way (the price changed) is refused: outcome unknown, and the refund was applied", async () => {
    const tampering = createIyzicoClient({
      ...sim.credentials,
      baseUrl: sim.url,
      maxRetries: 0,
      fetch: async (req) => {
        const res = await fetch(req);
        const body = (await res.json()) as Record<string, unknown>;
        return new Response(JSON.stringify({ ...body, price: 1 }), { status: res.status, headers: { "content-type": "application/json" } });
      },
    });
    const e = await failure(tampering.refundV2({ paymentId: payment.paymentId, price: "20.0", conversationId: "c-t" }));
    expect(e).toMatchObject({ code: "response_signature_invalid", outcome: "unknown", operation: "refundV2" });
    // The simulator applied it: exactly the case the lookup must settle.
    expect(sim.ledger.refunds).toHaveLength(1);
  });
});
