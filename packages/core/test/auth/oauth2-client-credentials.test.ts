import { describe, expect, it } from "vitest";
import { oauth2ClientCredentialsAuth } from "../../src/auth/oauth2-client-credentials.ts";
import type { OperationDefinition } from "../../src/definition.ts";
import { OdemeError } from "../../src/errors.ts";
import type { WireRequest } from "../../src/transport/send.ts";
import { contextFor, op, thrown } from "./helpers.ts";

const DEF = { scheme: "oauth2-client-credentials", tokenHost: "auth", tokenPath: "/connect/token", scope: "wallet.api" } as const;
const CREDENTIALS = { clientId: "client-1", clientSecret: "secret-1" };
const request = { uriPath: "/", body: "" };

/** A token endpoint that records each request and answers from `answers` in turn. */
function tokenEndpoint(...answers: unknown[]) {
  const calls: { op: OperationDefinition; request: WireRequest }[] = [];
  return {
    calls,
    send: async (o: OperationDefinition, r: WireRequest) => {
      calls.push({ op: o, request: r });
      return answers[calls.length - 1];
    },
  };
}

const form = (r: WireRequest) => Object.fromEntries(new URLSearchParams(r.body as string));

describe("oauth2ClientCredentialsAuth (RFC 6749 4.4)", () => {
  it("names its token path as public text, for the scrubber to leave readable", () => {
    expect(oauth2ClientCredentialsAuth.publicText?.(DEF)).toEqual(["/connect/token"]);
  });

  it("asks the token host for a client_credentials token with the spec's scope, then sends it as a Bearer", async () => {
    const endpoint = tokenEndpoint({ access_token: "tok-1", expires_in: 3600 });
    const scheme = oauth2ClientCredentialsAuth.create(DEF, contextFor(DEF, CREDENTIALS, endpoint.send));
    expect(await scheme.headers?.(op(), request)).toEqual({ authorization: "Bearer tok-1" });
    expect(await scheme.headers?.(op({ id: "other" }), request)).toEqual({ authorization: "Bearer tok-1" });
    expect(endpoint.calls).toHaveLength(1);
    const [call] = endpoint.calls;
    expect(call?.request).toMatchObject({ method: "POST", url: "https://auth.acme.test/connect/token" });
    expect(call?.request.headers).toMatchObject({ "content-type": "application/x-www-form-urlencoded" });
    expect(form(call?.request as WireRequest)).toEqual({
      grant_type: "client_credentials",
      client_id: "client-1",
      client_secret: "secret-1",
      scope: "wallet.api",
    });
    // Asking for a token changes nothing at the provider: its failures are never "outcome unknown".
    expect(call?.op).toMatchObject({ safe: true, body: "form", host: "auth", path: "/connect/token" });
  });

  it("lets the client's scope option override the spec's", async () => {
    const endpoint = tokenEndpoint({ access_token: "tok-1" });
    const scheme = oauth2ClientCredentialsAuth.create(DEF, contextFor(DEF, { ...CREDENTIALS, scope: "business.api" }, endpoint.send));
    await scheme.headers?.(op(), request);
    expect(form(endpoint.calls[0]?.request as WireRequest).scope).toBe("business.api");
  });

  it("sends no Authorization to the token endpoint itself (its credentials are in the form)", async () => {
    const endpoint = tokenEndpoint();
    const scheme = oauth2ClientCredentialsAuth.create(DEF, contextFor(DEF, CREDENTIALS, endpoint.send));
    expect(await scheme.headers?.(op({ host: "auth", path: "/connect/token" }), request)).toEqual({});
    expect(endpoint.calls).toHaveLength(0);
  });

  it("after a 401 drops the token that was used and asks for a new one, once", async () => {
    const endpoint = tokenEndpoint({ access_token: "tok-1", expires_in: 3600 }, { access_token: "tok-2", expires_in: 3600 });
    const scheme = oauth2ClientCredentialsAuth.create(DEF, contextFor(DEF, CREDENTIALS, endpoint.send));
    const used = (await scheme.headers?.(op(), request)) as Record<string, string>;
    expect(scheme.onUnauthorized?.(used)).toBe(true);
    expect(await scheme.headers?.(op(), request)).toEqual({ authorization: "Bearer tok-2" });
    expect(endpoint.calls).toHaveLength(2);
    // A request that carried no token is not worth a retry.
    expect(scheme.onUnauthorized?.({})).toBe(false);
  });

  it("an answer without an access_token is an authentication error, and the next call asks again", async () => {
    const endpoint = tokenEndpoint({ token_type: "bearer" }, { access_token: "tok-2" });
    const scheme = oauth2ClientCredentialsAuth.create(DEF, contextFor(DEF, CREDENTIALS, endpoint.send));
    const e = await Promise.resolve(scheme.headers?.(op(), request)).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(OdemeError);
    expect(e).toMatchObject({ code: "authentication", outcome: "rejected", operation: "token" });
    expect(await scheme.headers?.(op(), request)).toEqual({ authorization: "Bearer tok-2" });
  });

  it("needs clientId and clientSecret when the client is made", () => {
    expect(thrown(() => oauth2ClientCredentialsAuth.create(DEF, contextFor(DEF, { clientId: "c" })))).toMatchObject({
      code: "invalid_request",
      field: "clientSecret",
    });
  });

  it("reads the token endpoint's answers as plain OAuth JSON, mapping invalid_client to authentication", async () => {
    const endpoint = tokenEndpoint({ access_token: "t" });
    await oauth2ClientCredentialsAuth.create(DEF, contextFor(DEF, CREDENTIALS, endpoint.send)).headers?.(op(), request);
    const tokenOp = endpoint.calls[0]?.op;
    expect(tokenOp?.envelope).toEqual({ code: "error", message: "error_description" });
    expect(tokenOp?.errors).toMatchObject({ invalid_client: "authentication", invalid_scope: "authentication" });
    // The spec's own token operation gets the same envelope; any other operation keeps the provider's.
    expect(oauth2ClientCredentialsAuth.envelopeFor?.(DEF, op({ host: "auth", path: "/connect/token" }))).toEqual({
      code: "error",
      message: "error_description",
    });
    expect(oauth2ClientCredentialsAuth.envelopeFor?.(DEF, op())).toBeUndefined();
  });

  it("marks the token and the client secret as secret names", () => {
    expect(oauth2ClientCredentialsAuth.secretNames(DEF)).toEqual(
      expect.arrayContaining(["authorization", "client_secret", "access_token", "refresh_token"]),
    );
    expect(oauth2ClientCredentialsAuth.credentials(DEF)).toEqual(["clientId", "clientSecret"]);
  });
});
