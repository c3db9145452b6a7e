/**
 * The spec and the simulator against iyzico's official Node SDK (iyzipay 2.0.69, a devDependency).
 *
 * Request schemas:
 * for every operation the SDK also has, the fields the SDK's request models send (nested objects and
 * array items included; its path-variable model's fields beside them) are exactly the fields the
 * spec's request schema and path parameters declare. Every SDK endpoint is in the spec.
 *
 * The SDK's models are read, not copied: each is fed an input that answers every field name it is
 * asked for, and the field names that come out of `toJson()` are its field set.
 */
import { createRequire } from "node:module";
import { readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIyzicoClient } from "@odeme/iyzico";
import { loadSpec, startIyzicoSimulator, type IyzicoSimulator, type JsonObject, type SpecOperation } from "@odeme/testkit";

const require = createRequire(import.meta.url);
const sdkRoot = dirname(require.resolve("iyzipay/package.json"));
const spec = loadSpec("iyzico");

type Api = { name: string; path: string; method: string; requestModel?: string; queryString?: string; pathVariables?: string };
/** The SDK's own request building, used to read the path and body it would send. */
type SdkResource = {
  _api: Record<string, Api & { generatedPath?: string }>;
  _config: { body?: unknown };
  _preparePath(name: string): void;
  _getBody(name: string): unknown;
};
type Shape = true | { [field: string]: Shape };

/** Every SDK endpoint: "POST /payment/auth" -> the request models that resources send to it. */
function sdkEndpoints(): Map<string, { resource: string; api: Api }[]> {
  const out = new Map<string, { resource: string; api: Api }[]>();
  for (const file of readdirSync(join(sdkRoot, "lib/resources"))) {
    const Resource = require(join(sdkRoot, "lib/resources", file)) as new (config: object) => { _api: Record<string, Omit<Api, "name">> };
    for (const [name, api] of Object.entries(new Resource({})._api)) {
      const key = `${api.method} ${api.path}`;
      out.set(key, [...(out.get(key) ?? []), { resource: file.replace(/\.js$/, ""), api: { ...api, name } }]);
    }
  }
  return out;
}

const answered = new WeakSet<object>();
/** A value that answers every field: nested models read fields of it, lists map over its one element. */
function anything(): unknown {
  const proxy: unknown = new Proxy([] as unknown[], {
    get(target, key, receiver) {
      if (typeof key === "symbol" || key === "length" || /^\d+$/.test(key) || key in Array.prototype) {
        if (target.length === 0) target.push(anything());
        return Reflect.get(target, key, receiver);
      }
      return anything();
    },
  });
  answered.add(proxy as object);
  return proxy;
}

/** The field tree a model's toJson() produced: a field fed straight from the input is a leaf. */
function shapeOf(value: unknown): Shape {
  if (value === undefined || value === null || typeof value !== "object" || answered.has(value)) return true;
  if (Array.isArray(value)) return value.length > 0 ? shapeOf(value[0]) : true;
  const out: Record<string, Shape> = {};
  for (const [k, v] of Object.entries(value)) out[k] = shapeOf(v);
  return out;
}

function sdkShape(model: string): Shape {
  const Model = require(join(sdkRoot, "lib/requests", `${model}.js`)) as new (input: unknown) => { toJson(): unknown };
  return shapeOf(new Model(anything()).toJson());
}

/** The field tree of a resolved JSON Schema (allOf merged, array items followed). */
function specShape(schema: JsonObject | undefined): Shape {
  if (!schema) return true;
  if (schema.type === "array") return specShape(schema.items as JsonObject);
  const parts = [schema, ...((schema.allOf as JsonObject[] | undefined) ?? [])];
  const props = Object.assign({}, ...parts.map((p) => (p.properties as JsonObject | undefined) ?? {})) as Record<string, JsonObject>;
  if (Object.keys(props).length === 0) return true;
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, specShape(v)]));
}

/** The spec's parameters in one place (`query` of a GET, `path` of any) as a field set. */
function paramShape(op: SpecOperation, where: "query" | "path"): Record<string, Shape> {
  return Object.fromEntries(op.parameters.filter((p) => p.in === where).map((p) => [p.name, true as Shape]));
}

/** A field set as an object (a schema without properties contributes none). */
const fields = (shape: Shape): Record<string, Shape> => (shape === true ? {} : shape);

/**
 * Fields the spec has beyond every Node model, each with the sources that give it. Nothing else may
 * differ: the test checks that the spec minus exactly these equals an SDK model.
 */
const BEYOND_NODE: Record<string, { fields: string[]; why: string }> = {
  retrieveReportingPaymentDetail: {
    fields: ["paymentId"],
    why: "iyzipay-node's RetrieveTransactionDetailsRequest sends only paymentConversationId; iyzipay-java's ReportingPaymentDetailRequest and docs.iyzico.com/en/advanced/reporting-service also take paymentId, which the facade looks payments up by.",
  },
};

const endpoints = sdkEndpoints();
const matched = spec.operations
  .map((op) => ({ op, sdk: endpoints.get(`${op.method.toUpperCase()} ${op.path}`) ?? [] }))
  .filter((m) => m.sdk.length > 0);

describe("spec request fields equal iyzipay's request models", () => {
  it("compares most of the spec, and the spec has every SDK endpoint, path parameters included", () => {
    expect(matched.length).toBeGreaterThanOrEqual(80);
    const inSpec = new Set(spec.operations.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    expect([...endpoints.keys()].filter((key) => !inSpec.has(key))).toEqual([]);
  });

  // Path parameters and body (or a GET's query) fields together are the request's fields: the SDK
  // reads the path values from the same input object as the body (IyzipayResource._preparePath).
  it.each(matched.map((m) => [m.op.operationId, m] as const))("%s", (_id, { op, sdk }) => {
    const full: Record<string, Shape> = {
      ...paramShape(op, "path"),
      ...fields(op.requestSchema ? specShape(op.requestSchema) : paramShape(op, "query")),
    };
    const beyond = BEYOND_NODE[op.operationId]?.fields ?? [];
    for (const field of beyond) expect(full, `${op.operationId}.${field} is in the spec`).toHaveProperty(field);
    const want = Object.fromEntries(Object.entries(full).filter(([k]) => !beyond.includes(k)));
    // Where two SDK resources send different models to one endpoint, the spec must equal one of them
    // (it names the one it follows in its description).
    const candidates = sdk.map((e) => {
      const model = op.requestSchema ? e.api.requestModel : e.api.queryString;
      const path = e.api.pathVariables === undefined ? {} : fields(sdkShape(e.api.pathVariables));
      return { resource: e.resource, shape: { ...path, ...(model === undefined ? {} : fields(sdkShape(model))) } as Shape };
    });
    const equal = candidates.filter((c) => JSON.stringify(sortShape(c.shape)) === JSON.stringify(sortShape(want)));
    expect(
      equal.map((c) => c.resource),
      JSON.stringify({ spec: sortShape(want), sdk: candidates.map((c) => ({ [c.resource]: sortShape(c.shape) })) }),
    ).not.toEqual([]);
  });
});

function sortShape(shape: Shape): Shape {
  if (shape === true) return true;
  return Object.fromEntries(
    Object.keys(shape)
      .sort()
      .map((k) => [k, sortShape((shape as Record<string, Shape>)[k] as Shape)]),
  );
}

describe("iyzipay and the generated client send the same body for the spec's examples", () => {
  const sent: { url: string; body: string }[] = [];
  const client = createIyzicoClient({
    apiKey: "k",
    secretKey: "s",
    baseUrl: "https://sandbox-api.iyzipay.com",
    maxRetries: 0,
    // Only the request bodies are compared; the stand-in answer carries no signature to check.
    verifyResponseSignatures: false,
    fetch: async (request: Request) => {
      sent.push({ url: request.url, body: await request.text() });
      return new Response('{"status":"success"}', { status: 200, headers: { "content-type": "application/json" } });
    },
  });
  const example = (op: SpecOperation): unknown => {
    const content = (op.raw.requestBody as { content?: Record<string, { examples?: Record<string, { value: unknown }> }> } | undefined)
      ?.content;
    return Object.values(content?.["application/json"]?.examples ?? {})[0]?.value;
  };
  const withBody = matched.filter((m) => m.op.requestSchema !== undefined && m.op.parameters.length === 0);

  it.each(withBody.map((m) => [m.op.operationId, m] as const))("%s", async (id, { op, sdk }) => {
    const input = example(op);
    await (client as unknown as Record<string, (body: unknown) => Promise<unknown>>)[id]!.call(client, input);
    const ours = JSON.parse(sent.at(-1)?.body ?? "null") as unknown;
    const theirs = sdk.map((e) => {
      const Model = require(join(sdkRoot, "lib/requests", `${e.api.requestModel}.js`)) as new (input: unknown) => { toJson(): unknown };
      // JSON.stringify drops the undefined fields the SDK leaves in, exactly as it does on the wire.
      return JSON.parse(JSON.stringify(new Model(structuredClone(input)).toJson())) as unknown;
    });
    expect(theirs).toContainEqual(ours);
  });
});

describe("iyzipay and the generated client send the same path and body for path-parameter operations", () => {
  const sent: { url: string; body: string }[] = [];
  const client = createIyzicoClient({
    apiKey: "k",
    secretKey: "s",
    baseUrl: "https://sandbox-api.iyzipay.com",
    maxRetries: 0,
    fetch: async (request: Request) => {
      sent.push({ url: request.url, body: await request.text() });
      return new Response('{"status":"success"}', { status: 200, headers: { "content-type": "application/json" } });
    },
  });
  const bodyExample = (op: SpecOperation): Record<string, unknown> | undefined => {
    const content = (
      op.raw.requestBody as { content?: Record<string, { examples?: Record<string, { value: Record<string, unknown> }> }> } | undefined
    )?.content;
    return Object.values(content?.["application/json"]?.examples ?? {})[0]?.value;
  };
  const params = (op: SpecOperation, where: string) =>
    Object.fromEntries(
      ((op.raw.parameters ?? []) as { name: string; in: string; example?: unknown }[])
        .filter((p) => p.in === where)
        .map((p) => [p.name, p.example]),
    );
  const withPath = matched.filter((m) => m.op.parameters.some((p) => p.in === "path"));

  it("covers the 20 path-parameter endpoints", () => {
    expect(withPath.length).toBe(20);
  });

  it.each(withPath.map((m) => [m.op.operationId, m] as const))("%s", async (id, { op, sdk }) => {
    const path = params(op, "path");
    const query = params(op, "query");
    const body = bodyExample(op);
    const input = { path, ...(Object.keys(query).length ? { query } : {}), ...(body ? { body } : {}) };
    await (client as unknown as Record<string, (input: unknown) => Promise<unknown>>)[id]!.call(client, input);
    const ours = sent.at(-1)!;
    // The SDK takes one object: the path values beside the body fields (and the query's, for a GET).
    const theirs = sdk.map((e) => {
      const Resource = require(join(sdkRoot, "lib/resources", `${e.resource}.js`)) as new (config: object) => SdkResource;
      const resource = new Resource({});
      resource._config.body = structuredClone({ ...query, ...body, ...path });
      resource._preparePath(e.api.name);
      return { path: resource._api[e.api.name]!.generatedPath, body: JSON.parse(JSON.stringify(resource._getBody(e.api.name))) as unknown };
    });
    expect(theirs.map((t) => t.path)).toContain(new URL(ours.url).pathname);
    // iyzipay writes "{}" for an operation without a body model (and signs it); odeme sends no body
    // at all, as iyzipay-php does. Both carry no fields; the simulator verifies each signature over
    // the bytes it received.
    expect(theirs.map((t) => t.body)).toContainEqual(ours.body === "" ? {} : (JSON.parse(ours.body) as unknown));
    if (!op.requestSchema) expect(ours.body).toBe("");
  });
});

describe("iyzipay itself completes the 3-D Secure and checkout-form flows against the simulator", () => {
  type Callback = (err: unknown, result: Record<string, unknown>) => void;
  type Resource = { create(body: object, cb: Callback): void; retrieve(body: object, cb: Callback): void };
  const Iyzipay = require("iyzipay") as new (config: { apiKey: string; secretKey: string; uri: string }) => Record<string, Resource>;
  const promisify = (resource: Resource, method: "create" | "retrieve", body: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) =>
      resource[method](body, (err, result) => (err ? reject(err) : resolve(result))),
    );
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
  const basketItems = [{ id: "X1", name: "Book", category1: "Books", itemType: "PHYSICAL", price: "10" }];

  let sim: IyzicoSimulator;
  let callbacks: Record<string, string>[];
  let callbackServer: Server;
  let callbackUrl: string;
  beforeEach(async () => {
    sim = await startIyzicoSimulator();
    callbacks = [];
    callbackServer = createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString("utf8")));
      req.on("end", () => {
        callbacks.push(Object.fromEntries(new URLSearchParams(text)));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => callbackServer.listen(0, "127.0.0.1", resolve));
    callbackUrl = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
  });
  afterEach(async () => {
    await sim.close();
    await new Promise<void>((resolve) => callbackServer.close(() => resolve()));
  });

  it("3-D Secure initialize -> bank callback -> auth -> retrieve -> refund, all signed by iyzipay", async () => {
    const iyzipay = new Iyzipay({ ...sim.credentials, uri: sim.url });
    const init = await promisify(iyzipay.threedsInitialize!, "create", {
      locale: "tr",
      conversationId: "sdk-3ds",
      price: "10",
      paidPrice: "10",
      currency: "TRY",
      installment: 1,
      basketId: "B1",
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
      buyer,
      shippingAddress: address,
      billingAddress: address,
      basketItems,
      callbackUrl,
    });
    expect(init).toMatchObject({ status: "success", conversationId: "sdk-3ds" });
    const paymentId = String(init.paymentId);
    await sim.completeThreeds(paymentId);
    const posted = callbacks[0]!;
    const auth = await promisify(iyzipay.threedsPayment!, "create", {
      locale: "tr",
      conversationId: "sdk-3ds",
      paymentId: posted.paymentId,
      conversationData: posted.conversationData,
    });
    expect(auth).toMatchObject({ status: "success", paymentStatus: "SUCCESS", paymentId });
    const detail = await promisify(iyzipay.payment!, "retrieve", { locale: "tr", conversationId: "sdk-3ds", paymentId });
    expect(detail).toMatchObject({ status: "success", paymentStatus: "SUCCESS", paidPrice: 10 });
    const item = (detail.itemTransactions as { paymentTransactionId: string }[])[0]!;
    const refund = await promisify(iyzipay.refund!, "create", {
      locale: "tr",
      conversationId: "sdk-refund",
      paymentTransactionId: item.paymentTransactionId,
      price: "4",
      currency: "TRY",
      ip: "85.34.78.112",
    });
    expect(refund).toMatchObject({ status: "success", price: 4 });
    expect(sim.ledger.refunds).toEqual([expect.objectContaining({ paymentId, amount: 400, conversationId: "sdk-refund" })]);
    expect(sim.requests.every((r) => r.status === 200 && r.operationId !== undefined)).toBe(true);
  });

  it("checkout form initialize -> buyer pays -> retrieve", async () => {
    const iyzipay = new Iyzipay({ ...sim.credentials, uri: sim.url });
    const init = await promisify(iyzipay.checkoutFormInitialize!, "create", {
      locale: "tr",
      conversationId: "sdk-cf",
      price: "10",
      paidPrice: "10",
      currency: "TRY",
      basketId: "B2",
      paymentGroup: "PRODUCT",
      callbackUrl,
      enabledInstallments: [1, 2, 3],
      buyer,
      shippingAddress: address,
      billingAddress: address,
      basketItems,
    });
    expect(init).toMatchObject({ status: "success", tokenExpireTime: 1800 });
    const token = String(init.token);
    const { paymentId } = await sim.payCheckoutForm(token);
    expect(callbacks).toEqual([{ token }]);
    const result = await promisify(iyzipay.checkoutForm!, "retrieve", { locale: "tr", conversationId: "sdk-cf", token });
    expect(result).toMatchObject({ status: "success", token, paymentId, paymentStatus: "SUCCESS", basketId: "B2" });
  });
});

describe("iyzipay itself calls path-parameter endpoints against the simulator", () => {
  type Callback = (err: unknown, result: Record<string, unknown>) => void;
  type Resource = Record<
    "create" | "retrieve" | "retrieveList" | "update" | "delete" | "cancel" | "updateProductStatus",
    (body: object, cb: Callback) => void
  >;
  const Iyzipay = require("iyzipay") as new (config: { apiKey: string; secretKey: string; uri: string }) => Record<string, Resource>;
  const run = (resource: Resource | undefined, method: keyof Resource, body: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) =>
      resource![method](body, (err, result) => (err ? reject(err) : resolve(result))),
    );
  const data = (r: Record<string, unknown>) => r.data as Record<string, unknown>;

  let sim: IyzicoSimulator;
  beforeEach(async () => {
    sim = await startIyzicoSimulator();
  });
  afterEach(() => sim.close());

  it("subscription product create -> retrieve -> update, pricing plan create -> list -> retrieve -> delete, product delete: signed by iyzipay, read back", async () => {
    const iyzipay = new Iyzipay({ ...sim.credentials, uri: sim.url });
    const created = await run(iyzipay.subscriptionProduct, "create", {
      locale: "tr",
      conversationId: "sdk-p",
      name: "Gold",
      description: "Gold plan",
    });
    expect(created).toMatchObject({ status: "success", data: { name: "Gold" } });
    const productReferenceCode = String(data(created).referenceCode);
    expect(await run(iyzipay.subscriptionProduct, "retrieve", { productReferenceCode })).toMatchObject({
      status: "success",
      data: { referenceCode: productReferenceCode, name: "Gold", description: "Gold plan" },
    });
    expect(
      await run(iyzipay.subscriptionProduct, "update", { productReferenceCode, locale: "tr", conversationId: "sdk-p2", name: "Platinum" }),
    ).toMatchObject({ status: "success", data: { name: "Platinum" } });

    // iyzipay's own price formatting: 10.99 (a number) is sent as "10.99".
    const plan = await run(iyzipay.subscriptionPricingPlan, "create", {
      locale: "tr",
      conversationId: "sdk-pl",
      productReferenceCode,
      name: "Monthly",
      price: 10.99,
      currencyCode: "TRY",
      paymentInterval: "MONTHLY",
      paymentIntervalCount: 1,
      trialPeriodDays: 30,
      planPaymentType: "RECURRING",
    });
    expect(plan).toMatchObject({ status: "success", data: { productReferenceCode, price: 10.99 } });
    const pricingPlanReferenceCode = String(data(plan).referenceCode);
    expect(data(await run(iyzipay.subscriptionPricingPlan, "retrieveList", { productReferenceCode, page: 1, count: 10 }))).toMatchObject({
      totalCount: 1,
      items: [{ referenceCode: pricingPlanReferenceCode }],
    });
    expect(await run(iyzipay.subscriptionPricingPlan, "retrieve", { pricingPlanReferenceCode })).toMatchObject({
      status: "success",
      data: { name: "Monthly", trialPeriodDays: 30 },
    });
    expect(await run(iyzipay.subscriptionPricingPlan, "delete", { pricingPlanReferenceCode })).toMatchObject({ status: "success" });
    expect(await run(iyzipay.subscriptionProduct, "delete", { productReferenceCode })).toMatchObject({ status: "success" });
    expect(await run(iyzipay.subscriptionProduct, "retrieve", { productReferenceCode })).toMatchObject({
      status: "failure",
      errorCode: "11",
    });
    // Every request was routed, its IYZWSv2 signature (over iyzipay's "{}" body on a GET or DELETE) verified.
    expect(sim.requests.map((r) => [r.method, r.operationId, r.status])).toEqual([
      ["POST", "createSubscriptionProduct", 200],
      ["GET", "retrieveSubscriptionProduct", 200],
      ["POST", "updateSubscriptionProduct", 200],
      ["POST", "createSubscriptionPricingPlan", 200],
      ["GET", "listSubscriptionPricingPlans", 200],
      ["GET", "retrieveSubscriptionPricingPlan", 200],
      ["DELETE", "deleteSubscriptionPricingPlan", 200],
      ["DELETE", "deleteSubscriptionProduct", 200],
      ["GET", "retrieveSubscriptionProduct", 200],
    ]);
  });

  it("customer create -> retrieve, and the spec-served subscription and iyzilink endpoints", async () => {
    const iyzipay = new Iyzipay({ ...sim.credentials, uri: sim.url });
    const address = { contactName: "Ada Lovelace", city: "Istanbul", country: "Turkey", address: "Nidakule Göztepe", zipCode: "34732" };
    const created = await run(iyzipay.subscriptionCustomer, "create", {
      locale: "tr",
      conversationId: "sdk-c",
      name: "Ada",
      surname: "Lovelace",
      identityNumber: "74300864791",
      email: "ada@example.com",
      gsmNumber: "+905350000000",
      billingAddress: address,
      shippingAddress: address,
    });
    const customerReferenceCode = String(data(created).referenceCode);
    expect(await run(iyzipay.subscriptionCustomer, "retrieve", { customerReferenceCode })).toMatchObject({
      status: "success",
      data: { referenceCode: customerReferenceCode, email: "ada@example.com" },
    });
    expect(await run(iyzipay.subscription, "cancel", { subscriptionReferenceCode: "subscription-ref" })).toMatchObject({
      status: "success",
    });
    expect(
      await run(iyzipay.iyziLink, "updateProductStatus", { locale: "tr", conversationId: "sdk-l", linkToken: "AAmLDQ", status: "PASSIVE" }),
    ).toMatchObject({ status: "success" });
    expect(sim.requests.slice(-2).map((r) => [r.method, r.path, r.operationId, r.status])).toEqual([
      ["POST", "/v2/subscription/subscriptions/subscription-ref/cancel", "cancelSubscription", 200],
      ["PATCH", "/v2/iyzilink/products/AAmLDQ/status/PASSIVE", "updateIyziLinkProductStatus", 200],
    ]);
  });
});
