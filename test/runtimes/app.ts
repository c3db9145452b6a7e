/**
 * What every runtime test runs: one iyzico refund and one DineroPay refund against the simulators,
 * with the clients as a user's bundle gets them. `ODEME_INPUT` is replaced by esbuild at bundle time.
 */
import { createDineroPayClient } from "@odeme/dineropay";
import { createIyzicoClient } from "@odeme/iyzico";

export interface RuntimeInput {
  iyzico: { url: string; apiKey: string; secretKey: string; paymentId: string };
  dineropay: { url: string; merchantKey: string; password: string; paymentId: string };
  /** A loopback port nothing listens on (not one of fetch's blocked ports). */
  closedUrl: string;
}

declare const ODEME_INPUT: RuntimeInput;

export async function refundBoth(): Promise<{ iyzico: unknown; dineropay: unknown; notSent: unknown; refused: unknown }> {
  const { iyzico: i, dineropay: d, closedUrl } = ODEME_INPUT;
  const iyzico = createIyzicoClient({ apiKey: i.apiKey, secretKey: i.secretKey, baseUrl: i.url });
  const refunded = await iyzico.refundV2({ paymentId: i.paymentId, price: "1.5", conversationId: "runtime-1", currency: "TRY" });
  const dinero = createDineroPayClient({ merchantKey: d.merchantKey, password: d.password, baseUrl: d.url });
  const accepted = await dinero.refund({ payment_id: d.paymentId, amount: "2.5" });
  // A failure path too: a refused connection must be an OdemeError saying nothing was sent.
  const closed = createIyzicoClient({ apiKey: i.apiKey, secretKey: i.secretKey, baseUrl: closedUrl, maxRetries: 0 });
  // A write to it: only evidence that nothing was sent may make it anything but outcome_unknown.
  const refused = await closed.refundV2({ paymentId: i.paymentId, price: "1.0", conversationId: "runtime-2" }).then(
    () => "resolved",
    (e: { name?: string; code?: string; outcome?: string }) => ({ name: e.name, code: e.code, outcome: e.outcome }),
  );
  const notSent = await closed.test().then(
    () => "resolved",
    (e: { name?: string; code?: string; outcome?: string }) => ({ name: e.name, code: e.code, outcome: e.outcome }),
  );
  return { iyzico: { status: refunded.status, price: refunded.price }, dineropay: accepted, notSent, refused };
}
