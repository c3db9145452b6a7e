/**
 * The Sipay Wallet (WalletGate STS API) answers the simulator gives. Every code is one of
 * specs/sipay-wallet.yaml's x-odeme-errors (sources: walletapi.sipay.com.tr, the Business API docs
 * and WalletGate's Katalon test suite, see reference/providers.md §2). Only "İşlem başarılı" (100)
 * and the FluentValidation wording of 999 are confirmed texts; the other messages are the
 * reference's English glosses, worded by the simulator.
 *
 * Envelope: `{status, code, message, payload}`; status 0 = success (HTTP 200), 1 = validation
 * (code 999, HTTP 400), 2 = business failure (HTTP 200).
 */
import { failureOf, ProviderFailure, withDetail } from "../../kit/failure.ts";

export interface SipayWalletErrorEntry {
  code: string;
  message: string;
}

export const SIPAY_WALLET_SUCCESS = { code: "100", message: "İşlem başarılı" } as const;

export const SIPAY_WALLET_ERRORS = {
  walletNotFound: { code: "300", message: "Wallet not found" },
  duplicate: { code: "301", message: "Duplicate: ext_transaction_id has already been used" },
  sameWallet: { code: "303", message: "MustBeDifferentWallet: the sender and receiver wallets must be different" },
  businessNotFound: { code: "304", message: "Business not found for the number" },
  insufficientBalance: { code: "311", message: "Insufficient wallet balance" },
  transactionNotFound: { code: "312", message: "Transaction record not found" },
  // 315 is one code for several amount problems; the message tells them apart (spec: x-odeme-errors).
  amountExceedsRefundable: { code: "315", message: "Invalid amount: amount exceeds the refundable amount" },
  fullRefundDone: { code: "315", message: "Invalid amount: full refund already done" },
  amountTooSmall: { code: "315", message: "Invalid amount: amount can't be < 0.01" },
} as const satisfies Record<string, SipayWalletErrorEntry>;

export type SipayWalletErrorKey = keyof typeof SIPAY_WALLET_ERRORS;

/**
 * The other codes the simulator answers with: FluentValidation's 999 (status 1, HTTP 400) and the
 * identity server's OAuth2 errors (RFC 6749 §5.2, HTTP 400 `{error}`).
 */
export const SIPAY_WALLET_OTHER_CODES = {
  validation: { code: "999" },
  invalidClient: { code: "invalid_client" },
  invalidScope: { code: "invalid_scope" },
  // Not in the spec: the client maps these two by their HTTP status 400 (invalid_request).
  unsupportedGrantType: { code: "unsupported_grant_type" },
  invalidRequest: { code: "invalid_request" },
} as const;

/** A business failure (status 2, HTTP 200), thrown by the ledger. */
export const sipayWalletFailure = failureOf(SIPAY_WALLET_ERRORS);

/** A FluentValidation failure (status 1, code 999, HTTP 400), e.g. "'Currency Code' must not be empty.". */
export function validationFailure(message: string): ProviderFailure<"validation"> {
  return new ProviderFailure("validation", message);
}

/** An ASP.NET model-binding failure (HTTP 400 problem details with `errors: {field: [message]}`). */
export function bindingFailure(field: string, text = "The supplied value is invalid."): ProviderFailure<"binding"> {
  return new ProviderFailure("binding", text, { field });
}

/** The business failure's code and message: the entry's message, then the detail. */
export function describeFailure(failure: ProviderFailure): { code: string; text: string } {
  const entry = SIPAY_WALLET_ERRORS[failure.key as SipayWalletErrorKey];
  return { code: entry.code, text: withDetail(entry.message, failure.detail, "parens") };
}

/** FluentValidation's display name of a property: "refund_amount" -> "Refund Amount". */
export function displayName(field: string): string {
  const last =
    field
      .split(".")
      .pop()
      ?.replace(/\[\d+\]$/, "") ?? field;
  return last
    .split("_")
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}
