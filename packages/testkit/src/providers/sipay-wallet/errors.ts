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

/** A business failure (status 2, HTTP 200), thrown by the ledger. */
export class SipayWalletFailure extends Error {
  override readonly name = "SipayWalletFailure";
  constructor(
    readonly key: SipayWalletErrorKey,
    readonly detail?: string,
  ) {
    super(`${SIPAY_WALLET_ERRORS[key].code} ${SIPAY_WALLET_ERRORS[key].message}${detail ? ` (${detail})` : ""}`);
  }

  get code(): string {
    return SIPAY_WALLET_ERRORS[this.key].code;
  }

  get text(): string {
    const { message } = SIPAY_WALLET_ERRORS[this.key];
    return this.detail ? `${message} (${this.detail})` : message;
  }
}

/** A FluentValidation failure (status 1, code 999, HTTP 400), e.g. "'Currency Code' must not be empty.". */
export class SipayWalletValidationError extends Error {
  override readonly name = "SipayWalletValidationError";
}

/** An ASP.NET model-binding failure (HTTP 400 problem details with `errors: {field: [message]}`). */
export class SipayWalletBindingError extends Error {
  override readonly name = "SipayWalletBindingError";
  constructor(
    readonly field: string,
    readonly text = "The supplied value is invalid.",
  ) {
    super(`${field}: ${text}`);
  }
}

/** FluentValidation's display name of a property: "refund_amount" -> "Refund Amount". */
export function displayName(field: string): string {
  const last = field.split(".").pop()?.replace(/\[\d+\]$/, "") ?? field;
  return last
    .split("_")
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}
