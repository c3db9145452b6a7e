/**
 * A tiny DineroPay signer for the tests, separate from the simulator's verifier and from
 * @odeme/core, checked against the vectors of providers.md §4 in hash.test.ts.
 */
import { createHash } from "node:crypto";
import type { DineroPaySimulator } from "../../../src/providers/dineropay/simulator.ts";

export function signature(fields: string[], password: string): string {
  const md5 = createHash("md5")
    .update((fields.join("") + password).toUpperCase())
    .digest("hex");
  return createHash("sha1").update(md5).digest("hex");
}

/** The hash fields of each path (specs/dineropay.yaml x-odeme-hash-fields). */
const FIELDS: Record<string, (b: any) => unknown[]> = {
  "/api/v1/session": (b) => [b.order?.number, b.order?.amount, b.order?.currency, b.order?.description],
  "/api/v1/payment/status": (b) => [b.payment_id, b.order_id],
  "/api/v1/payment/refund": (b) => [b.payment_id, b.amount],
  "/api/v1/payment/void": (b) => [b.payment_id],
  "/api/v1/payment/recurring": (b) => [
    b.recurring_init_trans_id,
    b.recurring_token,
    b.order?.number,
    b.order?.amount,
    b.order?.description,
  ],
};

export interface SendOptions {
  merchantKey?: string;
  password?: string;
  /** Changes the body after it was signed. */
  tamper?: (signed: Record<string, unknown>) => Record<string, unknown>;
  raw?: string;
}

export interface DineroPayAnswer {
  status: number;
  json: any;
  headers: Headers;
}

export async function call(
  sim: DineroPaySimulator,
  path: string,
  body: Record<string, unknown>,
  options: SendOptions = {},
): Promise<DineroPayAnswer> {
  const fields = (FIELDS[path]?.(body) ?? []).map((v) => (v === undefined || v === null ? "" : String(v)));
  let signed: Record<string, unknown> = {
    ...body,
    merchant_key: options.merchantKey ?? sim.credentials.merchantKey,
    hash: signature(fields, options.password ?? sim.credentials.password),
  };
  if (options.tamper) signed = options.tamper(signed);
  const response = await fetch(`${sim.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: options.raw ?? JSON.stringify(signed),
  });
  return { status: response.status, json: await response.json(), headers: response.headers };
}

export const status = (sim: DineroPaySimulator, paymentId: string) => call(sim, "/api/v1/payment/status", { payment_id: paymentId });
export const refund = (sim: DineroPaySimulator, paymentId: string, amount?: string) =>
  call(sim, "/api/v1/payment/refund", { payment_id: paymentId, ...(amount !== undefined ? { amount } : {}) });
export const voidPayment = (sim: DineroPaySimulator, paymentId: string) => call(sim, "/api/v1/payment/void", { payment_id: paymentId });

/** DineroPay's 400 with one field error. */
export const fieldError = (field: string, message: string) => ({
  error_code: 0,
  error_message: "Request data is invalid.",
  errors: [{ error_code: 100000, error_message: `${field}: ${message}` }],
});
