/** A small provider definition for the transport's stage tests: one of each shape the specs use. */
import type { OperationDefinition, ProviderDefinition } from "../../src/definition.ts";

export const PROVIDER: ProviderDefinition = {
  id: "acme",
  name: "Acme",
  environments: { sandbox: { api: "https://sandbox.acme.test/" }, live: { api: "https://acme.test" } },
  defaultEnvironment: "sandbox",
  defaultHost: "api",
  auth: { scheme: "headers", sets: { main: { "x-key": "apiKey" } } },
  envelope: { success: { field: "status", equals: "ok" }, code: "errorCode", message: "errorMessage" },
  money: { unit: "major", wire: "string", minFractionDigits: 1, maxFractionDigits: 2 },
  errors: { E1: "not_found" },
  secretFields: ["pin"],
};

export const WRITE: OperationDefinition = {
  id: "refund",
  method: "post",
  path: "/refund",
  host: "api",
  safe: false,
  body: "json",
  money: ["price", "items[].price"],
};
export const READ: OperationDefinition = { id: "detail", method: "post", path: "/detail", host: "api", safe: true, body: "json" };
