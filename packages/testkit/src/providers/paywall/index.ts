/** Paywall's public API and its entry in the provider registry (how to start it, what the CLI seeds). */
import { defineProvider } from "../../kit/registration.ts";
import { seedDemo } from "./seed.ts";
import { startPaywallSimulator } from "./simulator.ts";

export * from "./simulator.ts";

export const paywallProvider = defineProvider("paywall", "Paywall", {
  credentialNames: ["apiKeyPublic", "apiClientPublic", "apiKeyPrivate", "apiClientPrivate"],
  start: startPaywallSimulator,
  seedDemo,
});
