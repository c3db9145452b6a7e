/**
 * The Sipay Wallet simulator: specs/sipay-wallet.yaml served over HTTP. One server plays both hosts
 * of an environment: the IdentityServer (`POST /connect/token`, client credentials, tokens that
 * expire by the simulator clock) and the STS API (Bearer tokens, the `{status, code, message,
 * payload}` envelope, FluentValidation 999s and ASP.NET model-binding 400s), with a ledger of
 * wallets, payments and refunds in integer kuruş and 19-digit ids kept as decimal strings.
 *
 * Ids are written as JSON strings, as the docs' response example does ("7440022202222222022") and
 * as the spec types them; the server never holds one in a JS number.
 */
import { randomBytes } from "node:crypto";
import { createClock, type SimulatorClock } from "../../clock.ts";
import { formatMinor, minorToNumber, MoneyFormatError, parseMinor } from "../../money.ts";
import { createSimulatorServer, type HandledReply, type ProviderBehaviour, type RoutedRequest, type SimReply } from "../../server.ts";
import type { Simulator } from "../../simulator.ts";
import { isObject, loadSpec, type JsonObject, type JsonValue, type LoadedSpec } from "../../spec.ts";
import type { ValidationIssue } from "../../validate.ts";
import {
  displayName,
  SIPAY_WALLET_SUCCESS,
  SipayWalletBindingError,
  SipayWalletFailure,
  SipayWalletValidationError,
} from "./errors.ts";
import { parseLongId } from "./ids.ts";
import {
  SipayWalletLedger,
  TENANT_ID,
  TRANSACTION_TYPES,
  type LedgerTransaction,
  type LedgerWallet,
  type RecordFilter,
  type SipayWalletLedgerView,
} from "./ledger.ts";
import { constantTimeEqual, TokenStore } from "./tokens.ts";

export type SipayWalletCredentials = { clientId: string; clientSecret: string };

/** The client credentials the simulator accepts unless told otherwise (also printed by the CLI). */
export const SIPAY_WALLET_SANDBOX_CREDENTIALS: Readonly<SipayWalletCredentials> = {
  clientId: "sim-client-id",
  clientSecret: "sim-client-secret",
};

/** The scopes the token endpoint grants: the WalletGate test suite's and the Business API's. */
export const SIPAY_WALLET_SCOPES: readonly string[] = ["sts_api", "sts_business_api"];

/**
 * Without start_date/end_date the search covers only the last 3 days (Sipay Business API,
 * Summary Record By Filter: "By default, only records from the last 3 days are returned").
 */
export const SIPAY_WALLET_DEFAULT_SEARCH_DAYS = 3;
/** Records per page when the request names no page_size (not documented; designed). */
export const SIPAY_WALLET_DEFAULT_PAGE_SIZE = 20;

/** The wallets every simulator starts with: a customer's personal wallet (from the docs' example) and a business. */
export const SIPAY_WALLET_DEMO_WALLETS = {
  personal: { walletNumber: "826282822", accountNumber: "EK2828", balance: "100000.00" },
  business: { walletNumber: "500000001", accountNumber: "BK5001", businessCode: "B5001", businessName: "Simülatör Mağazası" },
} as const;

export interface SipayWalletSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  credentials?: SipayWalletCredentials;
  /** Freezes the clock at this time; default: follow real time. */
  now?: Date;
  /** Lifetime of issued tokens by the simulator clock, and their expires_in. Default 3600 (the docs'). */
  tokenTtlSeconds?: number;
  /** Serve this spec instead of specs/sipay-wallet.yaml (tests of the framework). */
  spec?: LoadedSpec;
}

/** A decimal amount in lira: "100.00" (preferred, exact) or a number. */
export type DecimalInput = string | number;

export interface SeedPaymentInput {
  /** Lira, e.g. "100.00". */
  amount: DecimalInput;
  /** Default a fresh "seed-<hex>". */
  extTransactionId?: string;
  /** Default the demo personal wallet; it is topped up if its balance is short. */
  senderWalletNumber?: string;
  /** Default the demo business wallet. */
  receiverWalletNumber?: string;
  description?: string;
  /** When the payment was made; default the simulator clock's now. */
  date?: Date;
}

export interface SeededPayment {
  /** 19 digits, beyond 2^53: keep it a string. */
  transactionId: string;
  extTransactionId: string;
  /** Lira with two decimals, e.g. "100.00". */
  amount: string;
}

export interface SeedWalletInput {
  type: "personal" | "business";
  /** Default a fresh 9-digit number. */
  walletNumber?: string;
  /** Default a fresh "SIM<n>". */
  accountNumber?: string;
  /** Lira; default "0". */
  balance?: DecimalInput;
  name?: string;
  /** Business wallets: default "B<n>". */
  businessCode?: string;
  businessName?: string;
}

export interface SeededWallet {
  /** 19 digits. */
  id: string;
  walletNumber: string;
  accountNumber: string;
  type: "personal" | "business";
  businessCode?: string;
}

export interface SipayWalletSimulator extends Simulator {
  readonly credentials: Readonly<SipayWalletCredentials>;
  /** Read access to wallets and transactions; amounts in kuruş, ids as strings. */
  readonly ledger: SipayWalletLedgerView;
  /** The two wallets every simulator starts with. */
  readonly wallets: { readonly personal: SeededWallet; readonly business: SeededWallet };
  readonly tokenTtlSeconds: number;
  /** How many requests reached POST /connect/token (any outcome). */
  readonly tokenRequests: number;
  /** Invalidates every issued token: the next API call gets a 401. */
  revokeTokens(): void;
  /** Records a completed wallet payment, as if POST /v1/Transaction/Payment had been called. */
  seedPayment(input: SeedPaymentInput): SeededPayment;
  /** Adds a wallet (e.g. a second business, or a personal wallet with a small balance). */
  seedWallet(input: SeedWalletInput): SeededWallet;
}

/** Starts a Sipay Wallet simulator on 127.0.0.1 (serving both the identity and the api host). */
export async function startSipayWalletSimulator(options: SipayWalletSimulatorOptions = {}): Promise<SipayWalletSimulator> {
  const credentials = { ...(options.credentials ?? SIPAY_WALLET_SANDBOX_CREDENTIALS) };
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  if (!Number.isInteger(tokenTtlSeconds) || tokenTtlSeconds < 1) {
    throw new RangeError(`startSipayWalletSimulator: tokenTtlSeconds must be a positive integer, got ${tokenTtlSeconds}`);
  }
  const clock = createClock(options.now);
  const ledger = new SipayWalletLedger();
  const tokens = new TokenStore();
  let walletCounter = 0;

  const seedWallet = (input: SeedWalletInput): SeededWallet => {
    walletCounter += 1;
    let walletNumber = input.walletNumber;
    while (walletNumber === undefined || (input.walletNumber === undefined && ledger.wallet(walletNumber))) {
      walletNumber = String(700_000_000 + walletCounter++);
    }
    const wallet = ledger.addWallet({
      number: walletNumber,
      accountNumber: input.accountNumber ?? `SIM${1000 + walletCounter}`,
      type: input.type,
      name: input.name ?? (input.type === "business" ? (input.businessName ?? null) : ""),
      balance: input.balance === undefined ? 0 : amountOf(input.balance, "seedWallet: balance"),
      currency: "TRY",
      createdAt: clock.now(),
      ...(input.type === "business"
        ? { businessCode: input.businessCode ?? `B${1000 + walletCounter}`, businessName: input.businessName ?? `Business ${walletCounter}` }
        : {}),
    });
    return seededWallet(wallet);
  };

  const demo = SIPAY_WALLET_DEMO_WALLETS;
  const personal = seedWallet({ type: "personal", walletNumber: demo.personal.walletNumber, accountNumber: demo.personal.accountNumber, balance: demo.personal.balance });
  const business = seedWallet({
    type: "business",
    walletNumber: demo.business.walletNumber,
    accountNumber: demo.business.accountNumber,
    businessCode: demo.business.businessCode,
    businessName: demo.business.businessName,
  });

  const server = await createSimulatorServer({
    spec: options.spec ?? loadSpec("sipay-wallet"),
    behaviour: sipayWalletBehaviour({ credentials, clock, ledger, tokens, tokenTtlSeconds }),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });

  return {
    provider: "sipay-wallet",
    url: server.url,
    credentials,
    clock,
    faults: server.faults,
    requests: server.requests,
    ledger,
    wallets: { personal, business },
    tokenTtlSeconds,
    get tokenRequests() {
      return server.requests.filter((r) => r.operationId === "getToken").length;
    },
    revokeTokens: () => tokens.revokeAll(),
    seedWallet,
    seedPayment(input) {
      const amount = amountOf(input.amount, "seedPayment: amount");
      if (amount <= 0) throw new RangeError("seedPayment: amount must be positive");
      const extTransactionId = input.extTransactionId ?? `seed-${randomBytes(6).toString("hex")}`;
      if (ledger.transactionByExtId(extTransactionId)) throw new RangeError(`seedPayment: ext_transaction_id "${extTransactionId}" is already used`);
      const sender = ledger.wallet(input.senderWalletNumber ?? personal.walletNumber);
      if (!sender || sender.type !== "personal") throw new RangeError(`seedPayment: no personal wallet ${input.senderWalletNumber}`);
      // A seed stands for a payment that happened: the payer had the money.
      if (sender.balance < amount) sender.balance = amount;
      const { transaction } = ledger.pay({
        senderAccountNumber: sender.accountNumber,
        senderWalletNumber: sender.number,
        receiverWalletNumber: input.receiverWalletNumber ?? business.walletNumber,
        extTransactionId,
        amount,
        currency: "TRY",
        ...(input.description !== undefined ? { description: input.description } : {}),
        at: input.date ?? clock.now(),
      });
      return { transactionId: transaction.id, extTransactionId, amount: formatMinor(amount, 2) };
    },
    close: () => server.close(),
  };
}

function amountOf(value: DecimalInput, what: string): number {
  try {
    return parseMinor(String(value), 2);
  } catch (error) {
    throw new RangeError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function seededWallet(w: LedgerWallet): SeededWallet {
  return {
    id: w.id,
    walletNumber: w.number,
    accountNumber: w.accountNumber,
    type: w.type,
    ...(w.businessCode !== undefined ? { businessCode: w.businessCode } : {}),
  };
}

interface State {
  credentials: SipayWalletCredentials;
  clock: SimulatorClock;
  ledger: SipayWalletLedger;
  tokens: TokenStore;
  tokenTtlSeconds: number;
}

/** The FluentValidation and model-binding rules the schema cannot express. */
const MONEY_FIELDS = new Set(["amount", "refund_amount"]);
const MAX_AMOUNT = 999_999_999;

function sipayWalletBehaviour(state: State): ProviderBehaviour {
  const { credentials, clock, ledger, tokens, tokenTtlSeconds } = state;

  const success = (payload: JsonValue): HandledReply => ({
    applied: true,
    body: { status: 0, code: SIPAY_WALLET_SUCCESS.code, message: SIPAY_WALLET_SUCCESS.message, payload },
  });

  const handlers: Record<string, (body: JsonObject) => HandledReply> = {
    getToken(body) {
      const idOk = constantTimeEqual(String(body.client_id), credentials.clientId);
      const secretOk = constantTimeEqual(String(body.client_secret), credentials.clientSecret);
      if (!(idOk && secretOk)) return { applied: false, ...oauthError("invalid_client") };
      const scopes = String(body.scope).split(" ").filter(Boolean);
      if (scopes.length === 0 || scopes.some((s) => !SIPAY_WALLET_SCOPES.includes(s))) return { applied: false, ...oauthError("invalid_scope") };
      const scope = scopes.join(" ");
      const token = tokens.issue(String(body.client_id), scope, clock.now(), tokenTtlSeconds);
      return { applied: true, body: { access_token: token, expires_in: tokenTtlSeconds, token_type: "Bearer", scope } };
    },

    payment(body) {
      for (const field of ["sender_account_number", "sender_wallet_number", "ext_transaction_id", "currency_code", "receiver_wallet_number"]) {
        notEmpty(body, field);
      }
      currencyIsTry(body);
      const amount = kurus(body.amount, "amount");
      const { transaction, sender, receiver } = ledger.pay({
        senderAccountNumber: String(body.sender_account_number),
        senderWalletNumber: String(body.sender_wallet_number),
        receiverWalletNumber: String(body.receiver_wallet_number),
        ...(typeof body.business_code === "string" ? { businessCode: body.business_code } : {}),
        extTransactionId: String(body.ext_transaction_id),
        amount,
        currency: String(body.currency_code),
        ...(typeof body.description === "string" ? { description: body.description } : {}),
        at: clock.now(),
      });
      return success({
        transaction_id: transaction.id,
        transaction_amount: minorToNumber(transaction.amount),
        transaction_fee: 0,
        charged_amount: minorToNumber(transaction.amount),
        ext_order_id: null,
        business_code: receiver.businessCode ?? null,
        business_name: receiver.businessName ?? null,
        friendly_name: receiver.name,
        receiver_account_number: receiver.accountNumber,
        receiver_wallet_number: receiver.number,
        sender_wallet_info: walletInfo(sender),
      });
    },

    refundPaymentInstant: (body) => refund(body, true),
    refundPayment: (body) => refund(body, false),

    transactionReceipt(body) {
      const id = longId(body, "id");
      const transaction = id === undefined ? undefined : ledger.transaction(id);
      if (!transaction) throw new SipayWalletFailure("transactionNotFound", `id ${String(body.id)}`);
      return success(record(transaction));
    },

    summaryRecordByFilter(body) {
      const filter: RecordFilter = {};
      const id = longId(body, "id");
      if (id !== undefined) filter.id = id;
      const walletId = longId(body, "wallet_id");
      if (walletId !== undefined) filter.walletId = walletId;
      if (typeof body.ext_transaction_id === "string" && body.ext_transaction_id !== "") filter.extTransactionId = body.ext_transaction_id;
      if (typeof body.tenant_id === "string" && body.tenant_id !== "") filter.tenantId = body.tenant_id;
      if (typeof body.transaction_type_code === "number") filter.transactionTypeIds = [body.transaction_type_code];
      if (Array.isArray(body.transaction_type_code_list) && body.transaction_type_code_list.length > 0) {
        filter.transactionTypeIds = [...(filter.transactionTypeIds ?? []), ...body.transaction_type_code_list.filter((c): c is number => typeof c === "number")];
      }
      const start = typeof body.start_date === "string" ? new Date(body.start_date) : undefined;
      const end = typeof body.end_date === "string" ? new Date(body.end_date) : undefined;
      if (start === undefined && end === undefined) {
        // The documented default window: a search that names no range misses older records.
        const now = clock.now();
        filter.start = new Date(now.getTime() - SIPAY_WALLET_DEFAULT_SEARCH_DAYS * 24 * 3600 * 1000);
        filter.end = now;
      } else {
        if (start !== undefined) filter.start = start;
        if (end !== undefined) filter.end = end;
      }
      const pageIndex = typeof body.page_index === "number" ? body.page_index : 0;
      const pageSize = typeof body.page_size === "number" ? body.page_size : SIPAY_WALLET_DEFAULT_PAGE_SIZE;
      // Newest first unless asked for asc (order_column is taken as CreatedDateUtc, Sipay's example).
      const all = ledger.search(filter).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
      if (body.order_by === "asc") all.reverse();
      const results = all.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
      // The paging fields' names are not readable in the docs (spec: SummaryRecordPage); these
      // are designed, and the facade reads only `results`.
      return success({ results: results.map(summaryRecord), page_index: pageIndex, page_size: pageSize, total_count: all.length });
    },

    walletInfo(body) {
      const number = typeof body.wallet_number === "string" && body.wallet_number !== "" ? body.wallet_number : undefined;
      const account = typeof body.account_number === "string" && body.account_number !== "" ? body.account_number : undefined;
      if (number === undefined && account === undefined) throw new SipayWalletValidationError("'Wallet Number' must not be empty.");
      const wallet =
        number !== undefined ? ledger.wallet(number) : ledger.wallets.find((w) => w.accountNumber === account);
      if (!wallet || (account !== undefined && wallet.accountNumber !== account)) {
        throw new SipayWalletFailure("walletNotFound", number ?? account);
      }
      return success(walletInfo(wallet));
    },
  };

  function refund(body: JsonObject, instant: boolean): HandledReply {
    const txCorrelationId = longId(body, "tx_correlation_id");
    if (txCorrelationId === undefined || txCorrelationId === "0") throw new SipayWalletValidationError("'Tx Correlation Id' must not be empty.");
    notEmpty(body, "ext_transaction_id");
    notEmpty(body, "currency_code");
    currencyIsTry(body);
    const amount = kurus(body.refund_amount, "refund_amount");
    const { transaction, payer } = ledger.refund({
      txCorrelationId,
      extTransactionId: String(body.ext_transaction_id),
      amount,
      currency: String(body.currency_code),
      ...(typeof body.description === "string" ? { description: body.description } : {}),
      instant,
      at: clock.now(),
    });
    return success({
      transaction_id: transaction.id,
      ext_transaction_id: transaction.extTransactionId,
      transaction_amount: minorToNumber(transaction.amount),
      transaction_fee_amount: 0,
      // Designed: the docs' example has 0.0 for a first refund; read as what was refunded before.
      previous_amount: minorToNumber(transaction.previousRefunded),
      wallet_info: walletInfo(payer),
    });
  }

  function walletInfo(w: LedgerWallet): JsonObject {
    const monthly = ledger.monthlyTotals(w, clock.now());
    return {
      id: w.id,
      tenant_id: TENANT_ID,
      name: w.name,
      account_number: w.accountNumber,
      account_type: w.type === "personal" ? "Bireysel" : "Kurumsal",
      created_date_utc: utc(w.createdAt),
      number: w.number,
      phone_country_code: null,
      phone_number: null,
      email: null,
      total_balance: minorToNumber(w.balance),
      monthly_incoming_total: minorToNumber(monthly.incoming),
      monthly_outgoing_total: minorToNumber(monthly.outgoing),
      access_level_status_id: 1,
      access_level_status: "Aktif",
      payment_balance: { available: minorToNumber(w.balance), unavailable: 0 },
      cash_balance: { available: 0, unavailable: 0 },
      transaction_limits: {
        max_balance: 50000,
        topup_credit_limit: 50000,
        topup_cash_limit: 50000,
        withdrawal_limit: 50000,
        payment_limit: 50000,
        wallet_to_wallet_limit: 50000,
      },
      kyc_level_status: null,
      currency_code: w.currency,
      user_kyc_info: null,
      is_topup_default: false,
      tax_number: null,
      loyalty_record_required: false,
    };
  }

  return {
    notFound: () => problem(404, "Not Found", "https://tools.ietf.org/html/rfc7231#section-6.5.4"),

    authenticate(req) {
      if (req.operation.operationId === "getToken") return undefined;
      const check = tokens.check(req.headers.authorization, clock.now());
      if (check.ok) return undefined;
      // ASP.NET JwtBearer: 401 with a WWW-Authenticate challenge; the body is the problem shape.
      const challenge =
        check.reason === "missing"
          ? "Bearer"
          : check.reason === "expired"
            ? `Bearer error="invalid_token", error_description="The token expired at '${check.expiredAt?.toISOString()}'"`
            : 'Bearer error="invalid_token"';
      return { ...problem(401, "Unauthorized", "https://tools.ietf.org/html/rfc7235#section-3.1"), headers: { "www-authenticate": challenge } };
    },

    invalidRequest(req, issue) {
      if (req.operation.operationId === "getToken") return oauthError(oauthErrorFor(issue));
      return validationReply(req, issue);
    },

    handle(req) {
      const handler = handlers[req.operation.operationId];
      const body = isObject(req.body) ? req.body : {};
      try {
        if (!handler) return { applied: false, ...problem(404, "Not Found", "https://tools.ietf.org/html/rfc7231#section-6.5.4") };
        return handler(body);
      } catch (error) {
        return { applied: false, ...failureReply(error) };
      }
    },
  };
}

/** Turns a thrown rule into the API's answer (a business failure, a 999, or a binding 400). */
function failureReply(error: unknown): SimReply {
  if (error instanceof SipayWalletFailure) return businessFailure(error);
  if (error instanceof SipayWalletValidationError) return validationFailure(error.message);
  if (error instanceof SipayWalletBindingError) return bindingProblem({ [error.field]: [error.text] });
  throw error;
}

function businessFailure(failure: SipayWalletFailure): SimReply {
  return { status: 200, body: { status: 2, code: failure.code, message: failure.text, payload: null } };
}

function validationFailure(message: string): SimReply {
  return { status: 400, body: { status: 1, code: "999", message, payload: null } };
}

function traceId(): string {
  return `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-00`;
}

function problem(status: number, title: string, type: string): SimReply {
  return { status, body: { type, title, status, traceId: traceId() } };
}

/** ASP.NET's ValidationProblemDetails for a model-binding failure. */
function bindingProblem(errors: Record<string, string[]>): SimReply {
  return {
    status: 400,
    body: {
      type: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
      title: "One or more validation errors occurred.",
      status: 400,
      traceId: traceId(),
      errors,
    },
  };
}

function oauthError(error: string): SimReply {
  return { status: 400, body: { error } };
}

function oauthErrorFor(issue: ValidationIssue): string {
  if (issue.field === "grant_type") return "unsupported_grant_type";
  if (issue.field === "client_id" || issue.field === "client_secret") return "invalid_client";
  if (issue.field === "scope") return "invalid_scope";
  return "invalid_request";
}

/**
 * A request that breaks the spec's schema, answered the way the STS API would: ASP.NET binding
 * errors first (a wrong type, a malformed id or date, no body), then FluentValidation 999s, and an
 * amount below 0.01 (but not negative) as the business code 315.
 */
function validationReply(req: RoutedRequest, issue: ValidationIssue): SimReply {
  const body = isObject(req.body) ? req.body : undefined;
  if (issue.keyword === "json") return bindingProblem({ $: [issue.reason] });
  if (!body) return bindingProblem({ "": ["A non-empty request body is required."] });
  // Model binding runs before validation: a malformed id wins over any other problem.
  for (const field of ["tx_correlation_id", "id", "wallet_id"]) {
    if (body[field] !== undefined && parseLongId(body[field]) === undefined) {
      return bindingProblem({ [field]: ["The supplied value is invalid."] });
    }
  }
  if (["type", "pattern", "format"].includes(issue.keyword)) return bindingProblem({ [issue.field]: ["The supplied value is invalid."] });
  const name = displayName(issue.field);
  if (issue.keyword === "required") return validationFailure(`'${name}' must not be empty.`);
  const value = body[issue.field];
  if (MONEY_FIELDS.has(issue.field) && typeof value === "number" && (issue.keyword === "minimum" || issue.keyword === "maximum")) {
    if (value >= 0 && value < 0.01) return businessFailure(new SipayWalletFailure("amountTooSmall"));
    return validationFailure(`'${name}' must be between 0 and ${MAX_AMOUNT}. You entered ${String(value)}.`);
  }
  if (issue.keyword === "minimum") {
    const limit = /(\d+)/.exec(issue.reason)?.[1] ?? "0";
    return validationFailure(`'${name}' must be greater than or equal to '${limit}'.`);
  }
  return validationFailure(`'${name}' is not valid.`);
}

/** A string id bound to a long, or undefined when absent; a malformed one is a binding error. */
function longId(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const id = parseLongId(value);
  if (id === undefined) throw new SipayWalletBindingError(field);
  return id;
}

function notEmpty(body: JsonObject, field: string): void {
  const value = body[field];
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    throw new SipayWalletValidationError(`'${displayName(field)}' must not be empty.`);
  }
}

function currencyIsTry(body: JsonObject): void {
  if (body.currency_code !== "TRY") throw new SipayWalletValidationError("'Currency Code' must be equal to 'TRY'.");
}

/** An amount field (a JSON number in lira) in kuruş; more than 2 decimals is a 999, never a rounding. */
function kurus(value: JsonValue | undefined, field: string): number {
  const text = String(value);
  try {
    return parseMinor(text, 2);
  } catch (error) {
    if (!(error instanceof MoneyFormatError)) throw error;
    const [whole = "", fraction = ""] = text.split(".");
    const digits = whole.replace(/^0+/, "").length + fraction.length;
    throw new SipayWalletValidationError(
      `'${displayName(field)}' must not be more than 11 digits in total, with allowance for 2 decimals. ${digits} digits and ${fraction.length} decimals were found.`,
    );
  }
}

function record(t: LedgerTransaction): JsonObject {
  const type = TRANSACTION_TYPES[t.kind];
  return {
    id: t.id,
    ext_transaction_id: t.extTransactionId,
    tenant_id: TENANT_ID,
    wallet_id: t.walletId,
    tx_correlation_id: t.txCorrelationId ?? null,
    transaction_type_code: type.code,
    transaction_type: type.name,
    transaction_status_id: 20,
    transaction_status: "NormalCompleted",
    amount: minorToNumber(t.amount),
    fee_amount: 0,
    currency_code: t.currency,
    sender_wallet_number: t.senderWalletNumber,
    receiver_wallet_number: t.receiverWalletNumber,
    description: t.description ?? null,
    created_date_utc: utc(t.createdAt),
  };
}

/** A record as summaryRecordByFilter returns it (spec SummaryRecord, the docs' field names). */
function summaryRecord(t: LedgerTransaction): JsonObject {
  const type = TRANSACTION_TYPES[t.kind];
  const at = utc(t.createdAt);
  const amount = minorToNumber(t.amount);
  return {
    id: t.id,
    tenant_id: TENANT_ID,
    tx_group_correlation_id: "0",
    // Designed: the docs name the field but not what it links; here a refund's payment.
    tx_ref_correlation_id: t.txCorrelationId ?? "0",
    wallet_id: t.walletId,
    transaction_type_id: type.id,
    transaction_type: type.name,
    transaction_status_id: 20,
    transaction_status: "NormalCompleted",
    result_code: "Success",
    tx_additional_data_json: null,
    created_date_utc: at,
    updated_date_utc: at,
    completed_date_utc: at,
    financial_process_completed_date_utc: null,
    is_financial_process_completed: false,
    to_wallet_id: null,
    tx_base_amount: amount,
    tx_additional_fee: 0,
    tx_amount_with_additional_fee: amount,
    currency_code: t.currency,
    tx_end_user_preview_json: "",
    tx_pre_financial_acquired_record_json: null,
    tx_financial_acquired_record_json: null,
    from_description: null,
    to_description: null,
    tx_description: t.description ?? "",
    kyc_level_id: null,
    from_account_type_id: null,
    from_account_id: null,
    from_wallet_number: t.senderWalletNumber,
    from_account_number: null,
    to_account_number: null,
    to_account_type_id: null,
    to_account_id: null,
    to_wallet_number: t.receiverWalletNumber,
    is_need_settlement: false,
    settlement_day: 0,
    ext_transaction_id: t.extTransactionId,
    from_user_kyc_info: null,
    to_user_kyc_info: null,
  };
}

/** "2021-10-19T12:05:41.000+00:00", the docs' style of UTC timestamp. */
function utc(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
