/**
 * A tiny Paywall caller for the tests, with global fetch and no @odeme/core: the header pair is
 * chosen per call, so tests can send the wrong pair, a wrong key or none.
 */
import type { PaywallSimulator } from "../../../src/providers/paywall/simulator.ts";

export type HeaderSet = "public" | "private" | "none";

export interface PaywallCallOptions {
  method?: "GET" | "POST";
  /** Which pair to send; default private for /private/ paths, public otherwise. */
  set?: HeaderSet;
  /** Extra or overriding headers (e.g. a wrong apikeyprivate, or inquiry inputs). */
  headers?: Record<string, string>;
  /** Sent as is instead of JSON.stringify(body). */
  raw?: string;
}

export interface PaywallAnswer {
  status: number;
  json: { ErrorCode: number; Result: boolean; Message: string | null; Body: any; [k: string]: unknown };
  headers: Headers;
}

export function pairHeaders(sim: PaywallSimulator, set: HeaderSet): Record<string, string> {
  const c = sim.credentials;
  if (set === "public") return { apikeypublic: c.apiKeyPublic, apiclientpublic: c.apiClientPublic };
  if (set === "private") return { apikeyprivate: c.apiKeyPrivate, apiclientprivate: c.apiClientPrivate };
  return {};
}

export async function call(sim: PaywallSimulator, path: string, body?: object, options: PaywallCallOptions = {}): Promise<PaywallAnswer> {
  const set = options.set ?? (path.includes("/private/") ? "private" : "public");
  const text = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const response = await fetch(`${sim.url}${path}`, {
    method: options.method ?? (text === undefined ? "GET" : "POST"),
    headers: { ...pairHeaders(sim, set), ...(text !== undefined ? { "content-type": "application/json" } : {}), ...options.headers },
    ...(text !== undefined ? { body: text } : {}),
  });
  return { status: response.status, json: (await response.json()) as PaywallAnswer["json"], headers: response.headers };
}

/** GET private/query/by/paymentid -> Body.Paywall. */
export async function inquiry(sim: PaywallSimulator, paymentId: number) {
  const { json } = await call(sim, "/api/paywall/private/query/by/paymentid", undefined, { headers: { paymentid: String(paymentId) } });
  if (json.ErrorCode !== 0) throw new Error(`inquiry failed: ${json.ErrorCode} ${json.Message}`);
  return json.Body.Paywall as Record<string, unknown>;
}

export const DIRECT_PAYMENT = (merchantUniqueCode: string, amount = 101.5) => ({
  PaymentDetail: {
    Amount: amount,
    MerchantUniqueCode: merchantUniqueCode,
    CurrencyId: 1,
    Installment: 1,
    ChannelId: 1,
    ClientIP: "203.0.113.10",
  },
  Card: { OwnerName: "Ayse Yilmaz", Number: "4022774022774026", ExpireMonth: "12", ExpireYear: "2030", Cvv: "000" },
  Customer: {
    FullName: "Ayse Yilmaz",
    Phone: "+905551112233",
    Email: "ayse@example.com",
    Country: "Turkey",
    City: "Istanbul",
    Address: "Kadikoy",
  },
  Products: [{ ProductId: "p-1", ProductName: "Book", ProductCategory: "Books", ProductDescription: "Paperback", ProductAmount: amount }],
});
