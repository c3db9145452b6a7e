/**
 * The simulator's subscription catalog over signed HTTP: a retrieve, update, list or delete reads
 * back what a create stored, every answer (success or failure) validates against the spec, and
 * every catalog operation is exercised here.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSpecValidator, loadSpec, startIyzicoSimulator, type IyzicoSimulator, type JsonValue } from "../../../src/index.ts";
import { IYZICO_SUBSCRIPTION_CATALOG_OPERATIONS } from "../../../src/providers/iyzico/subscriptions.ts";
import { call, type CallOptions } from "./sign.ts";

const spec = loadSpec("iyzico");
const validator = createSpecValidator(spec);
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
const plan = {
  name: "Monthly",
  price: "10.99",
  currencyCode: "TRY",
  paymentInterval: "MONTHLY",
  paymentIntervalCount: 1,
  trialPeriodDays: 7,
  planPaymentType: "RECURRING",
};

let sim: IyzicoSimulator;
const seen = new Set<string>();
beforeEach(async () => {
  sim = await startIyzicoSimulator({ now: new Date("2026-03-10T08:00:00Z") });
});
afterEach(() => sim.close());

/** A signed request whose answer must validate against the operation it was routed to. */
async function send(path: string, body?: object, method?: CallOptions["method"]): Promise<Record<string, unknown>> {
  const { status, json } = await call(sim, path, body, method ? { method } : {});
  expect(status).toBe(200);
  const op = spec.operations.find((o) => o.operationId === sim.requests.at(-1)?.operationId);
  expect(op, path).toBeDefined();
  seen.add(op!.operationId);
  expect(validator.response(op!, json as JsonValue), JSON.stringify(json)).toBeUndefined();
  return json;
}

const data = (json: Record<string, unknown>) => json.data as Record<string, unknown>;

describe("subscription products and pricing plans", () => {
  it("create -> retrieve -> update -> list, plans under their product, delete only once the plans are gone", async () => {
    const created = await send("/v2/subscription/products", { locale: "tr", conversationId: "p1", name: "Gold", description: "Gold plan" });
    expect(created).toMatchObject({
      status: "success",
      conversationId: "p1",
      data: { name: "Gold", description: "Gold plan", status: "ACTIVE", pricingPlans: [], createdDate: "2026-03-10 11:00:00" },
    });
    const product = String(data(created).referenceCode);
    expect(await send(`/v2/subscription/products/${product}`)).toMatchObject({
      status: "success",
      data: { referenceCode: product, name: "Gold" },
    });

    expect(await send(`/v2/subscription/products/${product}`, { name: "Platinum" })).toMatchObject({
      data: { referenceCode: product, name: "Platinum" },
    });
    expect(data(await send(`/v2/subscription/products/${product}`)).description).toBeUndefined();

    const madePlan = await send(`/v2/subscription/products/${product}/pricing-plans`, { conversationId: "pl1", ...plan });
    expect(madePlan).toMatchObject({
      status: "success",
      data: { name: "Monthly", price: 10.99, productReferenceCode: product, paymentInterval: "MONTHLY", trialPeriodDays: 7 },
    });
    const planRef = String(data(madePlan).referenceCode);
    expect(await send(`/v2/subscription/pricing-plans/${planRef}`)).toMatchObject({ data: { referenceCode: planRef, price: 10.99 } });
    expect(await send(`/v2/subscription/pricing-plans/${planRef}`, { name: "Monthly+", trialPeriodDays: 14 })).toMatchObject({
      data: { name: "Monthly+", trialPeriodDays: 14, price: 10.99 },
    });
    expect(data(await send(`/v2/subscription/products/${product}/pricing-plans?page=1&count=10`))).toMatchObject({
      totalCount: 1,
      items: [{ referenceCode: planRef }],
    });
    expect(data(await send(`/v2/subscription/products/${product}`)).pricingPlans).toEqual([
      expect.objectContaining({ referenceCode: planRef }),
    ]);
    expect(data(await send("/v2/subscription/products?page=1&count=1"))).toMatchObject({
      totalCount: 1,
      currentPage: 1,
      pageCount: 1,
      items: [{ referenceCode: product }],
    });

    expect(await send(`/v2/subscription/products/${product}`, undefined, "DELETE")).toMatchObject({ status: "failure", errorCode: "11" });
    expect(await send(`/v2/subscription/pricing-plans/${planRef}`, undefined, "DELETE")).toMatchObject({ status: "success" });
    expect(await send(`/v2/subscription/pricing-plans/${planRef}`)).toMatchObject({ status: "failure", errorCode: "11" });
    expect(await send(`/v2/subscription/products/${product}`, undefined, "DELETE")).toMatchObject({ status: "success" });
    expect(await send(`/v2/subscription/products/${product}`)).toMatchObject({
      status: "failure",
      errorCode: "11",
      errorMessage: "Geçersiz istek: productReferenceCode",
    });
  });

  it("a plan for an unknown product, or with a bad price, is refused and stores nothing", async () => {
    expect(await send("/v2/subscription/products/nope/pricing-plans", plan)).toMatchObject({ status: "failure", errorCode: "11" });
    expect(sim.requests.at(-1)).toMatchObject({ applied: false });
    const product = String(data(await send("/v2/subscription/products", { name: "Gold" })).referenceCode);
    expect(await send(`/v2/subscription/products/${product}/pricing-plans`, { ...plan, price: "0" })).toMatchObject({
      status: "failure",
      errorCode: "11",
    });
    expect(data(await send(`/v2/subscription/products/${product}/pricing-plans`))).toMatchObject({ totalCount: 0, items: [] });
  });
});

describe("subscription customers", () => {
  it("create -> retrieve -> update -> list -> delete", async () => {
    const created = await send("/v2/subscription/customers", { locale: "tr", conversationId: "c1", ...customer });
    expect(created).toMatchObject({ status: "success", data: { ...customer, status: "ACTIVE" } });
    const ref = String(data(created).referenceCode);
    expect(await send(`/v2/subscription/customers/${ref}`)).toMatchObject({ data: { referenceCode: ref, email: "ada@example.com" } });
    expect(await send(`/v2/subscription/customers/${ref}`, { ...customer, gsmNumber: "+905350000001" })).toMatchObject({
      data: { gsmNumber: "+905350000001" },
    });
    expect(data(await send("/v2/subscription/customers?page=1&count=10"))).toMatchObject({
      totalCount: 1,
      items: [{ referenceCode: ref, gsmNumber: "+905350000001" }],
    });
    expect(await send(`/v2/subscription/customers/delete/${ref}`, undefined, "POST")).toMatchObject({ status: "success" });
    expect(await send(`/v2/subscription/customers/${ref}`)).toMatchObject({ status: "failure", errorCode: "11" });
  });
});

describe("coverage", () => {
  it("every catalog operation was exercised above", () => {
    expect([...seen].filter((id) => (IYZICO_SUBSCRIPTION_CATALOG_OPERATIONS as readonly string[]).includes(id)).sort()).toEqual(
      [...IYZICO_SUBSCRIPTION_CATALOG_OPERATIONS].sort(),
    );
  });
});
