/**
 * What each Sipay Wallet operation does (the identity server's token endpoint and the STS API on
 * one server), and the behaviour the shared server runs: Bearer tokens, OAuth2 errors for the
 * token endpoint, ASP.NET binding 400s and FluentValidation 999s for the rest, business failures
 * in HTTP 200.
 */
import type { SimulatorClock } from "../../clock.ts";
import { dispatch, type Handler } from "../../kit/behaviour.ts";
import { minorToNumber } from "../../money.ts";
import type { HandledReply, ProviderBehaviour } from "../../server.ts";
import type { JsonObject } from "../../spec.ts";
import { authenticate, clientValid, SIPAY_WALLET_SCOPES, type SipayWalletCredentials, type TokenStore } from "./auth.ts";
import { SIPAY_WALLET_OTHER_CODES, sipayWalletFailure, validationFailure } from "./errors.ts";
import { currencyIsTry, kurus, longId, notEmpty } from "./input.ts";
import type { LedgerWallet, RecordFilter, SipayWalletLedger } from "./ledger.ts";
import {
  failureReply,
  NOT_FOUND_TYPE,
  oauthError,
  oauthErrorFor,
  problem,
  record,
  success,
  summaryRecord,
  validationReply,
  walletInfo,
} from "./replies.ts";

/**
 * Without start_date/end_date the search covers only the last 3 days (Sipay Business API,
 * Summary Record By Filter: "By default, only records from the last 3 days are returned").
 */
export const SIPAY_WALLET_DEFAULT_SEARCH_DAYS = 3;
/** Records per page when the request names no page_size (not documented; designed). */
export const SIPAY_WALLET_DEFAULT_PAGE_SIZE = 20;

export interface SipayWalletState {
  credentials: SipayWalletCredentials;
  clock: SimulatorClock;
  ledger: SipayWalletLedger;
  tokens: TokenStore;
  tokenTtlSeconds: number;
}

export function sipayWalletBehaviour(state: SipayWalletState): ProviderBehaviour {
  const { credentials, clock, ledger, tokens, tokenTtlSeconds } = state;
  const wallet = (w: LedgerWallet): JsonObject => walletInfo(w, ledger.monthlyTotals(w, clock.now()));

  const handlers: Record<string, Handler> = {
    getToken(body) {
      if (!clientValid(body, credentials)) return { applied: false, ...oauthError(SIPAY_WALLET_OTHER_CODES.invalidClient.code) };
      const scopes = String(body.scope).split(" ").filter(Boolean);
      if (scopes.length === 0 || scopes.some((s) => !SIPAY_WALLET_SCOPES.includes(s)))
        return { applied: false, ...oauthError(SIPAY_WALLET_OTHER_CODES.invalidScope.code) };
      const scope = scopes.join(" ");
      const token = tokens.issue(String(body.client_id), scope, clock.now(), tokenTtlSeconds);
      return { applied: true, body: { access_token: token, expires_in: tokenTtlSeconds, token_type: "Bearer", scope } };
    },

    payment(body) {
      for (const field of [
        "sender_account_number",
        "sender_wallet_number",
        "ext_transaction_id",
        "currency_code",
        "receiver_wallet_number",
      ]) {
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
        sender_wallet_info: wallet(sender),
      });
    },

    refundPaymentInstant: (body) => refund(body, true),
    refundPayment: (body) => refund(body, false),

    transactionReceipt(body) {
      const id = longId(body, "id");
      const transaction = id === undefined ? undefined : ledger.transaction(id);
      if (!transaction) throw sipayWalletFailure("transactionNotFound", `id ${String(body.id)}`);
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
        filter.transactionTypeIds = [
          ...(filter.transactionTypeIds ?? []),
          ...body.transaction_type_code_list.filter((c): c is number => typeof c === "number"),
        ];
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
      if (number === undefined && account === undefined) throw validationFailure("'Wallet Number' must not be empty.");
      const found = number !== undefined ? ledger.wallet(number) : ledger.wallets.find((w) => w.accountNumber === account);
      if (!found || (account !== undefined && found.accountNumber !== account)) {
        throw sipayWalletFailure("walletNotFound", number ?? account);
      }
      return success(wallet(found));
    },
  };

  function refund(body: JsonObject, instant: boolean): HandledReply {
    const txCorrelationId = longId(body, "tx_correlation_id");
    if (txCorrelationId === undefined || txCorrelationId === "0") throw validationFailure("'Tx Correlation Id' must not be empty.");
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
      wallet_info: wallet(payer),
    });
  }

  return {
    notFound: () => problem(404, "Not Found", NOT_FOUND_TYPE),
    authenticate: (req) => authenticate(req, tokens, clock),
    invalidRequest(req, issue) {
      if (req.operation.operationId === "getToken") return oauthError(oauthErrorFor(issue));
      return validationReply(req, issue);
    },
    handle: dispatch(handlers, {
      unhandled: () => ({ applied: false, ...problem(404, "Not Found", NOT_FOUND_TYPE) }),
      failure: failureReply,
    }),
  };
}
