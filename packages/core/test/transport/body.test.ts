import { describe, expect, it } from "vitest";
import type { AuthScheme } from "../../src/auth/index.ts";
import { OdemeError } from "../../src/errors.ts";
import { prepareBody } from "../../src/transport/body.ts";
import { PROVIDER, WRITE } from "./fixtures.ts";

const NO_AUTH: AuthScheme = {};

function thrown(fn: () => unknown): OdemeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OdemeError);
    return e as OdemeError;
  }
  throw new Error("expected a throw");
}

describe("prepareBody", () => {
  it("writes money in the wire format once and serializes once, leaving the caller's object alone", () => {
    const input = { price: "15", items: [{ price: "1.5", name: "a" }], note: "x" };
    const copy = structuredClone(input);
    const body = prepareBody(PROVIDER, WRITE, input, NO_AUTH);
    expect(body).toEqual({ text: '{"price":"15.0","items":[{"price":"1.5","name":"a"}],"note":"x"}', contentType: "application/json" });
    expect(input).toEqual(copy);
  });

  it("a money field as a JSON number is written as the exact literal", () => {
    const provider = { ...PROVIDER, money: { unit: "major", wire: "number", maxFractionDigits: 2 } as const };
    expect(prepareBody(provider, WRITE, { price: "10.50" }, NO_AUTH).text).toBe('{"price":10.5}');
  });

  it("the auth scheme's fields are added before serializing, and can read the wire amount", () => {
    const auth: AuthScheme = { prepareBody: (_op, b) => void (b.hash = `h(${String(b.price)})`) };
    expect(prepareBody(PROVIDER, WRITE, { price: "2" }, auth).text).toBe('{"price":"2.0","hash":"h(2.0)"}');
  });

  it("a form body is URL-encoded", () => {
    expect(prepareBody(PROVIDER, { ...WRITE, body: "form", money: [] }, { a: "1 2", b: undefined }, NO_AUTH)).toEqual({
      text: "a=1+2",
      contentType: "application/x-www-form-urlencoded",
    });
  });

  it("bad money names the concrete nested field: invalid_request, not_sent", () => {
    const e = thrown(() => prepareBody(PROVIDER, WRITE, { price: "1", items: [{ price: "1" }, { price: "1.234" }] }, NO_AUTH));
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "items[1].price" });
  });

  it("a bigint anywhere in the body is not_sent, naming its path (issue 10.4)", () => {
    const e = thrown(() => prepareBody(PROVIDER, WRITE, { price: "1", meta: { description: 10n } }, NO_AUTH));
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "meta.description" });
  });

  it("a cycle is not_sent too", () => {
    const meta: Record<string, unknown> = {};
    meta.self = meta;
    const e = thrown(() => prepareBody(PROVIDER, WRITE, { price: "1", meta }, NO_AUTH));
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", field: "meta.self" });
  });

  it("a body that is not an object is refused; an operation without a body sends none", () => {
    expect(thrown(() => prepareBody(PROVIDER, WRITE, [1], NO_AUTH))).toMatchObject({ field: "body", outcome: "not_sent" });
    expect(prepareBody(PROVIDER, { ...WRITE, body: "none" }, { a: 1 }, NO_AUTH)).toEqual({});
  });
});
