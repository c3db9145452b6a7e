/**
 * The leak scan's shared parts: one set of high-entropy credentials per provider, what each
 * provider's generated client and the facade are driven with, and the search: every output form
 * of an error (message, raw, cause chain, stack, toJSON, util.inspect) and every log event,
 * searched for every configured secret, its derived forms (upper case, URL encoding, base64 at
 * each byte alignment, the HTTP Basic pair) and the secret values seen on the wire (header values,
 * signed fields, bearer and refresh tokens), and for every 8-character piece of all of them.
 *
 * The needles are derived here independently of packages/core/src/scrub, so a form the scrubber
 * forgot is a hit, not a blind spot shared by both.
 */
import { inspect } from "node:util";
import { createDineroPayClient } from "../../packages/dineropay/src/index.ts";
import { createIyzicoClient } from "../../packages/iyzico/src/index.ts";
import { createParolapayClient } from "../../packages/parolapay/src/index.ts";
import { createPaywallClient } from "../../packages/paywall/src/index.ts";
import { createSipayWalletClient } from "../../packages/sipay-wallet/src/index.ts";
import { createPayments, parseMoney, type PaymentsOptions } from "../../packages/payments/src/index.ts";
import type { LogEvent } from "../../packages/core/src/index.ts";

export const PIECE = 8;
export const CUTS = [120, 200, 500] as const;

/** A fixed pseudo-random base62 string: realistic keys, the same in every run. */
function randomKey(seed: number, length = 32): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let x = seed >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out += alphabet[(x >>> 8) % alphabet.length];
  }
  return out;
}

export type ProviderId = "iyzico" | "paywall" | "dineropay" | "parolapay" | "sipay-wallet";
export const PROVIDERS: readonly ProviderId[] = ["iyzico", "paywall", "dineropay", "parolapay", "sipay-wallet"];

/** The credentials each client is configured with; DineroPay's merchant key is a UUID as issued. */
export const SECRETS = {
  iyzico: { apiKey: randomKey(101), secretKey: randomKey(102) },
  paywall: {
    apiKeyPublic: randomKey(201),
    apiClientPublic: randomKey(202),
    apiKeyPrivate: randomKey(203),
    apiClientPrivate: randomKey(204),
  },
  dineropay: { merchantKey: "8f3e2c1a-7b6d-4e59-a1c8-3d2f9e7b6a51", password: randomKey(302, 24) },
  parolapay: { username: `mrc_${randomKey(401, 12)}`, password: randomKey(402, 28) },
  "sipay-wallet": { clientId: randomKey(501, 24), clientSecret: randomKey(502, 40) },
} as const;
/** Paywall's webhook key: the facade holds it, no request carries it. */
export const PAYWALL_HASH_KEY = randomKey(205);
/** A second set, for authentication failures against a simulator that accepts only SECRETS. */
export const WRONG = Object.fromEntries(
  PROVIDERS.map((p, i) => [
    p,
    Object.fromEntries(
      Object.keys(SECRETS[p]).map((k, j) => [
        k,
        k === "merchantKey" ? "0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f" : randomKey(900 + i * 10 + j),
      ]),
    ),
  ]),
) as unknown as typeof SECRETS;

/** Facade references of a payment the simulators do not know (a 4xx) and the fakes accept. */
export const REFS = {
  iyzico: { paymentId: "12345678" },
  paywall: { merchantUniqueCode: "order-leak-1" },
  dineropay: { paymentId: "63c781cc-de3d-11eb-a1f1-0242ac130006" },
  parolapay: { intentId: "pi_0123456789abcdef01234567" },
  "sipay-wallet": { transactionId: "7440022202222222022" },
} as const;

/** What a refund names besides the reference (Paywall's refund endpoint wants the payment's date). */
const REFUND_EXTRA: Partial<Record<ProviderId, Record<string, string>>> = { paywall: { date: "2024-06-12" } };

export interface Surface {
  name: string;
  run(): Promise<unknown>;
}

export interface Drive {
  fetch?: (request: Request) => Promise<Response>;
  baseUrl: string;
  logger: (event: LogEvent) => void;
  timeoutMs: number;
}

type AnyClient = Record<string, (body: unknown) => Promise<unknown>>;

function client(provider: ProviderId, credentials: Record<string, string>, drive: Drive): AnyClient {
  const options = {
    ...credentials,
    baseUrl: drive.baseUrl,
    logger: drive.logger,
    timeoutMs: drive.timeoutMs,
    maxRetries: 0,
    ...(drive.fetch ? { fetch: drive.fetch } : {}),
  };
  switch (provider) {
    case "iyzico":
      return createIyzicoClient(options as never) as unknown as AnyClient;
    case "paywall":
      return createPaywallClient(options as never) as unknown as AnyClient;
    case "dineropay":
      return createDineroPayClient(options as never) as unknown as AnyClient;
    case "parolapay":
      return createParolapayClient(options as never) as unknown as AnyClient;
    case "sipay-wallet":
      return createSipayWalletClient(options as never) as unknown as AnyClient;
  }
}

/** One read and one write of each generated client, with inputs the transport sends as they are. */
const CLIENT_CALLS: Record<ProviderId, { read: [string, unknown]; write: [string, unknown] }> = {
  iyzico: {
    read: ["retrievePayment", { paymentId: "12345678" }],
    write: ["refund", { paymentTransactionId: "87654321", price: "1.0", ip: "85.34.78.112", currency: "TRY", conversationId: "c-1" }],
  },
  paywall: {
    read: ["queryPayment", { header: { merchantuniquecode: "order-leak-1" } }],
    write: ["cancel", { MerchantUniqueCode: "order-leak-1" }],
  },
  dineropay: {
    read: ["getPaymentStatus", { payment_id: REFS.dineropay.paymentId }],
    write: ["refund", { payment_id: REFS.dineropay.paymentId, amount: "1.00" }],
  },
  parolapay: {
    read: ["status", { intent_id: REFS.parolapay.intentId }],
    write: ["cancel", { intent_id: REFS.parolapay.intentId, merchant_ref: "k-1" }],
  },
  "sipay-wallet": {
    read: ["transactionReceipt", { id: REFS["sipay-wallet"].transactionId }],
    write: ["refundPaymentInstant", { transaction_id: REFS["sipay-wallet"].transactionId, ext_transaction_id: "k-1" }],
  },
};

function facadeOptions(provider: ProviderId, credentials: Record<string, string>, drive: Drive): PaymentsOptions {
  const config = { ...credentials, baseUrl: drive.baseUrl, ...(provider === "paywall" ? { hashKey: PAYWALL_HASH_KEY } : {}) };
  return {
    [provider]: config,
    logger: drive.logger,
    timeoutMs: drive.timeoutMs,
    resendGraceMs: 0,
    ...(drive.fetch ? { fetch: drive.fetch } : {}),
  } as PaymentsOptions;
}

/** The four ways an error reaches a merchant: each generated client's read and write, the facade's retrieve and refund. */
export function surfaces(provider: ProviderId, drive: Drive, credentials: Record<string, string> = SECRETS[provider]): Surface[] {
  const calls = CLIENT_CALLS[provider];
  let key = 0;
  return [
    { name: `client ${calls.read[0]}`, run: () => client(provider, credentials, drive)[calls.read[0]]!(calls.read[1]) },
    { name: `client ${calls.write[0]}`, run: () => client(provider, credentials, drive)[calls.write[0]]!(calls.write[1]) },
    {
      name: "facade retrieve",
      run: () => createPayments(facadeOptions(provider, credentials, drive)).retrieve({ provider, payment: REFS[provider] } as never),
    },
    {
      name: "facade refund",
      run: () =>
        createPayments(facadeOptions(provider, credentials, drive)).refund({
          provider,
          payment: { ...REFS[provider], ...REFUND_EXTRA[provider] },
          amount: parseMoney("1.00", "TRY"),
          idempotencyKey: `leak-${++key}`,
        } as never),
    },
  ];
}

// ---- needles -------------------------------------------------------------------------------

/** base64 of `value` inside any longer string, at each of the three byte alignments (stable characters only). */
function base64Inside(value: string): string[] {
  const out: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const bytes = Buffer.concat([Buffer.alloc(pad, 0x41), Buffer.from(value, "utf8")]);
    const text = bytes.toString("base64").replace(/=+$/, "");
    const from = pad === 0 ? 0 : 4;
    const to = bytes.length % 3 === 0 ? text.length : Math.floor(bytes.length / 3) * 4;
    const stable = text.slice(from, to);
    out.push(stable, stable.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return out;
}

export class Needles {
  readonly #pieces = new Map<string, string>();
  readonly #whole = new Set<string>();

  /** Adds a secret value and its derived forms, under a label that says where it came from. */
  add(label: string, value: string, derive = true): void {
    if (value.length < PIECE) return;
    const forms = derive ? [value, value.toUpperCase(), value.toLowerCase(), encodeURIComponent(value), ...base64Inside(value)] : [value];
    for (const form of forms) {
      if (form.length < PIECE || this.#whole.has(form)) continue;
      this.#whole.add(form);
      for (let i = 0; i + PIECE <= form.length; i++)
        if (!this.#pieces.has(form.slice(i, i + PIECE))) this.#pieces.set(form.slice(i, i + PIECE), label);
    }
  }

  /** Header values and fields seen on the wire: the credential after its scheme, whole. */
  addWire(label: string, value: string | null | undefined): void {
    if (!value) return;
    const m = /^(?:Basic|Bearer|IYZWSv2)\s+(.+)$/.exec(value);
    this.add(label, m?.[1] ?? value, false);
  }

  get forms(): number {
    return this.#whole.size;
  }

  get pieces(): number {
    return this.#pieces.size;
  }

  /** Every 8-character window of `text` that is a piece of a needle. */
  hits(text: string): { piece: string; from: string; at: number }[] {
    const out: { piece: string; from: string; at: number }[] = [];
    for (let i = 0; i + PIECE <= text.length; i++) {
      const from = this.#pieces.get(text.slice(i, i + PIECE));
      if (from !== undefined) out.push({ piece: text.slice(i, i + PIECE), from, at: i });
    }
    return out;
  }
}

/** The configured secrets of every provider (any of them showing up anywhere is a leak). */
export function configuredNeedles(): Needles {
  const needles = new Needles();
  for (const p of PROVIDERS) for (const [k, v] of Object.entries(SECRETS[p])) needles.add(`${p}.${k}`, v);
  for (const p of PROVIDERS) for (const [k, v] of Object.entries(WRONG[p])) needles.add(`${p}.${k} (wrong)`, v);
  needles.add("paywall.hashKey", PAYWALL_HASH_KEY);
  for (const creds of [SECRETS.parolapay, WRONG.parolapay]) {
    needles.add("parolapay Basic pair", `${creds.username}:${creds.password}`);
    needles.add("parolapay Basic header", Buffer.from(`${creds.username}:${creds.password}`).toString("base64"), false);
  }
  for (const creds of [SECRETS.iyzico, WRONG.iyzico]) needles.add("iyzico IYZWSv2 apiKey part", `apiKey:${creds.apiKey}&randomKey:`);
  return needles;
}

/** Request headers and fields that carry a credential or something signed with one. */
const WIRE_HEADERS = ["authorization", "apikeypublic", "apiclientpublic", "apikeyprivate", "apiclientprivate"];
const WIRE_FIELDS = ["merchant_key", "hash", "client_secret", "client_id"];

/** Learns what a request put on the wire (the per-request IYZWSv2 header, the DineroPay hash, the token form). */
export async function recordWire(needles: Needles, request: Request): Promise<{ text: string; headers: Record<string, string> }> {
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => (headers[k] = v));
  for (const h of WIRE_HEADERS) needles.addWire(`wire header ${h}`, request.headers.get(h));
  const text = request.body === null ? "" : await request.clone().text();
  let fields: Record<string, unknown> = {};
  try {
    fields = (request.headers.get("content-type") ?? "").includes("form")
      ? Object.fromEntries(new URLSearchParams(text))
      : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    fields = {};
  }
  for (const f of WIRE_FIELDS) if (typeof fields[f] === "string") needles.addWire(`wire field ${f}`, fields[f] as string);
  return { text, headers };
}

// ---- output forms -------------------------------------------------------------------------

const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : x)) ?? String(v);

/** Every form in which an error or a log line leaves the library. */
export function outputForms(error: unknown, events: readonly unknown[]): [string, string][] {
  const forms: [string, string][] = [];
  if (error instanceof Error) {
    const e = error as Error & {
      toJSON?: () => unknown;
      raw?: unknown;
      provider?: unknown;
      providerMessage?: unknown;
      fieldErrors?: unknown;
    };
    forms.push(
      ["message", e.message],
      ["String(error)", String(e)],
      ["stack", String(e.stack)],
      ["JSON.stringify", json(e)],
      ["inspect", inspect(e, { depth: 20 })],
    );
    if (typeof e.toJSON === "function") forms.push(["toJSON", json(e.toJSON())]);
    forms.push(
      ["raw", json(e.raw)],
      ["provider", String(e.provider)],
      ["providerMessage", String(e.providerMessage)],
      ["fieldErrors", json(e.fieldErrors)],
    );
    let cause: unknown = e.cause;
    for (let depth = 1; cause !== undefined && depth <= 10; depth++) {
      if (cause instanceof Error) {
        forms.push(
          [`cause[${depth}].message`, cause.message],
          [`cause[${depth}].stack`, String(cause.stack)],
          [`cause[${depth}].inspect`, inspect(cause, { depth: 20 })],
          [`cause[${depth}] fields`, json({ ...cause })],
        );
        cause = cause.cause;
      } else {
        forms.push([`cause[${depth}]`, inspect(cause, { depth: 20 })], [`cause[${depth}] JSON`, json(cause)]);
        cause = undefined;
      }
    }
  } else {
    forms.push(["thrown value", inspect(error, { depth: 20 })]);
  }
  events.forEach((event, i) => forms.push([`log[${i}]`, json(event)], [`log[${i}].inspect`, inspect(event, { depth: 20 })]));
  return forms;
}

export interface Tally {
  paths: number;
  forms: number;
  hits: number;
}

/** Searches every output form of one path; returns readable hits ("form: piece (from)"). */
export function scan(needles: Needles, error: unknown, events: readonly unknown[], tally: Tally): string[] {
  const found: string[] = [];
  tally.paths += 1;
  for (const [form, text] of outputForms(error, events)) {
    tally.forms += 1;
    for (const hit of needles.hits(text)) found.push(`${form}: "${hit.piece}" of ${hit.from} at ${hit.at}`);
  }
  tally.hits += found.length;
  return found;
}

/** Runs a path that must fail and returns what it threw. */
export async function thrown(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}
