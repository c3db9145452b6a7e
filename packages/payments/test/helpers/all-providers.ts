/** Every provider configured against one fake fetch, for tests that must show nothing reached the wire. */
import { createPayments } from "../../src/index.ts";
import { fakeProvider } from "./fake-fetch.ts";

export const CONFIG = {
  iyzico: { apiKey: "a", secretKey: "s", baseUrl: "http://x.test" },
  paywall: { apiKeyPublic: "a", apiClientPublic: "b", apiKeyPrivate: "c", apiClientPrivate: "d", baseUrl: "http://x.test" },
  dineropay: { merchantKey: "m", password: "p", baseUrl: "http://x.test" },
  parolapay: { username: "u", password: "p", baseUrl: "http://x.test" },
  "sipay-wallet": { clientId: "c", clientSecret: "s", baseUrl: "http://x.test" },
} as const;

export function everything() {
  const fake = fakeProvider();
  return { fake, payments: createPayments({ ...CONFIG, fetch: fake.fetch }) };
}
