/** Raw HTTP calls to the Sipay Wallet simulator with global fetch, independent of @odeme/core. */
import type { SipayWalletSimulator } from "../../../src/providers/sipay-wallet/index.ts";

export interface TokenForm {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  scope?: string;
}

/** POST /connect/token with a form body (defaults: the simulator's credentials, scope sts_api). */
export async function requestToken(sim: SipayWalletSimulator, form: TokenForm = {}) {
  const fields = {
    grant_type: "client_credentials",
    client_id: sim.credentials.clientId,
    client_secret: sim.credentials.clientSecret,
    scope: "sts_api",
    ...form,
  };
  const body = new URLSearchParams(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
  const response = await fetch(`${sim.url}/connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** A valid access token. */
export async function token(sim: SipayWalletSimulator): Promise<string> {
  const { json } = await requestToken(sim);
  if (typeof json.access_token !== "string") throw new Error(`no token: ${JSON.stringify(json)}`);
  return json.access_token;
}

/** POSTs a JSON body (or raw text) to the API with a Bearer token; returns status, parsed JSON and headers. */
export async function api(sim: SipayWalletSimulator, path: string, body: object | string, bearer: string | undefined) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
  const response = await fetch(`${sim.url}${path}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** The fields of a payment from the demo personal wallet to the demo business wallet. */
export function paymentBody(sim: SipayWalletSimulator, amount: number, ext: string, extra: object = {}) {
  return {
    sender_account_number: sim.wallets.personal.accountNumber,
    sender_wallet_number: sim.wallets.personal.walletNumber,
    ext_transaction_id: ext,
    currency_code: "TRY",
    amount,
    receiver_wallet_number: sim.wallets.business.walletNumber,
    ...extra,
  };
}
