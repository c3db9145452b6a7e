import { describe, expect, it } from "vitest";
import { headersAuth } from "../../src/auth/headers.ts";
import { iyzwsV2Auth } from "../../src/auth/iyzws-v2.ts";
import type { OperationDefinition, ProviderDefinition } from "../../src/definition.ts";
import { OdemeError } from "../../src/errors.ts";
import { MASK } from "../../src/scrub/text.ts";
import { createTransport, type LogEvent } from "../../src/transport/create-transport.ts";
import { expandPath } from "../../src/transport/path.ts";
import { PROVIDER } from "./fixtures.ts";

const PLAN: OperationDefinition = {
  id: "updatePlan",
  method: "post",
  path: "/products/{product}/plans/{plan}",
  host: "api",
  safe: false,
  body: "json",
  pathParams: ["product", "plan"],
};
const OK = () => new Response('{"status":"ok"}', { headers: { "content-type": "application/json" } });

function caught(run: () => unknown): OdemeError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(OdemeError);
    return e as OdemeError;
  }
  throw new Error("expected an OdemeError");
}

describe("expandPath", () => {
  it("fills every placeholder, each value encoded as one segment", () => {
    expect(expandPath(PROVIDER, PLAN, { product: "p-1", plan: "a/b?c=d#e f" })).toBe("/products/p-1/plans/a%2Fb%3Fc%3Dd%23e%20f");
    expect(new URL(`http://h${expandPath(PROVIDER, PLAN, { product: "../x", plan: "..." })}`).pathname).toBe("/products/..%2Fx/plans/...");
  });

  it("an operation without path parameters keeps its path, whatever the input", () => {
    const op: OperationDefinition = { id: "x", method: "get", path: "/x", host: "api", safe: true, body: "none" };
    expect(expandPath(PROVIDER, op, undefined)).toBe("/x");
  });

  it.each([
    ["missing", {}, "nothing"],
    ["empty", { plan: "" }, "an empty string"],
    ["a number", { plan: 7 }, "a number"],
    ["null", { plan: null }, "null"],
    // new URL() would resolve these: /products/p-1/plans/.. is sent as /products/p-1/.
    ["dot", { plan: "." }, "resolve away"],
    ["dot-dot", { plan: ".." }, "resolve away"],
  ])("a %s value is invalid_request, not_sent, naming the parameter", (_what, plan, got) => {
    const e = caught(() => expandPath(PROVIDER, PLAN, { product: "p-1", ...plan }));
    expect(e).toMatchObject({
      code: "invalid_request",
      outcome: "not_sent",
      field: "path.plan",
      operation: "updatePlan",
      provider: "acme",
    });
    expect(e.message).toContain(`"plan"`);
    expect(e.message).toContain(got);
  });

  it("no path input at all names the first parameter", () => {
    expect(caught(() => expandPath(PROVIDER, PLAN, undefined)).field).toBe("path.product");
  });
});

describe("path parameters through the transport", () => {
  it("the URL carries the encoded values; the body does not", async () => {
    const sent: Request[] = [];
    const t = createTransport(
      PROVIDER,
      { apiKey: "k", baseUrl: "http://127.0.0.1:1", fetch: async (r: Request) => (sent.push(r), OK()) } as never,
      headersAuth,
    );
    await t.call(PLAN, { path: { product: "p 1", plan: "q/2" }, body: { name: "Gold" } });
    expect(sent[0]?.url).toBe("http://127.0.0.1:1/products/p%201/plans/q%2F2");
    expect(await sent[0]?.text()).toBe('{"name":"Gold"}');
  });

  it("a bad value is refused before anything is sent", async () => {
    const sent: Request[] = [];
    const t = createTransport(
      PROVIDER,
      { apiKey: "k", baseUrl: "http://127.0.0.1:1", fetch: async (r: Request) => (sent.push(r), OK()) } as never,
      headersAuth,
    );
    const e = await t.call(PLAN, { path: { product: "p" }, body: {} }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "path.plan" });
    expect(sent).toEqual([]);
  });

  it("IYZWSv2 signs the path as sent, placeholders filled and encoded", async () => {
    const iyzico: ProviderDefinition = {
      ...PROVIDER,
      auth: { scheme: "iyzws-v2" },
      envelope: { success: { field: "status", equals: "ok" } },
    };
    const headers: Headers[] = [];
    const t = createTransport(
      iyzico,
      {
        apiKey: "k",
        secretKey: "s",
        randomKey: () => "r",
        baseUrl: "http://127.0.0.1:1",
        fetch: async (r: Request) => (headers.push(r.headers), OK()),
      } as never,
      iyzwsV2Auth,
    );
    const op: OperationDefinition = {
      id: "get",
      method: "get",
      path: "/v2/items/{token}",
      host: "api",
      safe: true,
      body: "none",
      pathParams: ["token"],
    };
    await t.call(op, { path: { token: "a b" } });
    const direct = createTransport(
      iyzico,
      {
        apiKey: "k",
        secretKey: "s",
        randomKey: () => "r",
        baseUrl: "http://127.0.0.1:1",
        fetch: async (r: Request) => (headers.push(r.headers), OK()),
      } as never,
      iyzwsV2Auth,
    );
    await direct.call({ ...op, path: "/v2/items/a%20b", pathParams: [] }, {});
    expect(headers[0]?.get("authorization")).toBe(headers[1]?.get("authorization"));
  });
});

describe("path parameters in the request log", () => {
  const CARD: OperationDefinition = {
    id: "cardItem",
    method: "get",
    path: "/cards/{cardToken}/pins/{pin}/items/{itemId}",
    host: "api",
    safe: true,
    body: "none",
    pathParams: ["cardToken", "pin", "itemId"],
  };

  it("masks a value whose parameter name is secret (by pattern or the provider's fields) and keeps an id", async () => {
    const sent: string[] = [];
    const events: LogEvent[] = [];
    const t = createTransport(
      PROVIDER,
      {
        apiKey: "k",
        baseUrl: "http://127.0.0.1:1",
        fetch: async (r: Request) => (sent.push(r.url), OK()),
        logger: (e: LogEvent) => events.push(e),
      } as never,
      headersAuth,
    );
    // `cardToken` is secret by the name patterns, `pin` by the provider's secretFields.
    await t.call(CARD, { path: { cardToken: "ct-Zq81Lm0Kx7", pin: "4729", itemId: "it-42" }, query: { page: "2" } });
    expect(sent).toEqual(["http://127.0.0.1:1/cards/ct-Zq81Lm0Kx7/pins/4729/items/it-42?page=2"]);
    const request = events.find((e) => e.type === "request");
    expect(request?.url).toBe(`http://127.0.0.1:1/cards/${MASK}/pins/${MASK}/items/it-42`);
    expect(JSON.stringify(events)).not.toContain("ct-Zq81Lm0Kx7");
    expect(JSON.stringify(events)).not.toContain("/4729");
  });

  it("an operation whose parameters are all harmless logs its path as sent, without the query", async () => {
    const events: LogEvent[] = [];
    const t = createTransport(
      PROVIDER,
      { apiKey: "k", baseUrl: "http://127.0.0.1:1", fetch: async () => OK(), logger: (e: LogEvent) => events.push(e) } as never,
      headersAuth,
    );
    await t.call(PLAN, { path: { product: "p 1", plan: "gold" }, query: { x: "1" }, body: {} });
    expect(events.find((e) => e.type === "request")?.url).toBe("http://127.0.0.1:1/products/p%201/plans/gold");
  });
});
