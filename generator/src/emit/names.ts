export function pascal(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

export function camel(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Credential option names a client needs, by auth scheme (documented in specs/README.md). */
export function credentialOptions(auth: { scheme: string; sets?: Record<string, Record<string, string>> }): string[] {
  switch (auth.scheme) {
    case "iyzws-v2":
      return ["apiKey", "secretKey"];
    case "headers":
      return [...new Set(Object.values(auth.sets ?? {}).flatMap((s) => Object.values(s)))];
    case "akurateco-hash":
      return ["merchantKey", "password"];
    case "basic":
      return ["username", "password"];
    case "oauth2-client-credentials":
      return ["clientId", "clientSecret"];
    default:
      return [];
  }
}

/** "a" or "an" before a provider name, by its first letter ("an iyzico client", "a Paywall client"). */
export function article(name: string): string {
  return /^[aeiou]/i.test(name) ? "an" : "a";
}
