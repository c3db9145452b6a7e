import { describe, expect, it } from "vitest";
import { basicAuth } from "../../src/auth/basic.ts";
import { contextFor, op, thrown } from "./helpers.ts";

const DEF = { scheme: "basic" } as const;
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;

describe("basicAuth (RFC 7617)", () => {
  it("sends base64 of username:password in Authorization", async () => {
    const scheme = basicAuth.create(DEF, contextFor(DEF, { username: "merchant", password: "s3cret" }));
    expect(await scheme.headers?.(op(), { uriPath: "/refund", body: "{}" })).toEqual({ authorization: "Basic bWVyY2hhbnQ6czNjcmV0" });
  });

  it("encodes the pair as UTF-8, so Turkish letters and a colon in the password survive", async () => {
    const scheme = basicAuth.create(DEF, contextFor(DEF, { username: "ödeme", password: "şifre:ğüİ" }));
    expect(await scheme.headers?.(op(), { uriPath: "/", body: "" })).toEqual({ authorization: basic("ödeme", "şifre:ğüİ") });
  });

  it("refuses a client without a password before any request", () => {
    expect(thrown(() => basicAuth.create(DEF, contextFor(DEF, { username: "merchant" })))).toMatchObject({
      code: "invalid_request",
      field: "password",
      outcome: "not_sent",
    });
    expect(thrown(() => basicAuth.create(DEF, contextFor(DEF, { password: "p" })))).toMatchObject({ field: "username" });
  });

  it("names its credentials, its secret header, and the user:password pair it sends in their place", () => {
    expect(basicAuth.credentials(DEF)).toEqual(["username", "password"]);
    expect(basicAuth.signedHeaders(DEF)).toEqual(["authorization"]);
    expect(basicAuth.secretNames(DEF)).toEqual(["authorization"]);
    expect(basicAuth.autoFilledFields(DEF)).toEqual([]);
    expect(basicAuth.derivedSecrets?.(DEF, { username: "u", password: "p" })).toEqual(["u:p"]);
    expect(basicAuth.derivedSecrets?.(DEF, { username: "u" })).toEqual([]);
  });
});
