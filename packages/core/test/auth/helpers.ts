/** A provider definition and an auth context for one scheme, as a generated client builds them. */
import type { AuthDefinition, OperationDefinition, ProviderDefinition } from "../../src/definition.ts";
import type { AuthContext, AuthOptions } from "../../src/auth/scheme.ts";
import { OdemeError } from "../../src/errors.ts";

export function providerWith(auth: AuthDefinition): ProviderDefinition {
  return {
    id: "acme",
    name: "Acme",
    environments: { sandbox: { api: "https://sandbox.acme.test" } },
    defaultHost: "api",
    auth,
    envelope: {},
    money: { unit: "major", wire: "string" },
    errors: {},
    secretFields: [],
  };
}

export const op = (over: Partial<OperationDefinition> = {}): OperationDefinition => ({
  id: "refund",
  method: "post",
  path: "/refund",
  host: "api",
  safe: false,
  body: "json",
  ...over,
});

export function contextFor(auth: AuthDefinition, options: AuthOptions, send: AuthContext["send"] = async () => undefined): AuthContext {
  return { provider: providerWith(auth), options, send, hostUrl: (host) => `https://${host}.acme.test`, hmacSha256: () => () => "" };
}

/** The OdemeError `run` throws (synchronously); fails the test when it returns. */
export function thrown(run: () => unknown): OdemeError {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  if (!(error instanceof OdemeError)) throw new Error(`expected an OdemeError, got ${String(error)}`);
  return error;
}
