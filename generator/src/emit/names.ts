import { AUTH_SCHEMES, type AuthDefinition, type AuthSchemeModule } from "@odeme/core";
export function pascal(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

export function camel(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Credential option names a client needs: the auth scheme's module in @odeme/core owns them. */
export function credentialOptions(auth: AuthDefinition): string[] {
  return schemeOf(auth).credentials(auth as never);
}

/** Options besides credentials the scheme takes (iyzico's injectable `randomKey`). */
export function extraAuthOptions(auth: AuthDefinition): readonly { name: string; type: string; doc: string }[] {
  return schemeOf(auth).extraOptions(auth as never);
}

/** Body fields the scheme fills in (DineroPay's merchant key and hash): not the caller's to pass. */
export function autoFilledFields(auth: AuthDefinition): string[] {
  return schemeOf(auth).autoFilledFields(auth as never);
}

/** The response field a scheme that verifies signed answers reads the signature from; undefined for the others. */
export function responseSignatureField(auth: AuthDefinition): string | undefined {
  return schemeOf(auth).responseSignatureField?.(auth as never);
}

/** The export of @odeme/core that implements the scheme: "iyzws-v2" -> `iyzwsV2Auth`. */
export function authModuleExport(auth: AuthDefinition): string {
  return `${camel(auth.scheme)}Auth`;
}

/**
 * The export a generated client imports: the scheme's runtime half (`iyzwsV2AuthRuntime`), so a
 * bundle of the client leaves out what only this generator reads.
 */
export function authRuntimeExport(auth: AuthDefinition): string {
  return `${authModuleExport(auth)}Runtime`;
}

function schemeOf(auth: AuthDefinition): AuthSchemeModule {
  return AUTH_SCHEMES[auth.scheme] as AuthSchemeModule;
}

/** "a" or "an" before a provider name, by its first letter ("an iyzico client", "a Paywall client"). */
export function article(name: string): string {
  return /^[aeiou]/i.test(name) ? "an" : "a";
}
