/**
 * The whole of specs/iyzico.yaml: every operation has a request example (a body, or examples on its
 * query parameters) and a response example, each valid against its schema; and the simulator serves
 * every operation, with the same signature check and request validation as the stateful ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSpecValidator,
  loadSpec,
  startIyzicoSimulator,
  type IyzicoSimulator,
  type JsonValue,
  type SpecOperation,
} from "../../../src/index.ts";
import { IYZICO_STATEFUL_OPERATIONS } from "../../../src/providers/iyzico/simulator.ts";
import { responseExamples } from "../../../src/spec.ts";
import { call } from "./sign.ts";

const spec = loadSpec("iyzico");
const validator = createSpecValidator(spec);
const stateful = new Set<string>(IYZICO_STATEFUL_OPERATIONS);

function requestExample(op: SpecOperation): JsonValue | undefined {
  const body = op.raw.requestBody as { content?: Record<string, { examples?: Record<string, { value: JsonValue }> }> } | undefined;
  const examples = body?.content?.["application/json"]?.examples;
  return examples ? Object.values(examples)[0]?.value : undefined;
}

/** The query string built from the parameters' own examples. */
function queryExample(op: SpecOperation): Record<string, string> {
  const params = (op.raw.parameters ?? []) as { name: string; in: string; example?: JsonValue }[];
  return Object.fromEntries(params.filter((p) => p.in === "query" && p.example !== undefined).map((p) => [p.name, String(p.example)]));
}

/** The path parameters' own examples. */
function pathExample(op: SpecOperation): Record<string, string> {
  const params = (op.raw.parameters ?? []) as { name: string; in: string; example?: JsonValue }[];
  return Object.fromEntries(params.filter((p) => p.in === "path" && p.example !== undefined).map((p) => [p.name, String(p.example)]));
}

const url = (op: SpecOperation) => {
  const values = pathExample(op);
  const path = op.path.replace(/\{([^{}]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? ""));
  const q = new URLSearchParams(queryExample(op)).toString();
  return q ? `${path}?${q}` : path;
};

describe("specs/iyzico.yaml examples", () => {
  it("has at least 60 operations", () => {
    expect(spec.operations.length).toBeGreaterThanOrEqual(60);
  });

  it.each(spec.operations.map((op) => [op.operationId, op] as const))("%s: its request example validates", (_id, op) => {
    const body = requestExample(op);
    const query = queryExample(op);
    const pathParams = pathExample(op);
    // A bodiless operation documents its request through its parameters' examples.
    expect(body !== undefined || Object.keys(query).length > 0 || Object.keys(pathParams).length > 0 || op.parameters.length === 0).toBe(
      true,
    );
    if (op.requestSchema) expect(body, "request body example").toBeDefined();
    for (const p of op.parameters.filter((x) => x.in === "path"))
      expect(pathParams[p.name], `example of path parameter ${p.name}`).toBeDefined();
    expect(validator.request(op, { body: body ?? undefined, query, headers: {}, pathParams })).toBeUndefined();
  });

  it.each(spec.operations.map((op) => [op.operationId, op] as const))(
    "%s: its response examples validate, one of them a success",
    (_id, op) => {
      const examples = responseExamples(op);
      expect(examples.some((e) => (e.value as { status?: string }).status === "success")).toBe(true);
      for (const { name, value } of examples) expect(validator.response(op, value), name).toBeUndefined();
    },
  );
});

describe("the simulator serves every operation of the spec", () => {
  let sim: IyzicoSimulator;
  beforeAll(async () => {
    sim = await startIyzicoSimulator();
  });
  afterAll(() => sim.close());

  const generic = spec.operations.filter((op) => !stateful.has(op.operationId));

  it("answers the stateful operations itself and every other one from the spec", () => {
    expect(generic.length + IYZICO_STATEFUL_OPERATIONS.length).toBe(spec.operations.length);
    for (const id of IYZICO_STATEFUL_OPERATIONS)
      expect(
        spec.operations.some((op) => op.operationId === id),
        id,
      ).toBe(true);
  });

  it.each(generic.map((op) => [op.operationId, op] as const))(
    "%s: a signed, valid request gets a schema-valid success",
    async (_id, op) => {
      const body = requestExample(op) as object | undefined;
      const { status, json } = await call(sim, url(op), body, {
        method: op.method.toUpperCase() as "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
      });
      expect(status).toBe(200);
      expect(json).toMatchObject({ status: "success" });
      expect(validator.response(op, json as JsonValue)).toBeUndefined();
      expect(sim.requests.at(-1)).toMatchObject({ operationId: op.operationId, applied: true });
    },
  );

  it("echoes the request's conversationId and locale on a spec-served answer", async () => {
    const op = spec.operations.find((o) => o.operationId === "initializeThreeds")!;
    const { json } = await call(sim, op.path, { ...(requestExample(op) as object), conversationId: "mine-42", locale: "en" });
    expect(json).toMatchObject({ status: "success", conversationId: "mine-42", locale: "en" });
  });

  it("verifies the signature on a spec-served operation", async () => {
    const op = spec.operations.find((o) => o.operationId === "createCard")!;
    const { json } = await call(sim, op.path, requestExample(op) as object, { secretKey: "wrong" });
    expect(json).toMatchObject({ status: "failure", errorCode: "1000", errorMessage: "Geçersiz imza" });
    expect(sim.requests.at(-1)).toMatchObject({ applied: false });
  });

  it("validates the request on a spec-served operation, naming the field", async () => {
    const op = spec.operations.find((o) => o.operationId === "createThreedsPaymentV2")!;
    const { paidPrice: _drop, ...body } = requestExample(op) as Record<string, unknown>;
    const { json } = await call(sim, op.path, body);
    expect(json).toMatchObject({ status: "failure", errorCode: "5004", errorMessage: "paidPrice gönderilmesi zorunludur" });
  });

  it("validates a GET's query string", async () => {
    const { json } = await call(sim, "/v2/reporting/payment/transactions?page=1", undefined, { method: "GET" });
    expect(json).toMatchObject({ status: "failure", errorCode: "5004", errorMessage: "transactionDate gönderilmesi zorunludur" });
  });
});
