/**
 * The STS API's answers: the `{status, code, message, payload}` envelope (status 0 success, 1 a
 * FluentValidation 999 in HTTP 400, 2 a business failure in HTTP 200), ASP.NET problem details for
 * 401, 404 and model-binding 400s, the identity server's OAuth2 errors, and the bodies built from
 * the ledger. Ids are written as JSON strings, as the docs' response example does
 * ("7440022202222222022") and as the spec types them; the server never holds one in a JS number.
 */
import { randomBytes } from "node:crypto";
import type { ProviderFailure } from "../../kit/failure.ts";
import { minorToNumber } from "../../money.ts";
import type { HandledReply, RoutedRequest, SimReply } from "../../server.ts";
import { isObject, type JsonObject, type JsonValue } from "../../spec.ts";
import type { ValidationIssue } from "../../validate.ts";
import { describeFailure, displayName, SIPAY_WALLET_OTHER_CODES, SIPAY_WALLET_SUCCESS, sipayWalletFailure } from "./errors.ts";
import { parseLongId } from "./ids.ts";
import { MAX_AMOUNT, MONEY_FIELDS } from "./input.ts";
import { TENANT_ID, TRANSACTION_TYPES, type LedgerTransaction, type LedgerWallet } from "./ledger.ts";

/** A success: status 0, code 100, the payload. */
export function success(payload: JsonValue): HandledReply {
  return { applied: true, body: { status: 0, code: SIPAY_WALLET_SUCCESS.code, message: SIPAY_WALLET_SUCCESS.message, payload } };
}

export const NOT_FOUND_TYPE = "https://tools.ietf.org/html/rfc7231#section-6.5.4";

/** Turns a thrown rule into the API's answer (a business failure, a 999, or a binding 400). */
export function failureReply(error: ProviderFailure): SimReply {
  if (error.key === "validation") return validationFailureReply(error.detail ?? "");
  if (error.key === "binding") return bindingProblem({ [error.field ?? ""]: [error.detail ?? ""] });
  return businessFailure(error);
}

export function businessFailure(failure: ProviderFailure): SimReply {
  const { code, text } = describeFailure(failure);
  return { status: 200, body: { status: 2, code, message: text, payload: null } };
}

export function validationFailureReply(message: string): SimReply {
  return { status: 400, body: { status: 1, code: SIPAY_WALLET_OTHER_CODES.validation.code, message, payload: null } };
}

function traceId(): string {
  return `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-00`;
}

export function problem(status: number, title: string, type: string): SimReply {
  return { status, body: { type, title, status, traceId: traceId() } };
}

/** ASP.NET's ValidationProblemDetails for a model-binding failure. */
export function bindingProblem(errors: Record<string, string[]>): SimReply {
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

export function oauthError(error: string): SimReply {
  return { status: 400, body: { error } };
}

export function oauthErrorFor(issue: ValidationIssue): string {
  if (issue.field === "grant_type") return SIPAY_WALLET_OTHER_CODES.unsupportedGrantType.code;
  if (issue.field === "client_id" || issue.field === "client_secret") return SIPAY_WALLET_OTHER_CODES.invalidClient.code;
  if (issue.field === "scope") return SIPAY_WALLET_OTHER_CODES.invalidScope.code;
  return SIPAY_WALLET_OTHER_CODES.invalidRequest.code;
}

/**
 * A request that breaks the spec's schema, answered the way the STS API would: ASP.NET binding
 * errors first (a wrong type, a malformed id or date, no body), then FluentValidation 999s, and an
 * amount below 0.01 (but not negative) as the business code 315.
 */
export function validationReply(req: RoutedRequest, issue: ValidationIssue): SimReply {
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
  if (issue.keyword === "required") return validationFailureReply(`'${name}' must not be empty.`);
  const value = body[issue.field];
  if (MONEY_FIELDS.has(issue.field) && typeof value === "number" && (issue.keyword === "minimum" || issue.keyword === "maximum")) {
    if (value >= 0 && value < 0.01) return businessFailure(sipayWalletFailure("amountTooSmall"));
    return validationFailureReply(`'${name}' must be between 0 and ${MAX_AMOUNT}. You entered ${String(value)}.`);
  }
  if (issue.keyword === "minimum") {
    const limit = /(\d+)/.exec(issue.reason)?.[1] ?? "0";
    return validationFailureReply(`'${name}' must be greater than or equal to '${limit}'.`);
  }
  return validationFailureReply(`'${name}' is not valid.`);
}

export function record(t: LedgerTransaction): JsonObject {
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
export function summaryRecord(t: LedgerTransaction): JsonObject {
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
export function utc(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** WalletInfo: the wallet, with its incoming and outgoing totals of this calendar month. */
export function walletInfo(w: LedgerWallet, monthly: { incoming: number; outgoing: number }): JsonObject {
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
