/** DineroPay's public API and its entry in the provider registry (how to start it, what the CLI seeds). */
import { defineProvider } from "../../kit/registration.ts";
import { seedDemo } from "./seed.ts";
import { startDineroPaySimulator } from "./simulator.ts";

export * from "./simulator.ts";

export const dineropayProvider = defineProvider("dineropay", "DineroPay", {
  credentialNames: ["merchantKey", "password"],
  start: startDineroPaySimulator,
  seedDemo,
});
