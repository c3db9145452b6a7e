/** Raw HTTP calls to the Parolapay simulator with global fetch, independent of @odeme/core. */
import type { ParolapaySimulator } from "../../../src/providers/parolapay/index.ts";

export interface CallOptions {
  method?: "GET" | "POST" | "DELETE";
  username?: string;
  password?: string;
  /** Send no Authorization header at all. */
  noAuth?: boolean;
  signal?: AbortSignal;
}

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}

/** Sends a request; a body makes it a POST unless `method` says otherwise. Returns status, parsed JSON and headers. */
export async function call(sim: ParolapaySimulator, path: string, body?: object, options: CallOptions = {}) {
  const response = await send(sim, path, body, options);
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

export function send(sim: ParolapaySimulator, path: string, body?: object, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (!options.noAuth)
    headers.authorization = basic(options.username ?? sim.credentials.username, options.password ?? sim.credentials.password);
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${sim.url}${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** A Luhn-valid Visa test number and the card fields every card request needs. */
export const CARD = { card_holder: "Ayşe Yılmaz", card_number: "4111111111111111", card_expiry: "12/30", card_cvv: "123" } as const;

let refs = 0;
/** A createPayment body with a fresh merchant_ref. */
export function createBody(amount = 5000, extra: object = {}) {
  refs += 1;
  return { ...CARD, order_reference: `O-${refs}`, amount, currency: "TRY", merchant_ref: `M-${Date.now()}-${refs}`, ...extra };
}

/** Creates an intent over HTTP and verifies its OTP: an authorized intent. */
export async function authorizedIntent(sim: ParolapaySimulator, amount = 5000): Promise<string> {
  const created = await call(sim, "/parolapay/pay", createBody(amount));
  const id = String(created.json.id);
  const verified = await call(sim, "/parolapay/otp/verify", { intent_id: id, otp: sim.otp });
  if (verified.json.status !== "authorized") throw new Error(`could not authorize: ${JSON.stringify(verified.json)}`);
  return id;
}
