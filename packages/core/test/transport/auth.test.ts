import { describe, expect, it } from "vitest";
import type { AuthScheme } from "../../src/auth/index.ts";
import { OdemeError } from "../../src/errors.ts";
import { signRequest } from "../../src/transport/auth.ts";
import { outboundFor } from "../../src/transport/outbound.ts";
import type { WireRequest } from "../../src/transport/send.ts";
import { PROVIDER, WRITE } from "./fixtures.ts";

const out = outboundFor([]);
const wire = (): WireRequest => ({
  method: "POST",
  url: "https://acme.test/base/refund?x=1",
  headers: { accept: "application/json" },
  body: '{"a":1}',
});

describe("signRequest", () => {
  it("signs the bytes in hand and the path without the query, and adds the headers", async () => {
    const seen: unknown[] = [];
    const auth: AuthScheme = { headers: (_op, req) => (seen.push(req), { authorization: "sig" }) };
    const req = wire();
    expect(await signRequest(PROVIDER, auth, out, WRITE, req)).toEqual({ authorization: "sig" });
    expect(seen).toEqual([{ uriPath: "/base/refund", body: '{"a":1}' }]);
    expect(req.headers).toEqual({ accept: "application/json", authorization: "sig" });
  });

  it("a signing failure (say, no crypto on this runtime) is not_sent, never outcome_unknown (issue 10.4)", async () => {
    const auth: AuthScheme = {
      headers: () => {
        throw new ReferenceError("Buffer is not defined");
      },
    };
    const e = await signRequest(PROVIDER, auth, out, WRITE, wire()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OdemeError);
    expect(e).toMatchObject({ code: "invalid_request", outcome: "not_sent", operation: "refund" });
    expect((e as Error).message).toContain("Buffer is not defined");
  });

  it("a failed token request keeps its code and operation, and says the operation was not sent", async () => {
    const tokenError = new OdemeError({
      code: "provider_unavailable",
      message: "Acme token failed",
      provider: "acme",
      operation: "token",
      outcome: "rejected",
      retryable: true,
      status: 503,
    });
    const auth: AuthScheme = { headers: () => Promise.reject(tokenError) };
    const e = await signRequest(PROVIDER, auth, out, WRITE, wire()).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "provider_unavailable", operation: "token", outcome: "not_sent", status: 503, retryable: true });
  });
});
