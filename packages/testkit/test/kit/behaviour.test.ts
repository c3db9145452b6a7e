import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dispatch } from "../../src/kit/behaviour.ts";
import { ProviderFailure } from "../../src/kit/failure.ts";
import type { RoutedRequest } from "../../src/server.ts";
import { loadSpecFile } from "../../src/spec.ts";

const spec = loadSpecFile(fileURLToPath(new URL("../fixtures/echo.yaml", import.meta.url)));
const operation = (id: string) => {
  const op = spec.operations.find((o) => o.operationId === id);
  if (!op) throw new Error(`fixture has no ${id}`);
  return op;
};

const request = (operationId: string, body: RoutedRequest["body"], query: Record<string, string> = {}): RoutedRequest => ({
  method: "POST",
  path: "/echo",
  query,
  headers: {},
  rawBody: Buffer.from(JSON.stringify(body ?? null)),
  operation: operation(operationId),
  pathParams: {},
  body,
});

const handle = dispatch(
  {
    echo: (input) => ({ applied: true, body: { got: input } }),
    token: () => {
      throw new ProviderFailure("refused", "no tokens today");
    },
  },
  {
    unhandled: (req) => ({ applied: false, status: 404, body: { unhandled: req.operation.operationId } }),
    failure: (failure) => ({ status: 422, body: { error: failure.key, detail: failure.detail ?? null } }),
  },
);

describe("dispatch", () => {
  it("runs the operation's handler with the body as its input", () => {
    expect(handle(request("echo", { name: "a" }))).toEqual({ applied: true, body: { got: { name: "a" } } });
  });

  it("gives a handler {} when the body is not an object", () => {
    expect(handle(request("echo", undefined))).toEqual({ applied: true, body: { got: {} } });
    expect(handle(request("echo", [1, 2]))).toEqual({ applied: true, body: { got: {} } });
  });

  it("answers an operation without a handler with the provider's unhandled reply", () => {
    expect(handle(request("getThing", undefined))).toEqual({ applied: false, status: 404, body: { unhandled: "getThing" } });
  });

  it("turns a thrown ProviderFailure into the provider's failure reply, applied: false", () => {
    expect(handle(request("token", {}))).toEqual({ applied: false, status: 422, body: { error: "refused", detail: "no tokens today" } });
  });

  it("lets any other error through (the server answers it as a loud 500)", () => {
    const broken = dispatch(
      {
        echo: () => {
          throw new TypeError("simulator bug");
        },
      },
      { unhandled: () => ({ applied: false, body: {} }), failure: () => ({ body: {} }) },
    );
    expect(() => broken(request("echo", {}))).toThrow(TypeError);
  });

  it("takes the input from the provider when told (iyzico: the query string of a GET)", () => {
    const byQuery = dispatch(
      { getThing: (input) => ({ applied: true, body: { got: input } }) },
      {
        input: (req) => req.query,
        unhandled: () => ({ applied: false, body: {} }),
        failure: () => ({ body: {} }),
      },
    );
    expect(byQuery(request("getThing", undefined, { limit: "2" }))).toEqual({ applied: true, body: { got: { limit: "2" } } });
  });
});
