/**
 * The registry of auth schemes, for code that needs all of them (the generator, the facade, the
 * scrubber). A generated client imports only its own scheme's module, so a bundle carries one.
 */
import type { AuthDefinition } from "../definition.ts";
import { akuratecoHashAuth } from "./akurateco-hash.ts";
import { basicAuth } from "./basic.ts";
import { headersAuth } from "./headers.ts";
import { iyzwsV2Auth } from "./iyzws-v2.ts";
import { oauth2ClientCredentialsAuth } from "./oauth2-client-credentials.ts";
import type { AuthSchemeModule } from "./scheme.ts";

export type {
  AnyAuthSchemeModule,
  AnyAuthSchemeRuntime,
  AuthContext,
  AuthOptions,
  AuthScheme,
  AuthSchemeModule,
  AuthSchemeRuntime,
  HmacSha256Factory,
  ResponseSignatureProblem,
  SignedOperation,
} from "./scheme.ts";

export const AUTH_SCHEMES: { readonly [S in AuthDefinition["scheme"]]: AuthSchemeModule<S> } = {
  "iyzws-v2": iyzwsV2Auth,
  headers: headersAuth,
  "akurateco-hash": akuratecoHashAuth,
  basic: basicAuth,
  "oauth2-client-credentials": oauth2ClientCredentialsAuth,
};

/** The scheme module of a definition, typed to it. */
export function authSchemeOf<S extends AuthDefinition["scheme"]>(def: Extract<AuthDefinition, { scheme: S }>): AuthSchemeModule<S> {
  return AUTH_SCHEMES[def.scheme as S];
}

/** The Authorization-value prefixes of every scheme, for masking text that no one client's scrubber sees. */
export function authValuePrefixes(): string[] {
  return Object.values(AUTH_SCHEMES).flatMap((s) => [...(s.authValuePrefixes ?? [])]);
}

/** Every name (header or body field) a provider's auth scheme makes secret, for the scrubber. */
export function authSecretNames(def: AuthDefinition): string[] {
  return (AUTH_SCHEMES[def.scheme] as AuthSchemeModule).secretNames(def as never);
}
