/**
 * One facade for the webhook tests: every provider with a signature scheme configured with the
 * secret its worked example is signed with, and a way to take the error a verify throws.
 */
import { createPayments, type OdemeError } from "../../src/index.ts";

// iyzico's worked examples (iyzipay-php samples/webhook_Signature_Validation.php).
export const IYZICO_SECRET = "sandbox-UuLnD7wZa0a3DmytfIrwHQqAMfqCNJrs";
export const PAYWALL_HASH_KEY = "paywall-3d-hash-key";
export const DINERO_PASSWORD = "dinero-password";

export const payments = createPayments({
  iyzico: { apiKey: "api", secretKey: IYZICO_SECRET },
  paywall: { apiKeyPublic: "a", apiClientPublic: "b", apiKeyPrivate: "c", apiClientPrivate: "d", hashKey: PAYWALL_HASH_KEY },
  dineropay: { merchantKey: "m", password: DINERO_PASSWORD, environment: "live" }, // never called: the webhook checks are local
});

export function failure(run: () => unknown): OdemeError {
  try {
    run();
  } catch (error) {
    return error as OdemeError;
  }
  throw new Error("expected verify to throw");
}
