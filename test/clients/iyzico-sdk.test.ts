/**
 * The spec and the simulator against iyzico's official Node SDK (iyzipay 2.0.69, a devDependency).
 *
 * Request schemas:
 * for every operation the SDK also has, the fields the SDK's request model sends (nested objects and
 * array items included) are exactly the fields the spec's request schema declares.
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

type Api = { path: string; method: string; requestModel?: string; queryString?: string; pathVariables?: string };
type Shape = true | { [field: string]: Shape };

/** Every SDK endpoint: "POST /payment/auth" -> the request models that resources send to it. */
function sdkEndpoints(): Map<string, { resource: string; api: Api }[]> {
  const out = new Map<string, { resource: string; api: Api }[]>();
  for (const file of readdirSync(join(sdkRoot, "lib/resources"))) {
    const Resource = require(join(sdkRoot, "lib/resources", file)) as new (config: object) => { _api: Record<string, Api> };
    for (const api of Object.values(new Resource({})._api)) {
      const key = `${api.method} ${api.path}`;
      out.set(key, [...(out.get(key) ?? []), { resource: file.replace(/\.js$/, ""), api }]);
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

/** The spec's query parameters of a GET as a field set. */
function queryShape(op: SpecOperation): Shape {
  return Object.fromEntries(op.parameters.filter((p) => p.in === "query").map((p) => [p.name, true as Shape]));
}

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
  it("compares most of the spec, and the spec has every SDK endpoint without path parameters", () => {
    expect(matched.length).toBeGreaterThanOrEqual(60);
    const inSpec = new Set(spec.operations.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    const missing = [...endpoints.entries()].filter(([key, list]) => !inSpec.has(key) && list.every((e) => !e.api.pathVariables)).map(([key]) => key);
    expect(missing).toEqual([]);
  });

  it.each(matched.map((m) => [m.op.operationId, m] as const))("%s", (_id, { op, sdk }) => {
    const full = op.requestSchema ? specShape(op.requestSchema) : queryShape(op);
    const beyond = BEYOND_NODE[op.operationId]?.fields ?? [];
    for (const field of beyond) expect(full, `${op.operationId}.${field} is in the spec`).toHaveProperty(field);
    const want = full === true ? full : Object.fromEntries(Object.entries(full).filter(([k]) => !beyond.includes(k)));
    // Where two SDK resources send different models to one endpoint, the spec must equal one of them
    // (it names the one it follows in its description).
    const candidates = sdk.map((e) => {
      const model = op.requestSchema ? e.api.requestModel : e.api.queryString;
      return { resource: e.resource, shape: model === undefined ? ({} as Shape) : sdkShape(model) };
    });
    const equal = candidates.filter((c) => JSON.stringify(sortShape(c.shape)) === JSON.stringify(sortShape(want)));
    expect(equal.map((c) => c.resource), JSON.stringify({ spec: sortShape(want), sdk: candidates.map((c) => ({ [c.resource]: sortShape(c.shape) })) })).not.toEqual([]);
  });
});

function sortShape(shape: Shape): Shape {
  if (shape === true) return true;
  return Object.fromEntries(Object.keys(shape).sort().map((k) => [k, sortShape((shape as Record<string, Shape>)[k] as Shape)]));
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
    const content = (op.raw.requestBody as { content?: Record<string, { examples?: Record<string, { value: unknown }> }> } | undefined)?.content;
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

describe("iyzipay itself completes the 3-D Secure and checkout-form flows against the simulator", () => {
  type Callback = (err: unknown, result: Record<string, unknown>) => void;
  type Resource = { create(body: object, cb: Callback): void; retrieve(body: object, cb: Callback): void };
  const Iyzipay = require("iyzipay") as new (config: { apiKey: string; secretKey: string; uri: string }) => Record<string, Resource>;
  const promisify = (resource: Resource, method: "create" | "retrieve", body: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) => resource[method](body, (err, result) => (err ? reject(err) : resolve(result))));
  const buyer = { id: "BY1", name: "Ada", surname: "Lovelace", identityNumber: "74300864791", email: "ada@example.com", registrationAddress: "Nidakule Göztepe", city: "Istanbul", country: "Turkey", ip: "85.34.78.112" };
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
      locale: "tr", conversationId: "sdk-3ds", price: "10", paidPrice: "10", currency: "TRY", installment: 1, basketId: "B1", paymentChannel: "WEB", paymentGroup: "PRODUCT",
      paymentCard: { cardHolderName: "Ada Lovelace", cardNumber: "5528790000000008", expireMonth: "12", expireYear: "2030", cvc: "123", registerCard: 0 },
      buyer, shippingAddress: address, billingAddress: address, basketItems, callbackUrl,
    });
    expect(init).toMatchObject({ status: "success", conversationId: "sdk-3ds" });
    const paymentId = String(init.paymentId);
    await sim.completeThreeds(paymentId);
    const posted = callbacks[0]!;
    const auth = await promisify(iyzipay.threedsPayment!, "create", { locale: "tr", conversationId: "sdk-3ds", paymentId: posted.paymentId, conversationData: posted.conversationData });
    expect(auth).toMatchObject({ status: "success", paymentStatus: "SUCCESS", paymentId });
    const detail = await promisify(iyzipay.payment!, "retrieve", { locale: "tr", conversationId: "sdk-3ds", paymentId });
    expect(detail).toMatchObject({ status: "success", paymentStatus: "SUCCESS", paidPrice: 10 });
    const item = (detail.itemTransactions as { paymentTransactionId: string }[])[0]!;
    const refund = await promisify(iyzipay.refund!, "create", { locale: "tr", conversationId: "sdk-refund", paymentTransactionId: item.paymentTransactionId, price: "4", currency: "TRY", ip: "85.34.78.112" });
    expect(refund).toMatchObject({ status: "success", price: 4 });
    expect(sim.ledger.refunds).toEqual([expect.objectContaining({ paymentId, amount: 400, conversationId: "sdk-refund" })]);
    expect(sim.requests.every((r) => r.status === 200 && r.operationId !== undefined)).toBe(true);
  });

  it("checkout form initialize -> buyer pays -> retrieve", async () => {
    const iyzipay = new Iyzipay({ ...sim.credentials, uri: sim.url });
    const init = await promisify(iyzipay.checkoutFormInitialize!, "create", {
      locale: "tr", conversationId: "sdk-cf", price: "10", paidPrice: "10", currency: "TRY", basketId: "B2", paymentGroup: "PRODUCT", callbackUrl,
      enabledInstallments: [1, 2, 3], buyer, shippingAddress: address, billingAddress: address, basketItems,
    });
    expect(init).toMatchObject({ status: "success", tokenExpireTime: 1800 });
    const token = String(init.token);
    const { paymentId } = await sim.payCheckoutForm(token);
    expect(callbacks).toEqual([{ token }]);
    const result = await promisify(iyzipay.checkoutForm!, "retrieve", { locale: "tr", conversationId: "sdk-cf", token });
    expect(result).toMatchObject({ status: "success", token, paymentId, paymentStatus: "SUCCESS", basketId: "B2" });
  });
});
